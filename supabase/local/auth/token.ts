// POST /token?grant_type=password|refresh_token|pkce (GoTrue's token.go and
// token_refresh.go), including refresh-token rotation and the reuse interval.
import { setTimeout as sleep } from 'node:timers/promises';
import { audience, type App } from './app.ts';
import type { Db } from './db.ts';
import { audit } from './audit.ts';
import {
	ApiError,
	badRequest,
	internalError,
	OAuthError,
	unprocessable,
	WeakPasswordError
} from './errors.ts';
import { fields, json, jsonBody, type Reply, type Request } from './http.ts';
import { checkPasswordStrength, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { findFlowState, verifyCodeVerifier } from './pkce.ts';
import {
	grantOf,
	insertRefreshToken,
	issueSession,
	sessionValidity,
	tokenResponse,
	type AuthMethod
} from './sessions.ts';
import { findUserByEmail, findUserById, isBanned, withScanError } from './users.ts';

const invalidLogin = () => badRequest('invalid_credentials', 'Invalid login credentials');

const grants: Record<string, (app: App, request: Request) => Promise<Reply>> = {
	password: passwordGrant,
	refresh_token: refreshGrant,
	pkce: pkceGrant
};

export async function token(app: App, request: Request): Promise<Reply> {
	const grant = grants[request.url.searchParams.get('grant_type') ?? ''];
	if (!grant) throw badRequest('invalid_credentials', 'unsupported_grant_type');
	// Every grant spends the same per-IP budget (token_refresh), sign-ins included.
	app.limits.checkRequest('token', request);
	return grant(app, request);
}

async function passwordGrant(app: App, request: Request): Promise<Reply> {
	const body = fields(jsonBody(request), 'PasswordGrantParams');
	const email = body.string('email');
	const phone = body.string('phone');
	const password = body.string('password');
	if (email !== '' && phone !== '') {
		throw badRequest(
			'validation_failed',
			'Only an email address or phone number should be provided on login.'
		);
	}
	if (email === '' && phone !== '')
		throw unprocessable('phone_provider_disabled', 'Phone logins are disabled');
	if (email === '') throw badRequest('validation_failed', 'missing email or phone');
	if (!app.config.emailEnabled)
		throw unprocessable('email_provider_disabled', 'Email logins are disabled');

	const user = await withScanError(
		findUserByEmail(app.sql, email, audience),
		'Database error querying schema'
	);
	if (!user || !user.encrypted_password) throw invalidLogin();
	if (isBanned(user)) throw badRequest('user_banned', 'User is banned');
	if (!(await verifyPassword(password, user.encrypted_password))) throw invalidLogin();
	if (needsRehash(user.encrypted_password)) {
		await app.sql`update auth.users set encrypted_password = ${await hashPassword(password)} where id = ${user.id}`;
	}
	// A valid but now too weak password still signs in, with a warning in the response.
	let weakPassword: { message: string; reasons: string[] } | undefined;
	try {
		checkPasswordStrength(app.config, password);
	} catch (error) {
		if (error instanceof WeakPasswordError)
			weakPassword = { message: error.message, reasons: error.reasons };
	}
	if (!user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed');

	const session = await app.sql.begin(async (tx) => {
		await audit(tx, user, 'login', { provider: 'email' });
		return issueSession(app, tx, user.id, 'password', grantOf(request));
	});
	return json(weakPassword ? { ...session, weak_password: weakPassword } : session);
}

type RefreshTokenRow = {
	id: string;
	token: string;
	user_id: string;
	revoked: boolean;
	parent: string | null;
	session_id: string | null;
	updated_at: Date;
};

type RefreshOutcome = { retry: true } | { alreadyUsed: true } | { reply: Reply };

/** GoTrue retries a locked refresh token for up to 5 s, then answers 409. */
const lockRetryMs = 5000;

async function refreshGrant(app: App, request: Request): Promise<Reply> {
	const refreshToken = fields(jsonBody(request), 'RefreshTokenGrantParams').string('refresh_token');
	if (refreshToken === '') throw new OAuthError('invalid_request', 'refresh_token required');
	// Legacy tokens are 12 lower-case alphanumerics; anything else is not a refresh token.
	if (!/^[a-z0-9]{12}$/.test(refreshToken))
		throw badRequest('validation_failed', 'Refresh token is not valid');

	const started = Date.now();
	while (Date.now() - started < lockRetryMs) {
		await checkRefreshable(app, refreshToken);
		const outcome = await app.sql.begin((tx) => rotate(app, request, tx, refreshToken));
		if ('reply' in outcome) return outcome.reply;
		// The revocation of the whole session above is committed before the error.
		if ('alreadyUsed' in outcome)
			throw badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used');
		await sleep(10 + Math.random() * 20);
	}
	throw new ApiError(
		409,
		'conflict',
		'Too many concurrent token refresh requests on the same session or refresh token'
	);
}

/** The checks GoTrue runs before locking anything. */
async function checkRefreshable(app: App, refreshToken: string) {
	const [row] = await app.sql<
		RefreshTokenRow[]
	>`select * from auth.refresh_tokens where token = ${refreshToken}`;
	const user = row
		? await withScanError(findUserById(app.sql, row.user_id), 'Database error finding user')
		: null;
	if (!row || !user)
		throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
	if (isBanned(user)) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');
	const [session] = row.session_id
		? await app.sql`select id from auth.sessions where id = ${row.session_id}`
		: [];
	if (!session) {
		// A token without a session (older GoTrue data) is deleted on sight.
		await app.sql`delete from auth.refresh_tokens where id = ${row.id}`;
		throw badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found');
	}
	const validity = await sessionValidity(app, app.sql, row.session_id!, row.updated_at);
	if (validity === 'timed_out')
		throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired (Inactivity)');
	if (validity === 'expired')
		throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired');
}

async function rotate(
	app: App,
	request: Request,
	tx: Db,
	refreshToken: string
): Promise<RefreshOutcome> {
	// FOR UPDATE SKIP LOCKED: a concurrent refresh of the same token or session retries.
	const [row] = await tx<(RefreshTokenRow & { reuse_expired: boolean })[]>`
		select *, now() > updated_at + make_interval(secs => ${app.config.refreshTokenReuseSeconds}) as reuse_expired
		from auth.refresh_tokens where token = ${refreshToken} limit 1 for update skip locked`;
	if (!row?.session_id) return { retry: true };
	const [session] =
		await tx`select id from auth.sessions where id = ${row.session_id} for update skip locked`;
	if (!session) return { retry: true };
	const user = await findUserById(tx, row.user_id);
	if (!user) return { retry: true };

	let issued: string | null = null;
	if (row.revoked) {
		const [active] = await tx<RefreshTokenRow[]>`
			select * from auth.refresh_tokens where session_id = ${row.session_id} and revoked = false
			order by id desc limit 1`;
		if (active && active.parent === row.token) {
			// The client lost the answer to its last refresh: hand out that answer's token again.
			issued = active.token;
		} else if (row.reuse_expired) {
			if (app.config.refreshTokenRotation) {
				await tx`
					update auth.refresh_tokens set revoked = true, updated_at = now()
					where session_id = ${row.session_id} and revoked = false`;
			}
			return { alreadyUsed: true };
		}
	}
	await audit(tx, user, 'token_refreshed');
	if (!issued) {
		await audit(tx, user, 'token_revoked');
		await tx`update auth.refresh_tokens set revoked = true, updated_at = now() where id = ${row.id}`;
		issued = await insertRefreshToken(tx, user.id, row.session_id, row.token);
		// createRefreshToken saves last_sign_in_at (unchanged here), which bumps updated_at.
		await tx`update auth.users set updated_at = now() where id = ${user.id}`;
	}
	const grant = grantOf(request);
	await tx`
		update auth.sessions set refreshed_at = now() at time zone 'UTC', user_agent = ${grant.userAgent},
			ip = ${grant.ip || null}, updated_at = now()
		where id = ${row.session_id}`;
	return { reply: json(await tokenResponse(app, tx, user.id, row.session_id, issued)) };
}

async function pkceGrant(app: App, request: Request): Promise<Reply> {
	const body = fields(jsonBody(request), 'PKCEGrantParams');
	const authCode = body.string('auth_code');
	const verifier = body.string('code_verifier');
	if (authCode === '' || verifier === '') {
		throw badRequest(
			'validation_failed',
			'invalid request: both auth code and code verifier should be non-empty'
		);
	}
	const flow = await findFlowState(app.sql, authCode);
	const user = await findUserById(app.sql, flow.user_id);
	if (!user) throw internalError('Database error finding user');
	verifyCodeVerifier(flow, verifier);
	const session = await app.sql.begin(async (tx) => {
		await audit(tx, user, 'login', { provider_type: flow.provider_type });
		const response = await issueSession(
			app,
			tx,
			user.id,
			flow.authentication_method as AuthMethod,
			grantOf(request)
		);
		await tx`delete from auth.flow_state where id = ${flow.id}`;
		return response;
	});
	return json(session);
}
