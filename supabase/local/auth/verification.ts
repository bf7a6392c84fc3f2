// Finding the user behind a one-time token and applying what it confirms
// (GoTrue's verifyTokenHash, verifyUserAndToken, signupVerify, recoverVerify,
// emailChangeVerify). Used by GET and POST /verify.
import { randomBytes } from 'node:crypto';
import type { App } from './app.ts';
import { audience } from './app.ts';
import { audit } from './audit.ts';
import { confirmUser, updateEmailIdentity, updatePassword } from './account.ts';
import { nilUuid, type Db } from './db.ts';
import { badRequest, forbidden } from './errors.ts';
import { clearOneTimeTokens, pkcePrefix, type OneTimeTokenType } from './otp.ts';
import { hashPassword } from './passwords.ts';
import {
	findUserByEmail,
	findUserById,
	identityClaims,
	insertIdentity,
	isBanned,
	type UserRow
} from './users.ts';

/** The verification types with an e-mail token; `email` means "signup or magic link". */
export type VerifyType = 'signup' | 'invite' | 'recovery' | 'magiclink' | 'email_change' | 'email';

const tokenTypes: Record<VerifyType, OneTimeTokenType[]> = {
	email: ['confirmation_token', 'recovery_token'],
	signup: ['confirmation_token'],
	invite: ['confirmation_token'],
	recovery: ['recovery_token'],
	magiclink: ['recovery_token'],
	email_change: ['email_change_token_current', 'email_change_token_new']
};

export function isVerifyType(type: string): type is VerifyType {
	return type in tokenTypes;
}

function expired(app: App, sentAt: string | null): boolean {
	return (
		sentAt === null || Date.now() > Date.parse(sentAt) + app.config.mailer.otpExpirySeconds * 1000
	);
}

function otpValid(app: App, hash: string, expected: string, sentAt: string | null): boolean {
	return (
		expected !== '' &&
		!expired(app, sentAt) &&
		(hash === expected || pkcePrefix + hash === expected)
	);
}

function sentAtFor(user: UserRow, type: VerifyType): string | null {
	if (type === 'recovery' || type === 'magiclink') return user.recovery_sent_at;
	if (type === 'email_change') return user.email_change_sent_at;
	return user.confirmation_sent_at;
}

/** verifyTokenHash: the user by the token hash of a mail link (auth.one_time_tokens). */
export async function userByTokenHash(app: App, db: Db, type: VerifyType, hash: string) {
	const [row] = await db<{ user_id: string }[]>`
		select user_id from auth.one_time_tokens
		where token_hash = ${hash} and token_type in ${db(tokenTypes[type])} limit 1`;
	const user = row ? await findUserById(db, row.user_id) : null;
	if (!user) throw forbidden('otp_expired', 'Email link is invalid or has expired');
	if (isBanned(user)) throw forbidden('user_banned', 'User is banned');
	let effective = type;
	if (type === 'email') effective = user.recovery_token === hash ? 'magiclink' : 'signup';
	if (expired(app, sentAtFor(user, effective)))
		throw forbidden('otp_expired', 'Email link is invalid or has expired');
	return { user, type: effective };
}

