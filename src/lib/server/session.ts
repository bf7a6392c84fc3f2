// Who is asking: verified claims and their member, or a visitor.
import type { Claims } from './db';
import * as members from './members';
import type { Supabase } from './supabase';

// A token verified once stays verified until it is about to expire: its signature cannot
// change. Kept by the exact session cookies, so only a byte-identical token is taken for
// verified; the session itself is still checked on every request (members.current).
// Shortly before expiry Auth's client refreshes the token, so from then on it verifies
// again (the same margin as its own, 90 s, and some).
const verified = new Map<string, Claims & { exp: number }>();
const capacity = 10_000;
const refreshMarginMs = 120_000;

type Cookie = { name: string; value: string };

function sessionCookies(cookies: Cookie[]) {
	return cookies
		.filter((cookie) => cookie.name.startsWith('sb-') && cookie.name.includes('-auth-token'))
		.map((cookie) => `${cookie.name}=${cookie.value}`)
		.sort()
		.join('; ');
}

async function verify(supabase: () => Supabase, cookies: () => Cookie[]): Promise<Claims | null> {
	const key = sessionCookies(cookies());
	if (!key) return null;
	const known = verified.get(key);
	if (known && known.exp * 1000 - Date.now() > refreshMarginMs) return known;
	verified.delete(key);
	const { data, error } = await supabase().auth.getClaims();
	const claims = !error && data?.claims?.sub ? (data.claims as Claims & { exp: number }) : null;
	// Kept by the cookies the browser sends next: the new ones when the token was refreshed.
	const next = sessionCookies(cookies());
	if (claims && next && typeof claims.exp === 'number') {
		verified.set(next, claims);
		if (verified.size > capacity) verified.delete(verified.keys().next().value!);
	}
	return claims;
}

export async function load(supabase: () => Supabase, cookies: () => Cookie[]) {
	const claims = await verify(supabase, cookies);
	if (!claims) return { claims: null, member: null };
	const member = await members.current(claims);
	if (!member) {
		// The session was revoked (signed out elsewhere, password changed, account
		// deleted): drop its cookies so the browser stops sending a dead token.
		verified.delete(sessionCookies(cookies()));
		await supabase().auth.signOut({ scope: 'local' });
		return { claims: null, member: null };
	}
	return { claims, member };
}
