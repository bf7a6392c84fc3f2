import { describe, expect, it } from 'vitest';
import { safeNext } from '$lib/safe-next';

const fallback = '/fallback';

describe('safeNext', () => {
	it.each([
		['/account', '/account'],
		['/account?tab=1#top', '/account?tab=1#top'],
		['/c/autismus-schule/ask', '/c/autismus-schule/ask'],
		['/t/1?next=//evil.example', '/t/1?next=//evil.example'],
		// Encoded forms stay encoded: a path on this site, never read as another host.
		['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
		['/%5Cevil.example', '/%5Cevil.example'],
		['/%09/evil.example/phish', '/%09/evil.example/phish'],
		// Sent as the browser would request it: percent-encoded, safe in a header.
		['/suche?q=Schüler Hilfe', '/suche?q=Sch%C3%BCler%20Hilfe'],
		['/a/../b', '/b']
	])('keeps %j on this site as %j', (value, expected) => {
		expect(safeNext(value, fallback)).toBe(expected);
	});

	// Open-redirect tricks: each would leave the site (or break the header) as written.
	it.each([
		'https://evil.example',
		'http:evil.example',
		'//evil.example',
		'///evil.example',
		'////evil.example/phish',
		'/\\evil.example',
		'\\\\evil.example',
		'/\\/evil.example',
		'\\/evil.example',
		'/\t/evil.example/phish',
		'/\t\t/evil.example',
		'/\n/evil.example',
		'/\r\n/evil.example',
		'/\r\nSet-Cookie: x=1',
		'/\u0000/evil.example',
		'/\u007f/evil.example',
		'/.//evil.example',
		'/..//evil.example',
		'/./\\evil.example',
		' /evil',
		'\t//evil.example',
		'javascript:alert(1)',
		'JavaScript:alert(1)',
		'/javascript:alert(1)'.slice(1),
		'data:text/html,<script>alert(1)</script>',
		'vbscript:msgbox(1)',
		'evil.example',
		'account',
		'',
		'/' + 'a'.repeat(2001),
		null,
		undefined
	])('falls back for %j', (value) => {
		expect(safeNext(value, fallback)).toBe(fallback);
	});

	it('falls back to the home page by default', () => {
		expect(safeNext('//evil.example')).toBe('/');
	});
});
