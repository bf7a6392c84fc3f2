// One-time tokens and the mails that carry them (GoTrue's mail.go): a 6-digit OTP,
// token_hash = hex(sha224(email + otp)) stored on the user and in
// auth.one_time_tokens (prefixed "pkce_" for PKCE flows), and the mail.
import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { App } from './app.ts';
import type { TemplateType } from './config.ts';
import type { Db } from './db.ts';
import { internalError, tooManyRequests } from './errors.ts';
import { goQueryEscape } from './http.ts';
import { callSendEmailHook, type EmailData } from './send-email-hook.ts';
import { loadIdentities, userJson, type Json, type UserRow } from './users.ts';

export type OneTimeTokenType =
	'confirmation_token' | 'recovery_token' | 'email_change_token_new' | 'email_change_token_current';

export const pkcePrefix = 'pkce_';

export function generateOtp(length: number): string {
	return Array.from({ length }, () => String(randomInt(10))).join('');
}

/** crypto.GenerateTokenHash */
export function tokenHash(address: string, otp: string): string {
	return createHash('sha224')
		.update(address + otp)
		.digest('hex');
}

/** CreateOneTimeToken: at most one token per user and type. */
export async function storeOneTimeToken(
	db: Db,
	userId: string,
	type: OneTimeTokenType,
	hash: string,
	relatesTo: string
) {
	await db`delete from auth.one_time_tokens where user_id = ${userId} and token_type = ${type}`;
	await db`
		insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
		values (${randomUUID()}, ${userId}, ${type}, ${hash}, ${relatesTo}, now(), now())`;
}

export async function clearOneTimeTokens(db: Db, userId: string, type?: OneTimeTokenType) {
	if (type)
		await db`delete from auth.one_time_tokens where user_id = ${userId} and token_type = ${type}`;
	else await db`delete from auth.one_time_tokens where user_id = ${userId}`;
}

