// Reading mails of the local mail catcher (supabase/local/mail) from tests.
// Vitest and Playwright both import this, so it uses fetch and nothing else.
import type { MailMessage } from '../../supabase/local/mail/store.ts';

export type Message = MailMessage;

export const mailUrl = (process.env.MAIL_URL ?? 'http://127.0.0.1:54324').replace(/\/+$/, '');

/**
 * Polls the catcher until a mail to `to` (matching `subject`, received at or after
 * `after`) is there, and returns the newest such mail. Pass `after` when a test
 * may reuse an address, so an older mail is never mistaken for the new one.
 */
export async function waitForMail(
	to: string,
	options: { subject?: RegExp; after?: Date; timeoutMs?: number } = {}
): Promise<Message> {
	const timeoutMs = options.timeoutMs ?? 30_000;
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const response = await fetch(`${mailUrl}/api/messages?to=${encodeURIComponent(to)}`);
			if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
			const messages = (await response.json()) as Message[];
			const found = messages.find(
				(message) =>
					(!options.subject || message.subject.search(options.subject) !== -1) &&
					(!options.after || Date.parse(message.date) >= options.after.getTime())
			);
			if (found) return found;
			lastError = undefined;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() >= deadline) break;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const conditions = [
		options.subject && `subject matching ${options.subject}`,
		options.after && `received after ${options.after.toISOString()}`
	].filter(Boolean);
	throw new Error(
		`No mail to ${to}${conditions.length ? ` (${conditions.join(', ')})` : ''} arrived at ${mailUrl} within ${timeoutMs} ms` +
			(lastError ? `; the catcher could not be read: ${String(lastError)}` : '')
	);
}

/**
 * The first link matching `pattern`: an href of the HTML body (entities such as
 * &amp; decoded, as a browser would) or else a URL in the text body.
 */
export function linkIn(
	message: Pick<Message, 'html' | 'text' | 'subject'>,
	pattern: RegExp
): string {
	const candidates = [
		...[...(message.html ?? '').matchAll(/\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)].map(
			(match) => decodeEntities(match[1] ?? match[2] ?? match[3]).trim()
		),
		...[...(message.text ?? '').matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((match) => match[0])
	];
	// search() ignores the lastIndex a /g pattern would otherwise carry between calls.
	const link = candidates.find((candidate) => candidate.search(pattern) !== -1);
	if (link === undefined) {
		throw new Error(
			`No link matching ${pattern} in the mail "${message.subject}". Links: ${candidates.join(', ') || 'none'}`
		);
	}
	return link;
}

function decodeEntities(value: string) {
	const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
	return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (entity, code: string) => {
		const lower = code.toLowerCase();
		if (!lower.startsWith('#')) return named[lower];
		const point = lower.startsWith('#x')
			? parseInt(lower.slice(2), 16)
			: parseInt(lower.slice(1), 10);
		return point <= 0x10ffff ? String.fromCodePoint(point) : entity;
	});
}
