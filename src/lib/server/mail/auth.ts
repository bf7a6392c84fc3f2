// The mails of Supabase Auth (sign-up confirmation, password reset, e-mail change),
// written by the app from messages/*.json in the member's language. Auth hands each
// one to the Send Email Hook (src/routes/api/auth/send-email) instead of sending it.
// Sent at once over SMTP, not through the outbox: the member waits for the link, and a
// failure fails the Auth request (the forms do not wait for it: accounts.ts).
import { env } from '$env/dynamic/private';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { baseLocale, isLocale, type Locale } from '$lib/paraglide/runtime';
import { systemTransaction } from '../data/db';
import { mailSettings, smtpTransport, type MailTransport } from './delivery';
import AuthMailBody from './AuthMailBody.svelte';
import { mailHtml } from './html';

/** What Auth posts, reduced to what the mails need (GoTrue's SendEmailInput). */
export const sendEmailInput = z.object({
	user: z.object({
		id: z.uuid(),
		email: z.email(),
		new_email: z.email().optional(),
		user_metadata: z.record(z.string(), z.unknown()).nullish()
	}),
	email_data: z.object({
		token_hash: z.string().regex(/^(pkce_)?[0-9a-f]{56}$/),
		token_hash_new: z.string().regex(/^((pkce_)?[0-9a-f]{56})?$/),
		redirect_to: z.url({ protocol: /^https?$/ }),
		email_action_type: z.enum(['signup', 'recovery', 'email_change'])
	})
});
export type SendEmailInput = z.infer<typeof sendEmailInput>;

type AuthMail = {
	to: string;
	subject: string;
	heading: string;
	text: string;
	action: string;
	ignore: string;
	url: string;
};

/**
 * The member's saved language, else the one chosen at sign-up (the member's row is not
 * visible yet while Auth's sign-up is still open), else German.
 */
async function memberLocale(user: SendEmailInput['user']): Promise<Locale> {
	const [saved] = await systemTransaction(
		(tx) => tx<{ locale: Locale }[]>`
			select locale from public.member_settings where member_id = ${user.id}`
	);
	const chosen = user.user_metadata?.locale;
	return saved?.locale ?? (typeof chosen === 'string' && isLocale(chosen) ? chosen : baseLocale);
}

/** The link to the app's /auth/confirm page, as the former Auth templates built it. */
function confirmUrl(redirectTo: string, tokenHash: string, type: string) {
	const url = new URL('/auth/confirm', redirectTo);
	url.search = new URLSearchParams({ token_hash: tokenHash, type }).toString();
	return url.href;
}

// Each mail's texts; the e-mail change's two mails share the closing line.
const texts = {
	signup: {
		subject: m.auth_mail_signup_subject,
		heading: m.auth_mail_signup_heading,
		text: m.auth_mail_signup_text,
		action: m.auth_mail_signup_action,
		ignore: m.auth_mail_signup_ignore
	},
	recovery: {
		subject: m.auth_mail_recovery_subject,
		heading: m.auth_mail_recovery_heading,
		text: m.auth_mail_recovery_text,
		action: m.auth_mail_recovery_action,
		ignore: m.auth_mail_recovery_ignore
	},
	newAddress: {
		subject: m.auth_mail_new_address_subject,
		heading: m.auth_mail_new_address_heading,
		text: m.auth_mail_new_address_text,
		action: m.auth_mail_new_address_action,
		ignore: m.auth_mail_address_ignore
	},
	registered: {
		subject: m.auth_mail_registered_subject,
		heading: m.auth_mail_registered_heading,
		text: m.auth_mail_registered_text,
		action: m.auth_mail_registered_action,
		ignore: m.auth_mail_registered_ignore
	},
	currentAddress: {
		subject: m.auth_mail_current_address_subject,
		heading: m.auth_mail_current_address_heading,
		text: m.auth_mail_current_address_text,
		action: m.auth_mail_current_address_action,
		ignore: m.auth_mail_address_ignore
	}
};

function mails(input: SendEmailInput, locale: Locale): AuthMail[] {
	const { user, email_data: data } = input;
	const newEmail = user.new_email ?? '';
	const mail = (
		kind: keyof typeof texts,
		to: string,
		tokenHash: string,
		type: string
	): AuthMail => {
		const t = texts[kind];
		return {
			to,
			subject: t.subject({}, { locale }),
			heading: t.heading({}, { locale }),
			text: t.text({ email: user.email, newEmail }, { locale }),
			action: t.action({}, { locale }),
			ignore: t.ignore({}, { locale }),
			url: confirmUrl(data.redirect_to, tokenHash, type)
		};
	};
	switch (data.email_action_type) {
		case 'signup':
			return [mail('signup', user.email, data.token_hash, 'email')];
		case 'recovery':
			return [mail('recovery', user.email, data.token_hash, 'recovery')];
		case 'email_change':
			// token_hash confirms the new address; token_hash_new, when set, the current one.
			return [
				mail('newAddress', newEmail, data.token_hash, 'email_change'),
				...(data.token_hash_new
					? [mail('currentAddress', user.email, data.token_hash_new, 'email_change')]
					: [])
			];
	}
}

let transport: MailTransport | undefined;

async function send(mail: AuthMail, locale: Locale) {
	if (!env.SMTP_URL) throw new Error('SMTP_URL is not set');
	transport ??= smtpTransport(env.SMTP_URL);
	await transport.sendMail({
		from: mailSettings().from,
		to: mail.to,
		subject: mail.subject,
		text: [mail.heading, mail.text, mail.url, mail.ignore].join('\n\n'),
		html: mailHtml(locale, AuthMailBody, mail)
	});
}

/** Writes and sends the mails of one Auth request; throws when one cannot be sent. */
export async function sendAuthMails(input: SendEmailInput) {
	if (input.email_data.email_action_type === 'email_change' && !input.user.new_email) {
		throw new Error('An e-mail change without the new address');
	}
	const locale = await memberLocale(input.user);
	for (const mail of mails(input, locale)) await send(mail, locale);
}

/**
 * To an address that signed up again though it has an account: Auth sends nothing then
 * (its answer reads as a new sign-up), so the owner learns it here, with the way back in.
 * In the language the sign-up form was filled in.
 */
export async function sendAlreadyRegisteredMail(to: string, locale: Locale, origin: string) {
	const t = texts.registered;
	await send(
		{
			to,
			subject: t.subject({}, { locale }),
			heading: t.heading({}, { locale }),
			text: t.text({ email: to }, { locale }),
			action: t.action({}, { locale }),
			ignore: t.ignore({}, { locale }),
			url: new URL('/signin', origin).href
		},
		locale
	);
}