/** verifyUserAndToken: the user by address and the hash of the 6-digit code. */
export async function userByOtp(app: App, db: Db, type: VerifyType, email: string, hash: string) {
	let user: UserRow | null;
	if (type === 'email_change') {
		[user = null] = await db<UserRow[]>`
			select * from auth.users
			where instance_id = ${nilUuid} and aud = ${audience} and is_sso_user = false
				and ((${app.config.mailer.secureEmailChange} and lower(email) = ${email} and email_change_token_current = ${hash})
					or (lower(email_change) = ${email} and email_change_token_new = ${hash}))
			order by (lower(email) = ${email}) desc limit 1`;
	} else user = await findUserByEmail(db, email, audience);
	if (!user) throw forbidden('otp_expired', 'Token has expired or is invalid');
	if (isBanned(user)) throw forbidden('user_banned', 'User is banned');

	let effective: VerifyType | null = null;
	if (type === 'email') {
		if (otpValid(app, hash, user.confirmation_token, user.confirmation_sent_at))
			effective = 'signup';
		else if (otpValid(app, hash, user.recovery_token, user.recovery_sent_at))
			effective = 'magiclink';
	} else if (type === 'email_change') {
		const valid =
			otpValid(app, hash, user.email_change_token_current, user.email_change_sent_at) ||
			otpValid(app, hash, user.email_change_token_new, user.email_change_sent_at);
		if (valid) effective = type;
	} else if (
		otpValid(
			app,
			hash,
			type === 'recovery' || type === 'magiclink' ? user.recovery_token : user.confirmation_token,
			sentAtFor(user, type)
		)
	) {
		effective = type;
	}
	if (!effective) throw forbidden('otp_expired', 'Token has expired or is invalid');
	return { user, type: effective };
}

/**
 * Applies the verified token. Returns the user to sign in, or null when this was
 * the first of the two confirmations a secure e-mail change needs.
 */
export async function applyVerification(
	app: App,
	db: Db,
	user: UserRow,
	type: VerifyType,
	hash: string
) {
	switch (type) {
		case 'signup':
		case 'invite':
			await signupVerify(db, user);
			break;
		case 'recovery':
		case 'magiclink':
			await db`update auth.users set recovery_token = '', updated_at = now() where id = ${user.id}`;
			await clearOneTimeTokens(db, user.id);
			if (user.email_confirmed_at) await audit(db, user, 'login');
			else {
				await audit(db, user, 'user_signedup');
				await confirmUser(db, user);
			}
			break;
		case 'email_change':
			if (!(await emailChangeVerify(app, db, user, hash))) return null;
			break;
		default:
			throw badRequest('validation_failed', 'Unsupported verification type');
	}
	return (await findUserById(db, user.id))!;
}

async function signupVerify(db: Db, user: UserRow) {
	// An invited user without a password gets a random one; the app asks for a real one.
	if (!user.encrypted_password && user.invited_at) {
		await updatePassword(db, user.id, await hashPassword(randomBytes(32).toString('base64url')));
	}
	await audit(db, user, 'user_signedup');
	await confirmUser(db, user);
	if (user.email) await updateEmailIdentity(db, user.id, { email_verified: true });
}

async function emailChangeVerify(app: App, db: Db, user: UserRow, hash: string): Promise<boolean> {
	const matches = (stored: string) =>
		stored !== '' && (stored === hash || stored === pkcePrefix + hash);
	const { autoconfirm, secureEmailChange } = app.config.mailer;
	if (!autoconfirm && secureEmailChange && user.email_change_confirm_status === 0 && user.email) {
		// First of two confirmations: only the token that was used is spent.
		if (matches(user.email_change_token_current)) {
			await db`update auth.users set email_change_token_current = '', email_change_confirm_status = 1, updated_at = now() where id = ${user.id}`;
			await clearOneTimeTokens(db, user.id, 'email_change_token_current');
		} else {
			await db`update auth.users set email_change_token_new = '', email_change_confirm_status = 1, updated_at = now() where id = ${user.id}`;
			await clearOneTimeTokens(db, user.id, 'email_change_token_new');
		}
		return false;
	}
	await audit(db, user, 'user_modified');
	const newEmail = user.email_change;
	if (!(await updateEmailIdentity(db, user.id, { email: newEmail, email_verified: true }))) {
		await insertIdentity(db, user.id, 'email', identityClaims(user.id, newEmail, true));
	}
	// ConfirmEmailChange
	await db`
		update auth.users set email = ${newEmail}, email_change = '', email_change_token_current = '',
			email_change_token_new = '', email_change_confirm_status = 0, updated_at = now()
		where id = ${user.id}`;
	await clearOneTimeTokens(db, user.id);
	if (!user.email_confirmed_at) await confirmUser(db, (await findUserById(db, user.id))!);
	return true;
}
