// The gateway in front of Auth (API key, CORS) and the metadata endpoints:
// /settings, /health, /.well-known/jwks.json, plus both error formats.
import { describe, expect, it } from 'vitest';
import { anonKey, raw, url } from './support.ts';

describe('gateway', () => {
	it('demands an API key except on open routes', async () => {
		const missing = await fetch(`${url}/auth/v1/settings`);
		expect(missing.status).toBe(401);
		expect(await missing.json()).toEqual({
			message: 'No API key found in request',
			hint: 'No `apikey` request header or url param was found.'
		});
		const invalid = await fetch(`${url}/auth/v1/settings`, { headers: { apikey: 'nope' } });
		expect(invalid.status).toBe(401);
		expect(await invalid.json()).toEqual({
			message: 'Invalid API key',
			hint: 'Double check your Supabase `anon` or `service_role` API key.'
		});
		expect((await fetch(`${url}/auth/v1/settings?apikey=${anonKey}`)).status).toBe(200);
		expect((await fetch(`${url}/auth/v1/health`)).status).toBe(200);
		expect((await fetch(`${url}/auth/v1/.well-known/jwks.json`)).status).toBe(200);
	});

	it('answers CORS preflights for any origin and exposes the headers clients read', async () => {
		const preflight = await fetch(`${url}/auth/v1/token?grant_type=password`, {
			method: 'OPTIONS',
			headers: {
				Origin: 'http://localhost:5173',
				'Access-Control-Request-Method': 'POST',
				'Access-Control-Request-Headers':
					'apikey, authorization, content-type, x-client-info, x-supabase-api-version'
			}
		});
		expect(preflight.status).toBe(200);
		expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
		expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
		expect(preflight.headers.get('access-control-allow-headers')).toBe(
			'apikey, authorization, content-type, x-client-info, x-supabase-api-version'
		);
		const response = await raw('/settings');
		for (const header of ['X-Supabase-Api-Version', 'X-Total-Count', 'Link', 'Content-Range']) {
			expect(response.headers.get('access-control-expose-headers')).toContain(header);
		}
	});
});

describe('metadata endpoints', () => {
	it('serves settings, health and the JWKS', async () => {
		const settings = await raw('/settings');
		expect(settings.json).toMatchObject({
			external: { email: true, phone: false, anonymous_users: false, google: false },
			disable_signup: false,
			mailer_autoconfirm: false,
			phone_autoconfirm: false,
			saml_enabled: false
		});
		expect((await raw('/health')).json).toEqual({
			version: expect.stringMatching(/^v2\.\d+\.\d+$/),
			name: 'GoTrue',
			description: 'GoTrue is a user registration and authentication API'
		});
		const jwks = await fetch(`${url}/auth/v1/.well-known/jwks.json`);
		expect(jwks.headers.get('cache-control')).toBe('public, max-age=600');
		const { keys } = (await jwks.json()) as { keys: Record<string, unknown>[] };
		expect(keys).toEqual([
			{
				kty: 'EC',
				crv: 'P-256',
				x: expect.any(String),
				y: expect.any(String),
				kid: expect.any(String),
				alg: 'ES256',
				use: 'sig',
				key_ops: ['verify']
			}
		]);
	});
});

describe('error formats', () => {
	const badLogin = { email: 'nobody@example.org', password: 'wrong-password-1' };

	it('answers auth-js (X-Supabase-Api-Version: 2024-01-01) with {code, message} and echoes the version', async () => {
		const response = await raw('/token?grant_type=password', { body: badLogin });
		expect(response.status).toBe(400);
		expect(response.json).toEqual({
			code: 'invalid_credentials',
			message: 'Invalid login credentials'
		});
		expect(response.headers.get('x-supabase-api-version')).toBe('2024-01-01');
		expect(response.headers.get('x-sb-error-code')).toBe('invalid_credentials');
		// The version header is only echoed on errors.
		expect((await raw('/settings')).headers.get('x-supabase-api-version')).toBeNull();
	});

	it('answers older clients (no version header) in the legacy shape', async () => {
		const response = await fetch(`${url}/auth/v1/token?grant_type=password`, {
			method: 'POST',
			headers: { apikey: anonKey, 'Content-Type': 'application/json' },
			body: JSON.stringify(badLogin)
		});
		expect(response.status).toBe(400);
		expect(response.headers.get('x-supabase-api-version')).toBeNull();
		expect(await response.json()).toEqual({
			code: 400,
			error_code: 'invalid_credentials',
			msg: 'Invalid login credentials'
		});

		const weak = await fetch(`${url}/auth/v1/signup`, {
			method: 'POST',
			headers: { apikey: anonKey, 'Content-Type': 'application/json' },
			body: JSON.stringify({ email: 'weak@example.org', password: 'x' })
		});
		expect(await weak.json()).toEqual({
			code: 422,
			error_code: 'weak_password',
			msg: expect.stringMatching(/^Password should be at least 10 characters\./),
			weak_password: { reasons: ['length', 'characters'] }
		});
	});

	it('answers unknown routes and methods with JSON', async () => {
		expect(await raw('/nothing-here')).toMatchObject({ status: 404, json: { code: 'not_found' } });
		expect(await raw('/signup', { method: 'GET' })).toMatchObject({ status: 405 });
	});
});
