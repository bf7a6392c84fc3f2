// The mail sender: takes due mails from the outbox in Postgres, sends them over SMTP
// and records the outcome. The database decides what is due, the backoff and when
// to give up (supabase/migrations/20261125150100_mail_delivery.sql), so any number
// of app servers can send side by side. The scheduler (scheduler.ts) runs it, and
// queues the daily digests as one of its jobs. Logs name mails by id only: never an
// address, a title or any other text of a member.
import { env } from '$env/dynamic/private';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Locale } from '$lib/paraglide/runtime';
import { systemTransaction } from './db';
import { composeMail, type MailItem } from './notification-mails';

export type MailTransport = Pick<Transporter, 'sendMail'>;

type ClaimedMail = {
	id: string;
	email: string | null;
	locale: Locale;
	digest: boolean;
	alert: boolean;
	items: MailItem[];
	unsubscribeToken: string;
};

const batchSize = 20;

export function smtpTransport(url: string): MailTransport {
	return nodemailer.createTransport({
		url,
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 30_000
	});
}

/** Where links in mails lead: ORIGIN (`npm run dev` sets it to its own port, supabase/local/env.ts). */
export function mailSettings() {
	return {
		from: env.MAIL_FROM || 'Ratnetz <noreply@ratnetz.local>',
		origin: (env.ORIGIN || 'http://localhost:5173').replace(/\/+$/, '')
	};
}

export function log(level: 'info' | 'warn' | 'error', event: string, fields: object = {}) {
	console[level](JSON.stringify({ level, event, ...fields }));
}

/** SMTP errors quote addresses in their text, so only the codes are kept. */
export function errorCode(error: unknown) {
	const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
	return [
		typeof code === 'string' ? code : 'ERROR',
		typeof responseCode === 'number' ? responseCode : ''
	]
		.join(' ')
		.trim();
}

/**
 * Sends every due mail, batch by batch, until none is due. `now` lets tests stand at
 * another moment, `recipients` send only some members' mails (tests, beside others).
 * Returns what happened.
 */
export async function deliverDueMails(
	transport: MailTransport,
	options: { now?: Date; from?: string; origin?: string; recipients?: string[] } = {}
) {
	const { from, origin } = { ...mailSettings(), ...options };
	const now = options.now ?? new Date();
	const recipients = options.recipients ?? null;
	const outcome = { sent: 0, failed: 0 };
	for (;;) {
		const mails = await systemTransaction(
			(tx) => tx<ClaimedMail[]>`
			select id, email, locale, digest, alert, items, unsubscribe_token as "unsubscribeToken"
			from public.claim_mails(${batchSize}, ${now}, ${recipients})`
		);
		for (const mail of mails) {
			try {
				if (!mail.email) throw Object.assign(new Error('no address'), { code: 'ENOADDRESS' });
				if (mail.items.length === 0)
					throw Object.assign(new Error('nothing to say'), { code: 'EEMPTY' });
				const message = composeMail(mail, origin);
				await transport.sendMail({ from, to: mail.email, ...message });
				await systemTransaction((tx) => tx`select public.mail_sent(${mail.id})`);
				outcome.sent++;
			} catch (error) {
				const code = errorCode(error);
				await systemTransaction(
					(tx) => tx`select public.mail_attempt_failed(${mail.id}, ${code}, ${now})`
				);
				log('warn', 'mail_attempt_failed', { mail: mail.id, code });
				outcome.failed++;
			}
		}
		if (mails.length < batchSize) return outcome;
	}
}