/** The /verify link of the default templates (`{{ .ConfirmationURL }}`). */
export function verifyUrl(app: App, token: string, type: string, redirectTo: string): string {
	// encodeRedirectURL: escaped only when it would otherwise break the query.
	const redirect = /[&=#]/.test(redirectTo) ? goQueryEscape(redirectTo) : redirectTo;
	return `${app.externalUrl}/verify?token=${goQueryEscape(token)}&type=${goQueryEscape(type)}&redirect_to=${redirect}`;
}

/** validateSentWithinFrequencyLimit + generateFrequencyLimitErrorMessage (SMTP_MAX_FREQUENCY). */
function checkFrequency(app: App, sentAt: string | null) {
	if (!sentAt) return;
	const until = Date.parse(sentAt) + app.config.mailer.maxFrequencyMs;
	if (until > Date.now()) {
		const seconds = Math.trunc((until - Date.now()) / 1000);
		throw tooManyRequests(
			'over_email_send_rate_limit',
			`For security purposes, you can only request this after ${seconds} seconds.`
		);
	}
}

/**
 * Sends a mail: through the Send Email Hook when one is configured, else with the
 * templates over SMTP. Either failing fails the request, and nothing is stored.
 */
async function deliver(app: App, type: TemplateType, failure: string, send: () => Promise<void>) {
	app.limits.checkEmailQuota();
	try {
		await send();
	} catch (error) {
		// The error's text can quote the address; its code cannot.
		const code = (error as { code?: unknown } | null)?.code;
		app.log(`auth: sending a ${type} mail failed: ${typeof code === 'string' ? code : 'error'}`);
		throw internalError(failure);
	}
}

/** Posts to the Send Email Hook: the user as the API shows it, and this mail's tokens. */
async function callHook(
	app: App,
	db: Db,
	user: UserRow,
	data: Omit<EmailData, 'site_url' | 'token_new' | 'token_hash_new'> &
		Partial<Pick<EmailData, 'token_new' | 'token_hash_new'>>,
	newEmail?: string
) {
	const shown = userJson(user, await loadIdentities(db, user.id)) as Record<string, unknown>;
	// GoTrue has set the pending address on the user before it calls the hook.
	if (newEmail) shown.new_email = newEmail;
	await callSendEmailHook(app.config.sendEmailHook!, shown as Json, {
		token_new: '',
		token_hash_new: '',
		...data,
		site_url: app.externalUrl
	});
}

/** A mail with one link (sign-up, recovery): to the hook if there is one, else from the template. */
async function deliverLink(
	app: App,
	db: Db,
	user: UserRow,
	type: 'confirmation' | 'recovery',
	link: { otp: string; token: string; redirectTo: string },
	failure: string
) {
	const action = type === 'confirmation' ? 'signup' : 'recovery';
	await deliver(app, type, failure, () =>
		app.config.sendEmailHook
			? callHook(app, db, user, {
					token: link.otp,
					token_hash: link.token,
					redirect_to: link.redirectTo,
					email_action_type: action
				})
			: app.mailer.send(type, user.email ?? '', mailData(app, user, { ...link, type: action }))
	);
}

/** sendConfirmation (signup): also used to re-send to an unconfirmed user. */
export async function sendConfirmation(
	app: App,
	db: Db,
	user: UserRow,
	pkce: boolean,
	redirectTo: string
) {
	checkFrequency(app, user.confirmation_sent_at);
	const email = user.email ?? '';
	const otp = generateOtp(app.config.mailer.otpLength);
	const token = (pkce ? pkcePrefix : '') + tokenHash(email, otp);
	await deliverLink(
		app,
		db,
		user,
		'confirmation',
		{ otp, token, redirectTo },
		'Error sending confirmation email'
	);

	await db`update auth.users set confirmation_token = ${token}, confirmation_sent_at = now(), updated_at = now() where id = ${user.id}`;
	await storeOneTimeToken(db, user.id, 'confirmation_token', token, email);
}

/** sendPasswordRecovery / sendMagicLink: both use the recovery token and its timer. */
export async function sendRecovery(
	app: App,
	db: Db,
	user: UserRow,
	pkce: boolean,
	redirectTo: string
) {
	checkFrequency(app, user.recovery_sent_at);
	const email = user.email ?? '';
	const otp = generateOtp(app.config.mailer.otpLength);
	const token = (pkce ? pkcePrefix : '') + tokenHash(email, otp);
	await deliverLink(
		app,
		db,
		user,
		'recovery',
		{ otp, token, redirectTo },
		'Error sending recovery email'
	);

	await db`update auth.users set recovery_token = ${token}, recovery_sent_at = now(), updated_at = now() where id = ${user.id}`;
	await storeOneTimeToken(db, user.id, 'recovery_token', token, email);
}

/** sendEmailChange: a mail to the new address and, with secure change, one to the old. */
export async function sendEmailChange(
	app: App,
	db: Db,
	user: UserRow,
	newEmail: string,
	pkce: boolean,
	redirectTo: string
) {
	checkFrequency(app, user.email_change_sent_at);
	const prefix = pkce ? pkcePrefix : '';
	const otpNew = generateOtp(app.config.mailer.otpLength);
	const tokenNew = prefix + tokenHash(newEmail, otpNew);
	const current = user.email ?? '';
	const secure = app.config.mailer.secureEmailChange && current !== '';
	const otpCurrent = secure ? generateOtp(app.config.mailer.otpLength) : '';
	const tokenCurrent = secure ? prefix + tokenHash(current, otpCurrent) : '';

	if (app.config.sendEmailHook) {
		// One call for both addresses. GoTrue's naming is the other way round from what
		// one expects: token/token_hash belong to the new address, *_new to the current one.
		await deliver(app, 'email_change', 'Error sending change email', () =>
			callHook(
				app,
				db,
				user,
				{
					token: otpNew,
					token_hash: tokenNew,
					token_new: otpCurrent,
					token_hash_new: tokenCurrent,
					redirect_to: redirectTo,
					email_action_type: 'email_change'
				},
				newEmail
			)
		);
	} else {
		const mails = [{ to: newEmail, otp: otpNew, token: tokenNew }];
		if (secure) mails.push({ to: current, otp: otpCurrent, token: tokenCurrent });
		for (const mail of mails) {
			const data = mailData(app, user, {
				otp: mail.otp,
				token: mail.token,
				type: 'email_change',
				redirectTo
			});
			await deliver(app, 'email_change', 'Error sending change email', () =>
				app.mailer.send('email_change', mail.to, {
					...data,
					NewEmail: newEmail,
					SendingTo: mail.to
				})
			);
		}
	}
	await db`
		update auth.users set email_change = ${newEmail}, email_change_token_new = ${tokenNew},
			email_change_token_current = ${tokenCurrent}, email_change_sent_at = now(),
			email_change_confirm_status = 0, updated_at = now()
		where id = ${user.id}`;
	if (tokenCurrent)
		await storeOneTimeToken(db, user.id, 'email_change_token_current', tokenCurrent, current);
	await storeOneTimeToken(db, user.id, 'email_change_token_new', tokenNew, newEmail);
}

/** The variables GoTrue's templates get. */
function mailData(
	app: App,
	user: UserRow,
	link: { otp: string; token: string; type: string; redirectTo: string }
): Record<string, unknown> {
	return {
		SiteURL: app.config.siteUrl,
		ConfirmationURL: verifyUrl(app, link.token, link.type, link.redirectTo),
		Email: user.email ?? '',
		Token: link.otp,
		TokenHash: link.token,
		Data: user.raw_user_meta_data ?? {},
		RedirectTo: link.redirectTo
	};
}
