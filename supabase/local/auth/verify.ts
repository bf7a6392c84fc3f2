// GET /verify (the link in a mail: answers with a 303 to the app) and POST /verify
// (verifyOtp: answers with a session), as GoTrue's verify.go.
import type { App } from './app.ts';
import { syncProviders } from './account.ts';
import { ApiError, badRequest, forbidden, unprocessable } from './errors.ts';
import { fields, goEncodeValues, json, jsonBody, type Reply, type Request } from './http.ts';
import { pkcePrefix, tokenHash } from './otp.ts';
import { issueAuthCode } from './pkce.ts';
import { referrer } from './redirect.ts';
import { grantOf, issueSession, type AuthMethod } from './sessions.ts';
import { validateEmail } from './users.ts';
import { applyVerification, isVerifyType, userByOtp, userByTokenHash } from './verification.ts';

const singleConfirmationAccepted =
	'Confirmation link accepted. Please proceed to confirm link sent to the other email';

/** oauthErrorMap: the OAuth `error` value GoTrue adds for some statuses. */
const oauthErrors: Record<number, string> = {
	400: 'invalid_request',
	401: 'unauthorized_client',
	403: 'access_denied',
	500: 'server_error',
	503: 'temporarily_unavailable'
};

/** ParseAuthenticationMethod for the PKCE flows a mail link can finish. */
function authMethodOf(type: string): AuthMethod {
	if (type.endsWith('signup')) return 'email/signup';
	if (type === 'recovery' || type === 'magiclink' || type === 'invite' || type === 'email_change')
		return type;
	throw badRequest('validation_failed', `unsupported authentication method ${type}`);
}

/** Replaces the query of `url` with `params` merged into it, keys sorted like Go's Encode. */
function withQuery(url: string, params: Record<string, string>): string {
	const [beforeFragment, fragment] = splitOnce(url, '#');
	const [base, query] = splitOnce(beforeFragment, '?');
	const merged = new Map(new URLSearchParams(query ?? '').entries());
	for (const [key, value] of Object.entries(params)) merged.set(key, value);
	return `${base}?${goEncodeValues(merged)}${fragment !== undefined ? `#${fragment}` : ''}`;
}

function splitOnce(value: string, separator: string): [string, string | undefined] {
	const index = value.indexOf(separator);
	return index === -1 ? [value, undefined] : [value.slice(0, index), value.slice(index + 1)];
}

function withFragment(url: string, params: Record<string, string>): string {
	return `${splitOnce(url, '#')[0]}#${goEncodeValues(params)}`;
}

function errorRedirect(error: ApiError, redirectTo: string, pkce: boolean): string {
	const params: Record<string, string> = {
		error_code: error.code,
		error_description: error.message,
		sb: ''
	};
	if (oauthErrors[error.status]) params.error = oauthErrors[error.status];
	return withFragment(pkce ? withQuery(redirectTo, params) : redirectTo, params);
}

export async function verifyGet(app: App, request: Request): Promise<Reply> {
	app.limits.checkRequest('verify', request);
	const token = request.url.searchParams.get('token') ?? '';
	const type = request.url.searchParams.get('type') ?? '';
	const redirectTo = referrer(app.config, request);
	if (type === '') throw badRequest('validation_failed', 'Verify requires a verification type');
	if (token === '')
		throw badRequest('validation_failed', 'Verify requires a token or a token hash');
	const pkce = token.startsWith(pkcePrefix);
	const method = pkce ? authMethodOf(type) : 'otp';

	let location: string;
	try {
		location = await app.sql.begin(async (tx) => {
			if (!isVerifyType(type))
				throw badRequest('validation_failed', 'Invalid email verification type');
			const found = await userByTokenHash(app, tx, type, token);
			const user = await applyVerification(app, tx, found.user, found.type, token);
			if (!user) {
				const message = { message: singleConfirmationAccepted };
				return withFragment(pkce ? withQuery(redirectTo, message) : redirectTo, message);
			}
			await syncProviders(tx, user);
			if (pkce) return withQuery(redirectTo, { code: await issueAuthCode(tx, user.id, method) });
			const session = await issueSession(app, tx, user.id, 'otp', grantOf(request));
			return `${redirectTo}#${goEncodeValues({
				access_token: session.access_token,
				expires_at: String(session.expires_at),
				expires_in: String(session.expires_in),
				refresh_token: session.refresh_token,
				sb: '',
				token_type: session.token_type,
				type
			})}`;
		});
	} catch (error) {
		if (!(error instanceof ApiError)) throw error;
		location = errorRedirect(error, redirectTo, pkce);
	}
	return { status: 303, location };
}

export async function verifyPost(app: App, request: Request): Promise<Reply> {
	app.limits.checkRequest('verify', request);
	const body = fields(jsonBody(request), 'VerifyParams');
	const type = body.string('type');
	const token = body.string('token');
	const givenHash = body.string('token_hash');
	const phone = body.string('phone');
	let email = body.string('email');
	if (type === '') throw badRequest('validation_failed', 'Verify requires a verification type');
	if ((token === '') === (givenHash === '')) {
		throw badRequest('validation_failed', 'Verify requires either a token or a token hash');
	}
	let hash = givenHash;
	if (token !== '') {
		if (phone !== '' && email === '') {
			// No SMS provider in the local stack, so no phone OTP can be valid.
			throw forbidden('otp_expired', 'Token has expired or is invalid');
		}
		if (email === '' || phone !== '') {
			throw badRequest(
				'validation_failed',
				'Only an email address or phone number should be provided on verify'
			);
		}
		try {
			email = validateEmail(email);
		} catch {
			throw unprocessable('validation_failed', 'Invalid email format');
		}
		hash = tokenHash(email, token);
	} else if (email !== '' || phone !== '' || body.string('redirect_to') !== '') {
		throw badRequest('validation_failed', 'Only the token_hash and type should be provided');
	}
	if (!isVerifyType(type)) {
		throw badRequest(
			'validation_failed',
			token !== '' ? 'Unsupported verification type' : 'Invalid email verification type'
		);
	}

	const result = await app.sql.begin(async (tx) => {
		const found =
			token !== ''
				? await userByOtp(app, tx, type, email, hash)
				: await userByTokenHash(app, tx, type, hash);
		const user = await applyVerification(app, tx, found.user, found.type, hash);
		if (!user) return null;
		await syncProviders(tx, user);
		return issueSession(app, tx, user.id, 'otp', grantOf(request));
	});
	if (!result) return json({ msg: singleConfirmationAccepted, code: 200 });
	return json(result);
}
