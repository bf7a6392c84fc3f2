// Real members on the real stack: created through Supabase Auth's admin API,
// signed in with supabase-js, so their claims are what the app would verify.
import { createClient } from '@supabase/supabase-js';
import { decodeJwt } from 'jose';
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import ws from 'ws';
import type { Claims } from '$lib/server/data/db';
import { clientAddress } from '../support/addresses';

const url = process.env.PUBLIC_SUPABASE_URL!;

/** A client of Auth from an address of its own (Auth limits sign-ins per IP). */
export function authClient(key = process.env.PUBLIC_SUPABASE_ANON_KEY!) {
	return createClient(url, key, {
		auth: { persistSession: false, autoRefreshToken: false },
		global: { headers: { 'X-Forwarded-For': clientAddress() } },
		realtime: { transport: ws as never }
	});
}

/** The database owner, for arranging what no API role may do (never for the code under test). */
export const owner = postgres(process.env.TEST_DATABASE_URL!, { max: 2, onnotice: () => {} });

export type SignedIn = { claims: Claims; client: ReturnType<typeof authClient> };
export type TestMember = SignedIn & {
	id: string;
	email: string;
	password: string;
	pseudonym: string;
};

export async function createMember(
	options: { role?: 'member' | 'counsellor' | 'admin'; locale?: 'de' | 'en' } = {}
): Promise<TestMember> {
	const suffix = randomUUID().slice(0, 8);
	const email = `member-${suffix}@example.org`;
	const password = `Passwort-${suffix}-1`;
	const pseudonym = `Test_${suffix}`;
	const admin = authClient(process.env.SUPABASE_SERVICE_ROLE_KEY!);
	const { data, error } = await admin.auth.admin.createUser({
		email,
		password,
		email_confirm: true,
		user_metadata: { pseudonym, locale: options.locale ?? 'de' }
	});
	if (error) throw error;
	if (options.role && options.role !== 'member') {
		await owner`update public.members set site_role = ${options.role} where id = ${data.user.id}`;
	}
	return { id: data.user.id, email, password, pseudonym, ...(await signIn(email, password)) };
}

/** A new session: its access token's claims and the client holding it. */
export async function signIn(email: string, password: string): Promise<SignedIn> {
	const client = authClient();
	const { data, error } = await client.auth.signInWithPassword({ email, password });
	if (error) throw error;
	return { claims: decodeJwt(data.session.access_token) as Claims, client };
}

/** Every page of a list read by position (cursor.ts), following each page's `next` (at most 200). */
export async function allPages<P extends { next: string | null }>(
	read: (after: string | null) => Promise<P>
) {
	const pages: P[] = [];
	let after: string | null = null;
	do {
		const page: P = await read(after);
		pages.push(page);
		after = page.next;
	} while (after && pages.length < 200);
	return pages;
}
