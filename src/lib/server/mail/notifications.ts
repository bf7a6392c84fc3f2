// The e-mails of notifications: one notification at once, or the daily digest. In the
// recipient's language, as plain text and simple HTML, with a one-click unsubscribe
// (RFC 8058) — except alerts (urgent and overdue items), which cannot be unsubscribed
// and say so. The HTML is NotificationMailBody.svelte.
import { notificationPath, notificationReason, notificationText } from '$lib/notification-kinds';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { mailHtml } from './html';
import NotificationMailBody from './NotificationMailBody.svelte';

export type MailItem = {
	kind: string;
	threadId: string | null;
	postId: string | null;
	guideId?: string | null;
	ideaId?: string | null;
	bookingId?: string | null;
	resourceId?: string | null;
	serviceId?: string | null;
	title: string | null;
	reason: string | null;
	/** An alert's item: its priority and due time, and its community. */
	priority?: string | null;
	dueAt?: string | null;
	community?: string | null;
	communitySlug?: string | null;
};

export type NotificationMail = {
	locale: Locale;
	digest: boolean;
	alert: boolean;
	items: MailItem[];
	unsubscribeToken: string;
};

function unsubscribeUrl(origin: string, token: string) {
	return `${origin}/unsubscribe/${token}`;
}

export function composeMail(mail: NotificationMail, origin: string) {
	const { locale } = mail;
	const lines = mail.items.map((item) => ({
		text: notificationText(item, locale),
		reason: notificationReason(item.kind, item.reason, locale),
		url: origin + notificationPath(item),
		// A confirmed booking comes with its calendar file (the link asks the reader to sign in).
		calendar:
			item.kind === 'booking_confirmed' && item.bookingId
				? `${origin}/share/b/${item.bookingId}/booking.ics`
				: null
	}));
	const subject = mail.digest ? m.mail_digest_subject({}, { locale }) : lines[0].text;
	const unsubscribe = unsubscribeUrl(origin, mail.unsubscribeToken);
	const settings = `${origin}/account/notifications`;
	const intro = mail.digest ? [m.mail_digest_intro({}, { locale })] : [];
	const footer = mail.alert
		? [m.mail_alert_always({}, { locale })]
		: [
				`${m.mail_settings_hint({}, { locale })} ${settings}`,
				`${m.mail_unsubscribe({}, { locale })}: ${unsubscribe}`
			];
	const text = [
		...intro,
		...lines.map((line) =>
			[
				line.text,
				line.reason,
				`${m.mail_open_link({}, { locale })}: ${line.url}`,
				line.calendar && `${m.mail_calendar_link({}, { locale })}: ${line.calendar}`
			]
				.filter(Boolean)
				.join('\n')
		),
		'-- ',
		...footer
	].join('\n\n');
	const html = mailHtml(locale, NotificationMailBody, {
		subject,
		intro,
		lines,
		openLink: m.mail_open_link({}, { locale }),
		calendarLink: m.mail_calendar_link({}, { locale }),
		footer: mail.alert
			? { alert: m.mail_alert_always({}, { locale }) }
			: {
					settingsHint: m.mail_settings_hint({}, { locale }),
					settings,
					unsubscribe: m.mail_unsubscribe({}, { locale }),
					unsubscribeUrl: unsubscribe
				}
	});
	const headers: Record<string, string> = mail.alert
		? // Mail programs and servers let urgent mail through (RFC 2156 priority headers).
			{ Importance: 'high', 'X-Priority': '1' }
		: {
				'List-Unsubscribe': `<${unsubscribe}>`,
				'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
			};
	return { subject, text, html, headers };
}
