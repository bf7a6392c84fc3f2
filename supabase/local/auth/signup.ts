// POST /signup and POST /recover (GoTrue's signup.go and recover.go).
import { randomUUID } from 'node:crypto';
import { audience, type App } from './app.ts';
import { audit } from './audit.ts';
import { confirmUser, syncProviders } from './account.ts';
import { jsonParam, type Db } from './db.ts';
import { badRequest, unprocessable } from './errors.ts';
import { fields, json, jsonBody, type Reply, type Request } from './http.ts';
import { sendConfirmation, sendRecovery } from './otp.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { createFlowState, validatePkceParams } from './pkce.ts';
import { referrer } from './redirect.ts';
import { grantOf, issueSession } from './sessions.ts';
import {
	findDuplicateEmailUser,
	findUserById,
	findUserByEmail,
	identityClaims,
	insertIdentity,
	insertUser,
	loadIdentities,
	userJson,
	validateEmail,
	withScanError,
	type Json,
	type UserRow
} from './users.ts';

/**
 * sanitizeUser: the answer to signing up with an already confirmed address when
 * confirmations are on — a plausible user with a random id and no identities, so
 * the response does not reveal that the address is registered.
 */
function fakeUser(user: UserRow, data: Json): Json {
	const now = new Date().toISOString();
	return userJson(
		{
			...user,
			id: randomUUID(),
			aud: audience,
			role: '',
			phone: '',
			email_change: '',
			created_at: now,
			updated_at: now,
			confirmation_sent_at: now,
			last_sign_in_at: null,
			confirmed_at: null,
			email_change_sent_at: null,
			email_confirmed_at: null,
			phone_confirmed_at: null,
			raw_user_meta_data: data,
			raw_app_meta_data: { provider: 'email', providers: ['email'] }
		},
		[]
	);
}

type SignupParams = {
	email: string;
	password: string;
	data: Json;
	challenge: string;
	challengeMethod: string;
};

/** SignupParams.Validate and the provider checks, in GoTrue's order. */
function signupParams(app: App, request: Request): SignupParams {
	const { config } = app;
	if (config.disableSignup) {
		throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
	}
	const body = fields(jsonBody(request), 'SignupParams');
	const password = body.string('password');
	const phone = body.string('phone');
	const challenge = body.string('code_challenge');
	const challengeMethod = body.string('code_challenge_method');
	const email = body.string('email');

	if (password === '') throw badRequest('validation_failed', 'Signup requires a valid password');
	checkPasswordStrength(config, password);
	if (email !== '' && phone !== '') {
		throw badRequest(
			'validation_failed',
			'Only an email address or phone number should be provided on signup.'
		);
	}
	if (phone !== '' && challenge !== '') {
		throw badRequest('validation_failed', 'PKCE not supported for phone signups');
	}
	validatePkceParams(challengeMethod, challenge);
	// The local stack has no SMS provider: phone sign-ups are disabled, as in config.toml's default.
	if (email === '' && phone !== '') {
		throw badRequest('phone_provider_disabled', 'Phone signups are disabled');
	}
	if (email === '') {
		throw badRequest('validation_failed', 'Sign up only available with email provider');
	}
	if (!config.emailEnabled) {
		throw badRequest('email_provider_disabled', 'Email signups are disabled');
	}
	return {
		email: validateEmail(email),
		password,
		data: body.object('data') ?? {},
		challenge,
		challengeMethod
	};
}

/** The new user, or the unconfirmed one signing up again, with its e-mail identity. */
async function signupUser(db: Db, existing: UserRow | null, params: SignupParams, hash: string) {
	const id =
		existing?.id ??
		(await insertUser(db, {
			aud: audience,
			role: 'authenticated',
			email: params.email,
			encryptedPassword: hash,
			userMetadata: params.data,
			appMetadata: { provider: 'email', providers: ['email'] }
		}));
	const [identity] =
		await db`select 1 from auth.identities where provider_id = ${id} and provider = 'email'`;
	if (!identity) {
		// Signup data joins the identity, and an unconfirmed user's metadata is
		// replaced by the identity's (RemoveUnconfirmedIdentities).
		const identityData = { ...params.data, ...identityClaims(id, params.email) };
		await insertIdentity(db, id, 'email', identityData);
		await db`
			update auth.users set raw_user_meta_data = ${jsonParam(db, identityData)}, updated_at = now()
			where id = ${id}`;
		await syncProviders(db, (await findUserById(db, id))!);
	}
	return (await findUserById(db, id))!;
}

export async function signup(app: App, request: Request): Promise<Reply> {
	const { config } = app;
	// GoTrue reads the body, then spends the limit, then validates.
	const body = fields(jsonBody(request), 'SignupParams');
	if (body.string('email') !== '' || body.string('phone') !== '') {
		app.limits.checkRequest('signups', request);
	}
	const params = signupParams(app, request);
	const existing = await withScanError(
		findDuplicateEmailUser(app.sql, params.email, audience),
		'Database error finding user'
	);
	if (existing?.email_confirmed_at) {
		await audit(app.sql, existing, 'user_repeated_signup', { provider: 'email' });
		if (config.mailer.autoconfirm) {
			throw unprocessable('user_already_exists', 'User already registered');
		}
		return json(fakeUser(existing, params.data));
	}
	// Hashing is slow, so GoTrue does it before opening the transaction.
	const hash = existing ? '' : await hashPassword(params.password);

	const user = await app.sql.begin(async (tx) => {
		const user = await signupUser(tx, existing, params, hash);
		if (config.mailer.autoconfirm) {
			await audit(tx, user, 'user_signedup', { provider: 'email' });
			await confirmUser(tx, user);
			return user;
		}
		await audit(tx, user, 'user_confirmation_requested', { provider: 'email' });
		const pkce = params.challenge !== '';
		if (pkce) {
			await createFlowState(
				tx,
				'email',
				'email/signup',
				params.challengeMethod,
				params.challenge,
				user.id
			);
		}
		await sendConfirmation(app, tx, user, pkce, referrer(config, request));
		return user;
	});

	if (config.mailer.autoconfirm) {
		const session = await app.sql.begin(async (tx) => {
			await audit(tx, user, 'login', { provider: 'email' });
			return issueSession(app, tx, user.id, 'password', grantOf(request));
		});
		return json(session);
	}
	// An invited user who signs up gets no metadata or identities back (no leak).
	if (user.invited_at) return json({ ...userJson(user, []), user_metadata: {} });
	const current = (await findUserById(app.sql, user.id))!;
	return json(userJson(current, await loadIdentities(app.sql, user.id)));
}

export async function recover(app: App, request: Request): Promise<Reply> {
	app.limits.checkRequest('recover', request);
	const body = fields(jsonBody(request), 'RecoverParams');
	const challenge = body.string('code_challenge');
	const challengeMethod = body.string('code_challenge_method');
	if (body.string('email') === '')
		throw unprocessable('validation_failed', 'Password recovery requires an email');
	const email = validateEmail(body.string('email'));
	validatePkceParams(challengeMethod, challenge);
	const user = await withScanError(
		findUserByEmail(app.sql, email, audience),
		'Unable to process request'
	);
	// Unknown addresses get the same answer, so the endpoint does not reveal accounts.
	if (!user) return json({});
	if (challenge !== '')
		await createFlowState(app.sql, 'recovery', 'recovery', challengeMethod, challenge, user.id);
	await app.sql.begin(async (tx) => {
		await audit(tx, user, 'user_recovery_requested');
		await sendRecovery(app, tx, user, challenge !== '', referrer(app.config, request));
	});
	return json({});
}
