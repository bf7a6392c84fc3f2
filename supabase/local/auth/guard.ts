// GoTrue's auth middleware: the Bearer token, its claims, the user and session
// behind it (requireAuthentication), and the admin check (requireAdmin).
import type { JWTPayload } from 'jose';
import type { App } from './app.ts';
import { badRequest, forbidden, unauthorized } from './errors.ts';
import { header, type Request } from './http.ts';
import { verifyJwt } from './tokens.ts';
import { findUserById, isBanned, withScanError, type UserRow } from './users.ts';
import { nilUuid } from './db.ts';
import { sessionValidity } from './sessions.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
	return uuidPattern.test(value);
}

export type SessionRow = {
	id: string;
	user_id: string;
	created_at: string;
	not_after: string | null;
};

export type Authenticated = { claims: JWTPayload; user: UserRow; session: SessionRow | null };

function bearerToken(request: Request): string {
	const match = /^[Bb]earer (\S+)$/.exec(header(request, 'authorization') ?? '');
	if (!match) throw unauthorized('no_authorization', 'This endpoint requires a valid Bearer token');
	return match[1];
}

export async function requireAuthentication(app: App, request: Request): Promise<Authenticated> {
	const claims = await verifyJwt(app.keys, bearerToken(request));
	if (!claims.sub) throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
	if (!isUuid(claims.sub)) throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID');
	const user = await withScanError(
		findUserById(app.sql, claims.sub),
		'Database error finding user'
	);
	if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');

	let session: SessionRow | null = null;
	const sessionId = typeof claims.session_id === 'string' ? claims.session_id : '';
	if (sessionId !== '') {
		if (!isUuid(sessionId))
			throw badRequest('bad_jwt', 'invalid claim: session_id claim must be a UUID');
		// A nil session id is treated as "no session", as GoTrue does.
		if (sessionId !== nilUuid) {
			[session = null] = await app.sql<SessionRow[]>`
				select id, user_id, created_at, not_after from auth.sessions where id = ${sessionId}`;
			if (!session)
				throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
			// A session past its timebox or inactivity timeout ends here too, not only at refresh.
			if ((await sessionValidity(app, app.sql, session.id)) !== 'valid')
				throw forbidden('session_expired', 'Session is no longer valid');
		}
	}
	if (isBanned(user)) throw forbidden('user_banned', 'User is banned');
	return { claims, user, session };
}

const adminRoles = ['service_role', 'supabase_admin'];

/** requireAdminCredentials: a verified JWT whose role is an admin role. */
export async function requireAdmin(app: App, request: Request): Promise<{ role: string }> {
	const claims = await verifyJwt(app.keys, bearerToken(request));
	const sessionId = typeof claims.session_id === 'string' ? claims.session_id : '';
	if (isUuid(sessionId) && sessionId !== nilUuid) {
		const [session] = await app.sql`select 1 from auth.sessions where id = ${sessionId}`;
		if (!session)
			throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
	}
	const role = typeof claims.role === 'string' ? claims.role : '';
	if (!adminRoles.includes(role)) throw forbidden('not_admin', 'User not allowed');
	return { role };
}
