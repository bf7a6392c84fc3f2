// Mails are Svelte components: members' text is escaped as on every page, and the markers
// Svelte leaves for hydration are not sent.
import { describe, expect, it } from 'vitest';
import { composeMail } from './notifications';

describe('a notification mail', () => {
	const { html } = composeMail(
		{
			locale: 'en',
			digest: true,
			alert: false,
			unsubscribeToken: 'token',
			items: [{ kind: 'answer', threadId: 't', postId: 'p', title: '<!-- <b>&</b>', reason: null }]
		},
		'https://ratnetz.test'
	);

	it('writes a title as text, never as markup', () => {
		expect(html).toContain('&lt;!-- &lt;b>&amp;&lt;/b>');
		expect(html).not.toContain('<b>');
	});

	it('carries no hydration markers, and names its subject', () => {
		expect(html).not.toMatch(/<!--/);
		expect(html).toMatch(/<title>[^<]+<\/title>/);
		expect(html).toContain('<a href="https://ratnetz.test/unsubscribe/token">');
	});
});

describe('a booking’s mails', () => {
	const mail = (kind: string, reason: string | null = null) =>
		composeMail(
			{
				locale: 'de',
				digest: false,
				alert: false,
				unsubscribeToken: 'token',
				items: [
					{ kind, threadId: null, postId: null, bookingId: 'b1', title: 'Seminarraum', reason }
				]
			},
			'https://ratnetz.test'
		);

	it('link the booking, and a confirmation its calendar file', () => {
		const confirmed = mail('booking_confirmed');
		expect(confirmed.subject).toBe('Ausleihe bestätigt: „Seminarraum“');
		expect(confirmed.text).toContain('https://ratnetz.test/share/b/b1\n');
		expect(confirmed.text).toContain('Kalenderdatei: https://ratnetz.test/share/b/b1/booking.ics');
		expect(confirmed.html).toContain('<a href="https://ratnetz.test/share/b/b1/booking.ics">');
	});

	it('carry a decline’s reason, and no calendar file but with a confirmation', () => {
		const declined = mail('booking_declined', 'Der Raum wird renoviert.');
		expect(declined.text).toContain('Der Raum wird renoviert.');
		expect(declined.text).not.toContain('.ics');
	});
});
