// A member's rights over their data: a full export, and deletion of the account.
import { createClient } from '@supabase/supabase-js';
import { env as publicEnv } from '$env/dynamic/public';
import { env } from '$env/dynamic/private';
import ws from 'ws';
import type { Claims } from '../data/db';
import { transaction } from '../data/db';

export async function exportData(claims: Claims) {
	const [row] = await transaction(claims, (tx) => tx`select public.export_my_data() as data`);
	return row.data as Record<string, unknown>;
}

/**
 * Deletes the auth user through Supabase Auth's admin API. The database does the
 * rest: the member row and everything only theirs go with it (cascades), their
 * posts stay readable without an author ("deleted member"), their sessions end.
 */
export async function deleteAccount(claims: Claims) {
	const admin = createClient(
		publicEnv.PUBLIC_SUPABASE_URL ?? '',
		env.SUPABASE_SERVICE_ROLE_KEY ?? '',
		{
			auth: { persistSession: false, autoRefreshToken: false },
			realtime: { transport: ws as never }
		}
	);
	const { error } = await admin.auth.admin.deleteUser(claims.sub);
	if (error) throw error;
}
