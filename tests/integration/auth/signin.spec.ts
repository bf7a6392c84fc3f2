// POST /token?grant_type=password, the access token's claims (B.5), JWKS
// verification, getClaims(), and users seeded with pgcrypto's crypt().
import { randomUUID } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { admin, claimsOf, client, password, raw, sql, uniqueEmail, url } from './support.ts';

describe('password sign-in', () => {
	it('issues a session whose ES256 access token verifies against the JWKS', async () => {
		const email = uniqueEmail('signin');
		const created = await admin().createUser({
			email,
			password,
			email_confirm: true,
			user_metadata: { display_name: 'Ben' },
			app_metadata: { roles: ['member'] }
		});
		const supabase = client();
		const { data, error } = await supabase.auth.signInWithPassword({ email, password });
		expect(error).toBeNull();
		const session = data.session!;
		expect(session).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
		expect(session.refresh_token).toMatch(/^[a-z0-9]{12}$/);
		expect(session.expires_at).toBe(claimsOf(session.access_token).exp);
		expect(session.user.last_sign_in_at).toBeTruthy();

		expect(decodeProtectedHeader(session.access_token)).toEqual({
			alg: 'ES256',
			kid: expect.any(String),
			typ: 'JWT'
		});
		const jwks = createRemoteJWKSet(new URL(`${url}/auth/v1/.well-known/jwks.json`));
		const { payload } = await jwtVerify(session.access_token, jwks, {
			issuer: `${url}/auth/v1`,
			audience: 'authenticated'
		});
		expect(Object.keys(payload)).toEqual([
			'iss',
			'sub',
			'aud',
			'exp',
			'iat',
			'email',
			'phone',
			'app_metadata',
			'user_metadata',
			'role',
			'aal',
			'amr',
			'session_id',
			'is_anonymous'
		]);
		expect(payload).toMatchObject({
			sub: created.data.user!.id,
			aud: 'authenticated',
			email,
			phone: '',
			app_metadata: { provider: 'email', providers: ['email'], roles: ['member'] },
			user_metadata: { display_name: 'Ben', email_verified: true },
			role: 'authenticated',
			aal: 'aal1',
			amr: [{ method: 'password', timestamp: expect.any(Number) }],
			is_anonymous: false
		});
		expect(payload.exp! - payload.iat!).toBe(3600);
		const [row] =
			await sql`select user_id, aal from auth.sessions where id = ${payload.session_id as string}`;
		expect(row).toEqual({ user_id: created.data.user!.id, aal: 'aal1' });

		// getClaims() verifies locally with the published key (no /user round trip needed).
		const claims = await supabase.auth.getClaims();
		expect(claims.error).toBeNull();
		expect(claims.data?.claims.sub).toBe(created.data.user!.id);
		expect(claims.data?.header.alg).toBe('ES256');
	});

	it('rejects wrong passwords and unknown addresses alike', async () => {
		const email = uniqueEmail('wrong');
		await admin().createUser({ email, password, email_confirm: true });
		for (const attempt of [
			{ email, password: 'not-the-password-1' },
			{ email: uniqueEmail('nobody'), password }
		]) {
			const { data, error } = await client().auth.signInWithPassword(attempt);
			expect(data.session).toBeNull();
			expect(error).toMatchObject({
				status: 400,
				code: 'invalid_credentials',
				message: 'Invalid login credentials'
			});
		}
	});

	it('signs in a user seeded with extensions.crypt() as in seed.sql', async () => {
		const id = randomUUID();
		const email = uniqueEmail('seeded');
		await sql`
			insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
				raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
				confirmation_token, recovery_token, email_change_token_new, email_change)
			values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', 'authenticated', ${email},
				extensions.crypt(${password}, extensions.gen_salt('bf')), now(),
				'{"provider":"email","providers":["email"]}', '{}', now(), now(), '', '', '', '')`;
		await sql`
			insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
			values (${id}, ${id}, ${sql.json({ sub: id, email, email_verified: true })}, 'email', now(), now(), now())`;
		const { data, error } = await client().auth.signInWithPassword({ email, password });
		expect(error).toBeNull();
		expect(data.user?.id).toBe(id);
		expect(data.user?.identities?.[0]).toMatchObject({ provider: 'email', email });
	});

	it('fails like GoTrue when a seed left a token column NULL', async () => {
		const email = uniqueEmail('nulltoken');
		const created = await admin().createUser({ email, password, email_confirm: true });
		await sql`update auth.users set confirmation_token = null where id = ${created.data.user!.id}`;
		const response = await raw('/token?grant_type=password', { body: { email, password } });
		expect(response.status).toBe(500);
		expect(response.json).toEqual({
			code: 'unexpected_failure',
			message: 'Database error querying schema'
		});
	});

	it('reports a valid but now too weak password without refusing the sign-in', async () => {
		const email = uniqueEmail('weak');
		const created = await admin().createUser({ email, email_confirm: true });
		await sql`update auth.users set encrypted_password = extensions.crypt('shortpw', extensions.gen_salt('bf')) where id = ${created.data.user!.id}`;
		const response = await raw('/token?grant_type=password', {
			body: { email, password: 'shortpw' }
		});
		expect(response.status).toBe(200);
		expect(response.json.weak_password).toEqual({
			message: expect.stringMatching(/^Password should be at least 10 characters\./),
			reasons: ['length', 'characters']
		});
	});

	it('answers unknown grant types and missing credentials', async () => {
		const unsupported = await raw('/token?grant_type=magic', { body: {} });
		expect(unsupported).toMatchObject({
			status: 400,
			json: { code: 'invalid_credentials', message: 'unsupported_grant_type' }
		});
		const missing = await raw('/token?grant_type=password', { body: { password } });
		expect(missing).toMatchObject({
			status: 400,
			json: { code: 'validation_failed', message: 'missing email or phone' }
		});
	});
});
