import { describe, expect, it } from 'vitest';
import { safeNext } from '$lib/server/request';

describe('safeNext', () => {
	it('keeps paths on this site', () => {
		expect(safeNext('/account?tab=1')).toBe('/account?tab=1');
	});
	it.each([
		'https://evil.example',
		'//evil.example',
		'/\\evil.example',
		'account',
		null,
		undefined
	])('falls back for %s', (value) => {
		expect(safeNext(value, '/home')).toBe('/home');
	});
});
