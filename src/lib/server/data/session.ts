// Who is asking: verified claims and their member, or a visitor.
import { checkingSession, type Claims, type SessionCheck } from './db';
import { Kept } from './kept';
import * as members from '../members/members';
import type { CurrentMember } from '../members/members';
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

/**
 * The token's claims when Auth's client verifies it; null for a token that fails in any
 * way. The client throws on some forged headers (`alg: none` or RS256 with our key id,
 * a header that is no JSON): those are a visitor too, never a 500. The client is made
 * before: a server that cannot make it (behind a proxy that sent no address header, see
 * ADDRESS_HEADER) is set up wrongly, and quietly serving its members as visitors hid that.
 */
async function verifiedClaims(supabase: () => Supabase) {
	const client = supabase();
	try {
		const { data, error } = await client.auth.getClaims();
		return !error && data?.claims?.sub ? (data.claims as Claims & { exp: number }) : null;
	} catch {
		return null;
	}
}

async function verify(supabase: () => Supabase, cookies: () => Cookie[]): Promise<Claims | null> {
	const key = sessionCookies(cookies());
	if (!key) return null;
	const known = verified.get(key);
	if (known && known.exp * 1000 - Date.now() > refreshMarginMs) return known;
	verified.delete(key);
	const claims = await verifiedClaims(supabase);
	// Kept by the cookies the browser sends next: the new ones when the token was refreshed.
	const next = sessionCookies(cookies());
	if (claims && next && typeof claims.exp === 'number') {
		verified.set(next, claims);
		if (verified.size > capacity) verified.delete(verified.keys().next().value!);
	}
	return claims;
}

// The member as the last check of their session found them, by session. A request that
// only reads (GET, HEAD) is handled with this copy, and its check goes out with the
// page's own first transaction instead of in one of its own: the page is sent only if
// the check finds the session active and the member unchanged (Confirmation).
const keptMembers = new Kept<CurrentMember>(10_000);
const sessionOf = (claims: Claims) =>
	typeof claims.session_id === 'string' ? claims.session_id : null;

export type SignedIn =
	| { claims: null; member: null; confirmation?: undefined }
	| { claims: Claims; member: CurrentMember; confirmation?: Confirmation };

export async function load(
	supabase: () => Supabase,
	cookies: () => Cookie[],
	method: string
): Promise<SignedIn> {
	const claims = await verify(supabase, cookies);
	if (!claims) return { claims: null, member: null };
	const key = sessionOf(claims);
	const reading = method === 'GET' || method === 'HEAD';
	const kept = key && reading ? keptMembers.get(key) : undefined;
	if (kept) return { claims, member: kept, confirmation: new Confirmation(claims, kept) };
	// A request that may change the member (a form sent): the next page asks first again.
	if (key) keptMembers.delete(key);
	const member = await members.current(claims);
	if (!member) {
		// The session was revoked (signed out elsewhere, password changed, account
		// deleted): drop its cookies so the browser stops sending a dead token.
		verified.delete(sessionCookies(cookies()));
		await supabase().auth.signOut({ scope: 'local' });
		return { claims: null, member: null };
	}
	// Shared by the session's requests that follow: frozen, so none changes it for the others.
	if (key && reading) keptMembers.set(key, Object.freeze(member));
	return { claims, member };
}

const sameMember = (a: CurrentMember, b: CurrentMember) =>
	(Object.keys(a) as Array<keyof CurrentMember>).every((field) => a[field] === b[field]);

/** The session check of a request handled with a kept member. */
export class Confirmation {
	#found: CurrentMember | null | undefined;
	readonly #claims: Claims;
	readonly #check: SessionCheck;

	constructor(
		claims: Claims,
		readonly kept: CurrentMember
	) {
		this.#claims = claims;
		this.#check = {
			claims,
			query: async (tx) => {
				this.#found = await members.current(claims, tx);
				return this.#found !== null;
			}
		};
	}

	/** Handles the request with the check riding along its first transaction as the claims (db.ts). */
	during<T>(handle: () => T) {
		return checkingSession(this.#check, handle);
	}

	/**
	 * Whether what was made for the kept member may be sent: the session is active and the
	 * member as kept (language, roles, unread notifications…). A request that ran no
	 * transaction as the member asks now. Otherwise the next request asks first.
	 */
	async holds() {
		await this.#check.active?.catch(() => {});
		if (this.#found === undefined) this.#found = await members.current(this.#claims);
		if (this.#found && sameMember(this.#found, this.kept)) return true;
		const key = sessionOf(this.#claims);
		if (key) keptMembers.delete(key);
		return false;
	}
}
