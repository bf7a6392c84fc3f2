// Sessions, refresh tokens (GoTrue's legacy 12-character scheme), AMR claims and
// the AccessTokenResponse every sign-in path returns.
import { randomBytes, randomUUID } from 'node:crypto';
import type { App } from './app.ts';
import { nilUuid, type Db } from './db.ts';
import { internalError } from './errors.ts';
import { header, type Request } from './http.ts';
import { signAccessToken } from './tokens.ts';
import { findUserById, goMap, loadIdentities, userJson, type Json } from './users.ts';

/** models.AuthenticationMethod values as stored in auth.mfa_amr_claims. */
export type AuthMethod =
	'password' | 'otp' | 'email/signup' | 'recovery' | 'magiclink' | 'invite' | 'email_change';

export type Grant = { userAgent: string | null; ip: string | null };

/** GrantParams.FillGrantParams: the client recorded on the session. */
export function grantOf(request: Request): Grant {
	return { userAgent: header(request, 'user-agent') ?? null, ip: request.ip };
}

export type TokenResponse = {
	access_token: string;
	token_type: 'bearer';
	expires_in: number;
	expires_at: number;
	refresh_token: string;
	user: Json;
	weak_password?: { message: string; reasons: string[] };
};

/** crypto.SecureAlphanumeric(12): lower-case base32 of random bytes. */
function newRefreshToken(): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
	return [...randomBytes(12)].map((byte) => alphabet[byte & 31]).join('');
}

export async function insertRefreshToken(
	db: Db,
	userId: string,
	sessionId: string,
	parent: string | null
) {
	const token = newRefreshToken();
	await db`
		insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
		values (${nilUuid}, ${token}, ${userId}, false, now(), now(), ${parent}, ${sessionId})`;
	return token;
}

/** AddClaimToSession: one row per method, its timestamp refreshed on reuse. */
async function addAmrClaim(db: Db, sessionId: string, method: AuthMethod) {
	await db`
		insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
		values (${randomUUID()}, ${sessionId}, now(), now(), ${method})
		on conflict (session_id, authentication_method) do update set updated_at = now()`;
}

/** A signed access token for the session, claims in GoTrue's order (B.5). */
async function accessToken(app: App, db: Db, userId: string, sessionId: string) {
	const user = await findUserById(db, userId);
	const [session] = await db<
		{ aal: string | null }[]
	>`select aal from auth.sessions where id = ${sessionId}`;
	if (!user || !session) throw internalError('error generating jwt token');
	const claims = await db<{ authentication_method: string; updated_at: string }[]>`
		select authentication_method, updated_at from auth.mfa_amr_claims
		where session_id = ${sessionId} order by updated_at desc`;
	const iat = Math.floor(Date.now() / 1000);
	const exp = iat + app.config.jwtExpirySeconds;
	const token = await signAccessToken(app.keys, {
		iss: app.externalUrl,
		sub: user.id,
		aud: user.aud,
		exp,
		iat,
		email: user.email ?? '',
		phone: user.phone ?? '',
		app_metadata: goMap(user.raw_app_meta_data),
		user_metadata: goMap(user.raw_user_meta_data),
		role: user.role,
		aal: session.aal ?? 'aal1',
		amr: claims.map((c) => ({
			method: c.authentication_method,
			timestamp: Math.floor(Date.parse(c.updated_at) / 1000)
		})),
		session_id: sessionId,
		is_anonymous: user.is_anonymous
	});
	return { token, exp };
}

export async function tokenResponse(
	app: App,
	db: Db,
	userId: string,
	sessionId: string,
	refreshToken: string
) {
	const { token, exp } = await accessToken(app, db, userId, sessionId);
	const user = await findUserById(db, userId);
	if (!user) throw internalError('Database error loading user');
	const response: TokenResponse = {
		access_token: token,
		token_type: 'bearer',
		expires_in: app.config.jwtExpirySeconds,
		expires_at: exp,
		refresh_token: refreshToken,
		user: userJson(user, await loadIdentities(db, userId))
	};
	return response;
}

/**
 * IssueRefreshToken: a new session with its first refresh token, last_sign_in_at
 * stamped, the AMR claim recorded, and the AccessTokenResponse.
 */
export async function issueSession(
	app: App,
	db: Db,
	userId: string,
	method: AuthMethod,
	grant: Grant
) {
	const sessionId = randomUUID();
	await db`
		insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
		values (${sessionId}, ${userId}, now(), now(), 'aal1', ${grant.userAgent || null}, ${grant.ip || null})`;
	const refreshToken = await insertRefreshToken(db, userId, sessionId, null);
	await db`update auth.users set last_sign_in_at = now(), updated_at = now() where id = ${userId}`;
	await addAmrClaim(db, sessionId, method);
	return tokenResponse(app, db, userId, sessionId, refreshToken);
}

/** models.Logout / LogoutSession / LogoutAllExceptMe: refresh tokens and AMR claims cascade. */
export async function deleteSessions(db: Db, userId: string, keep?: string) {
	await db`delete from auth.sessions where user_id = ${userId} and id <> ${keep ?? nilUuid}`;
}

export type SessionValidity = 'valid' | 'expired' | 'timed_out';

/**
 * Session.CheckValidity: past not_after or the timebox ([auth.sessions]) it has expired;
 * not refreshed within the inactivity timeout it has timed out. Its last refresh is
 * refreshed_at, else the presented refresh token's updated_at when later than the
 * session's start (LastRefreshedAt). Asked on every refresh and token check.
 */
export async function sessionValidity(
	app: App,
	db: Db,
	sessionId: string,
	refreshTokenUpdatedAt: Date | null = null
): Promise<SessionValidity> {
	const { timeboxMs, inactivityTimeoutMs } = app.config.sessions;
	const [row] = await db<{ expired: boolean; timed_out: boolean }[]>`
		select
			coalesce(not_after < now(), false)
				or (${timeboxMs}::float8 > 0 and now() > created_at + make_interval(secs => ${timeboxMs}::float8 / 1000))
				as expired,
			${inactivityTimeoutMs}::float8 > 0 and now() > coalesce(
				refreshed_at at time zone 'UTC',
				greatest(created_at, ${refreshTokenUpdatedAt}::timestamptz)
			) + make_interval(secs => ${inactivityTimeoutMs}::float8 / 1000) as timed_out
		from auth.sessions where id = ${sessionId}`;
	if (!row) return 'valid';
	return row.expired ? 'expired' : row.timed_out ? 'timed_out' : 'valid';
}
