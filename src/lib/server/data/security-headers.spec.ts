import { describe, expect, it } from 'vitest';
import { setSecurityHeaders } from './security-headers';

const headersFor = (origin: string, signedIn = false) => {
	const headers = new Headers();
	setSecurityHeaders(headers, new URL('/t/1', origin), signedIn);
	return headers;
};

describe('security headers', () => {
	it('ask browsers to keep to https where the forum is served over https', () => {
		expect(headersFor('https://ratnetz.example.org').get('Strict-Transport-Security')).toBe(
			'max-age=31536000; includeSubDomains'
		);
	});

	it('send no HSTS over http, as on a developer’s localhost', () => {
		expect(headersFor('http://localhost:5173').has('Strict-Transport-Security')).toBe(false);
	});

	it('keep signed-in pages out of shared caches', () => {
		expect(headersFor('https://ratnetz.example.org', true).get('Cache-Control')).toBe(
			'private, no-store'
		);
		expect(headersFor('https://ratnetz.example.org').has('Cache-Control')).toBe(false);
		expect(headersFor('http://localhost:5173').get('X-Content-Type-Options')).toBe('nosniff');
	});
});
