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
