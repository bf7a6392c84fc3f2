// POST /admin/generate_link (GoTrue's adminGenerateLink): the token a mail would
// carry, returned instead of sent.
import { randomBytes } from 'node:crypto';
import { audience, type App } from './app.ts';
import { adminActor, audit } from './audit.ts';
import { jsonParam, type Db } from './db.ts';
import { badRequest, notFound, unprocessable } from './errors.ts';
import { fields, json, jsonBody, type Reply, type Request } from './http.ts';
import { generateOtp, storeOneTimeToken, tokenHash, verifyUrl } from './otp.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { isRedirectUrlValid, referrer } from './redirect.ts';
import {
	findDuplicateEmailUser,
	findUserByEmail,
	findUserById,
	identityClaims,
	insertIdentity,
	insertUser,
	loadUserJson,
	mergeMetadata,
	validateEmail,
	type Json,
	type UserRow
} from './users.ts';

const duplicateEmail = () =>
	unprocessable('email_exists', 'A user with this email address has already been registered');

async function newUser(db: Db, email: string, hash: string, data: Json): Promise<UserRow> {
	const id = await insertUser(db, {
		aud: audience,
		role: 'authenticated',
		email,
		encryptedPassword: hash,
		userMetadata: data,
		appMetadata: { provider: 'email', providers: ['email'] }
	});
	await insertIdentity(db, id, 'email', identityClaims(id, email));
	return (await findUserById(db, id))!;
}

export async function generateLink(app: App, request: Request, adminRole: string): Promise<Reply> {
	const body = fields(jsonBody(request), 'GenerateLinkParams');
	let type = body.string('type');
	let password = body.string('password');
	const data = body.object('data') ?? {};
	const email = validateEmail(body.string('email'));
	const redirectTo = isRedirectUrlValid(app.config, body.string('redirect_to'))
		? body.string('redirect_to')
		: referrer(app.config, request);

	const existing = await findUserByEmail(app.sql, email, audience);
	if (!existing) {
		// A magic link for an unknown address signs the person up.
		if (type === 'magiclink') {
			type = 'signup';
			password = randomBytes(48).toString('base64url');
		} else if (['recovery', 'email_change_current', 'email_change_new'].includes(type)) {
			throw notFound('user_not_found', 'User with this email not found');
		}
	}
	const otp = generateOtp(app.config.mailer.otpLength);
	const hashed = tokenHash(email, otp);
	let signupHash = '';
	if (type === 'signup' && !existing) {
		if (password === '') throw badRequest('validation_failed', 'Signup requires a valid password');
		checkPasswordStrength(app.config, password);
		signupHash = await hashPassword(password);
	}

	const { user, linkToken, linkType } = await app.sql.begin(async (tx) => {
		switch (type) {
			case 'magiclink':
			case 'recovery': {
				const user = existing!;
				await audit(tx, user, 'user_recovery_requested');
				await tx`update auth.users set recovery_token = ${hashed}, recovery_sent_at = now(), updated_at = now() where id = ${user.id}`;
				await storeOneTimeToken(tx, user.id, 'recovery_token', hashed, email);
				return { user, linkToken: hashed, linkType: type };
			}
			case 'invite':
			case 'signup': {
				if (existing?.email_confirmed_at) throw duplicateEmail();
				let user = existing;
				if (user && type === 'signup') {
					const metadata = mergeMetadata(user.raw_user_meta_data, data);
					await tx`update auth.users set raw_user_meta_data = ${jsonParam(tx, metadata)}, updated_at = now() where id = ${user.id}`;
				}
				user ??= await newUser(tx, email, signupHash, data);
				if (type === 'invite') {
					await audit(tx, adminActor(adminRole), 'user_invited', {
						user_id: user.id,
						user_email: email
					});
					await tx`update auth.users set invited_at = now() where id = ${user.id}`;
				}
				await tx`update auth.users set confirmation_token = ${hashed}, confirmation_sent_at = now(), updated_at = now() where id = ${user.id}`;
				await storeOneTimeToken(tx, user.id, 'confirmation_token', hashed, email);
				return { user, linkToken: hashed, linkType: type };
			}
			case 'email_change_current':
			case 'email_change_new': {
				const user = existing!;
				if (!app.config.mailer.secureEmailChange && type === 'email_change_current') {
					throw badRequest(
						'validation_failed',
						'Enable secure email change to generate link for current email'
					);
				}
				const newEmail = validateEmail(body.string('new_email'));
				if (await findDuplicateEmailUser(tx, newEmail, audience, user.id)) throw duplicateEmail();
				const current = type === 'email_change_current';
				const token = current ? hashed : tokenHash(newEmail, otp);
				await tx`
					update auth.users set email_change = ${newEmail}, email_change_sent_at = now(), email_change_confirm_status = 0,
						email_change_token_current = ${current ? token : user.email_change_token_current},
						email_change_token_new = ${current ? user.email_change_token_new : token}, updated_at = now()
					where id = ${user.id}`;
				await storeOneTimeToken(
					tx,
					user.id,
					current ? 'email_change_token_current' : 'email_change_token_new',
					token,
					current ? email : newEmail
				);
				return { user, linkToken: token, linkType: 'email_change' };
			}
			default:
				throw badRequest('validation_failed', `Invalid email action link type requested: ${type}`);
		}
	});
	return json({
		...(await loadUserJson(app.sql, user.id)),
		action_link: verifyUrl(app, linkToken, linkType, redirectTo),
		email_otp: otp,
		// Always hash(email, otp), even where the link carries the new address's token.
		hashed_token: hashed,
		verification_type: type,
		redirect_to: redirectTo
	});
}
