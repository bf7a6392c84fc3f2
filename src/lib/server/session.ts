// Who is asking: verified claims and their member, or a visitor.
import type { Claims } from './db';
import * as members from './members';
import type { Supabase } from './supabase';

export async function load(supabase: Supabase) {
	const { data, error } = await supabase.auth.getClaims();
	const claims = !error && data?.claims?.sub ? (data.claims as Claims) : null;
	if (!claims) return { claims: null, member: null };
	const member = await members.current(claims);
	if (!member) {
		// The session was revoked (signed out elsewhere, password changed, account
		// deleted): drop its cookies so the browser stops sending a dead token.
		await supabase.auth.signOut({ scope: 'local' });
		return { claims: null, member: null };
	}
	return { claims, member };
}
