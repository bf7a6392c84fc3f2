// GET/PUT /user and POST /logout (GoTrue's user.go and logout.go).
import { jsonParam } from './db.ts';
import { audience, type App } from './app.ts';
import { audit } from './audit.ts';
import { updatePassword } from './account.ts';
import { badRequest, forbidden, unprocessable } from './errors.ts';
import { requireAuthentication } from './guard.ts';
import { fields, jsonBody, json, type Reply, type Request } from './http.ts';
import { sendEmailChange } from './otp.ts';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.ts';
import { createFlowState, validatePkceParams } from './pkce.ts';
import { referrer } from './redirect.ts';
import { deleteSessions } from './sessions.ts';
import {
	findDuplicateEmailUser,
	loadIdentities,
	loadUserJson,
	mergeMetadata,
	userJson,
	validateEmail
} from './users.ts';

export async function getUser(app: App, request: Request): Promise<Reply> {
	const { claims, user } = await requireAuthentication(app, request);
	const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
	if (aud !== audience)
		throw badRequest('validation_failed', "Token audience doesn't match request audience");
	return json(userJson(user, await loadIdentities(app.sql, user.id)));
}

export async function updateUser(app: App, request: Request): Promise<Reply> {
	const { user, session } = await requireAuthentication(app, request);
	app.limits.checkRequest('user', request);
	const body = fields(jsonBody(request), 'UserUpdateParams');
	const password = body.optionalString('password');
	const data = body.object('data');
	const appMetadata = body.object('app_metadata');
	const challenge = body.string('code_challenge');
	const challengeMethod = body.string('code_challenge_method');
	let email = body.string('email');

	if (email !== '') email = validateEmail(email);
	// No SMS provider in the local stack: a phone change could never be confirmed.
	if (body.string('phone') !== '')
		throw badRequest('sms_send_failed', 'Error sending sms: no SMS provider configured');
	if (password !== undefined) checkPasswordStrength(app.config, password);
	// isAdmin: only users whose role is the admin group may set app_metadata themselves.
	if (appMetadata && user.role !== 'admin') {
		throw forbidden('not_admin', 'Updating app_metadata requires admin privileges');
	}
	const changesEmail = email !== '' && email !== user.email;
	if (changesEmail && (await findDuplicateEmailUser(app.sql, email, audience, user.id))) {
		throw unprocessable(
			'email_exists',
			'A user with this email address has already been registered'
		);
	}

	let hash: string | null = null;
	if (password !== undefined) {
		const sessionAgeMs = session ? Date.now() - Date.parse(session.created_at) : Infinity;
		if (app.config.mailer.securePasswordChange && sessionAgeMs > 24 * 3600_000) {
			// The nonce of GET /reauthenticate is not implemented by the local stack.
			throw badRequest('reauthentication_needed', 'Password update requires reauthentication');
		}
		if (password !== '' && (await verifyPassword(password, user.encrypted_password))) {
			throw unprocessable(
				'same_password',
				'New password should be different from the old password.'
			);
		}
		hash = password === '' ? null : await hashPassword(password);
	}

	await app.sql.begin(async (tx) => {
		if (password !== undefined) {
			await updatePassword(tx, user.id, hash, session?.id);
			await audit(tx, user, 'user_updated_password');
		}
		if (data) {
			const merged = mergeMetadata(user.raw_user_meta_data, data);
			await tx`update auth.users set raw_user_meta_data = ${jsonParam(tx, merged)}, updated_at = now() where id = ${user.id}`;
		}
		if (appMetadata) {
			const merged = mergeMetadata(user.raw_app_meta_data, appMetadata);
			await tx`update auth.users set raw_app_meta_data = ${jsonParam(tx, merged)}, updated_at = now() where id = ${user.id}`;
		}
		if (changesEmail) {
			// Even with autoconfirm the address changes only once the mail is confirmed.
			validatePkceParams(challengeMethod, challenge);
			if (challenge !== '')
				await createFlowState(
					tx,
					'email_change',
					'email_change',
					challengeMethod,
					challenge,
					user.id
				);
			await sendEmailChange(app, tx, user, email, challenge !== '', referrer(app.config, request));
		}
		await audit(tx, user, 'user_modified');
	});
	return json(await loadUserJson(app.sql, user.id));
}

export async function logout(app: App, request: Request): Promise<Reply> {
	const { user, session } = await requireAuthentication(app, request);
	const scope = request.url.searchParams.get('scope') ?? '';
	if (!['', 'global', 'local', 'others'].includes(scope)) {
		throw badRequest('validation_failed', `Unsupported logout scope "${scope}"`);
	}
	await app.sql.begin(async (tx) => {
		await audit(tx, user, 'logout');
		// Without a session_id claim every scope signs out everywhere.
		if (session && scope === 'local') await tx`delete from auth.sessions where id = ${session.id}`;
		else if (session && scope === 'others') await deleteSessions(tx, user.id, session.id);
		else await deleteSessions(tx, user.id);
	});
	return { status: 204 };
}
