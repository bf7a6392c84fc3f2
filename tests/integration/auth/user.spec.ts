// GET /user and PUT /user: metadata, password change, e-mail change with the
// secure (double) confirmation of config.toml, and the token errors of /user.
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { jwtSecret } from '../../../supabase/local/env.ts';
import { linkIn, waitForMail } from '../../support/mail.ts';
import {
	admin,
	claimsOf,
	client,
	oneTimeToken,
	password,
	raw,
	signedInUser,
	sql,
	uniqueEmail
} from './support.ts';

describe('GET /user', () => {
	it('returns the user of a valid token and refuses other tokens with GoTrue’s errors', async () => {
		const { supabase, session, user } = await signedInUser();
		const { data, error } = await supabase.auth.getUser(session!.access_token);
		expect(error).toBeNull();
		expect(data.user).toMatchObject({
			id: user.id,
			email: user.email,
			identities: [{ provider: 'email' }]
		});

		const hs256 = (claims: Record<string, unknown>, expiresIn = '1h') =>
			new SignJWT(claims)
				.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
				.setIssuedAt()
				.setExpirationTime(expiresIn)
				.sign(new TextEncoder().encode(jwtSecret));
		const cases: [string | undefined, number, string, string][] = [
			[undefined, 403, 'bad_jwt', 'invalid claim: missing sub claim'],
			[
				`${session!.access_token.slice(0, -4)}AAAA`,
				403,
				'bad_jwt',
				'invalid JWT: unable to parse or verify signature, token signature is invalid: signature is invalid'
			],
			[
				'garbage',
				403,
				'bad_jwt',
				'invalid JWT: unable to parse or verify signature, token is malformed: token contains an invalid number of segments'
			],
			[
				await hs256({ sub: user.id, aud: 'authenticated', role: 'authenticated' }, '-1m'),
				403,
				'bad_jwt',
				'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired'
			],
			[
				await hs256({ sub: crypto.randomUUID(), aud: 'authenticated' }),
				403,
				'user_not_found',
				'User from sub claim in JWT does not exist'
			],
			[
				await hs256({ sub: user.id, aud: 'other' }),
				400,
				'validation_failed',
				"Token audience doesn't match request audience"
			]
		];
		for (const [token, status, code, message] of cases) {
			const response = await raw('/user', { token });
			expect({ status: response.status, ...response.json }).toEqual({ status, code, message });
		}
		// Legacy HS256 user tokens (no kid) are still accepted.
		const legacy = await raw('/user', {
			token: await hs256({ sub: user.id, aud: 'authenticated' })
		});
		expect(legacy.json.id).toBe(user.id);
		const withoutBearer = await raw('/user', { headers: { Authorization: session!.access_token } });
		expect(withoutBearer).toMatchObject({
			status: 401,
			json: { code: 'no_authorization', message: 'This endpoint requires a valid Bearer token' }
		});
	});
});

describe('PUT /user', () => {
	it('merges user_metadata (null deletes) and keeps the access token’s stale claims', async () => {
		const { supabase, session } = await signedInUser();
		await supabase.auth.updateUser({ data: { display_name: 'Clara', theme: 'dark' } });
		const { data, error } = await supabase.auth.updateUser({ data: { theme: null, locale: 'en' } });
		expect(error).toBeNull();
		expect(data.user?.user_metadata).toMatchObject({ display_name: 'Clara', locale: 'en' });
		expect(data.user?.user_metadata).not.toHaveProperty('theme');
		expect(claimsOf(session!.access_token).user_metadata).not.toHaveProperty('display_name');
		const refreshed = await supabase.auth.refreshSession();
		expect(claimsOf(refreshed.data.session!.access_token).user_metadata.display_name).toBe('Clara');
	});

	it('changes the password, signing out every other session', async () => {
		const email = uniqueEmail('pwchange');
		await admin().createUser({ email, password, email_confirm: true });
		const here = client();
		const elsewhere = client();
		await here.auth.signInWithPassword({ email, password });
		const other = await elsewhere.auth.signInWithPassword({ email, password });

		const same = await here.auth.updateUser({ password });
		expect(same.error).toMatchObject({
			status: 422,
			code: 'same_password',
			message: 'New password should be different from the old password.'
		});
		const weak = await here.auth.updateUser({ password: 'letters-only' });
		expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' });

		const { error } = await here.auth.updateUser({ password: 'new-password-77' });
		expect(error).toBeNull();
		expect((await here.auth.getUser()).error).toBeNull();
		const stale = await raw('/user', { token: other.data.session!.access_token });
		expect(stale.json.code).toBe('session_not_found');
		expect((await client().auth.signInWithPassword({ email, password })).error?.code).toBe(
			'invalid_credentials'
		);
		expect(
			(await client().auth.signInWithPassword({ email, password: 'new-password-77' })).error
		).toBeNull();
	});

	it('refuses app_metadata from a non-admin', async () => {
		const { session } = await signedInUser();
		const response = await raw('/user', {
			method: 'PUT',
			token: session!.access_token,
			body: { app_metadata: { role: 'admin' } }
		});
		expect(response).toMatchObject({
			status: 403,
			json: { code: 'not_admin', message: 'Updating app_metadata requires admin privileges' }
		});
	});

	it('changes the e-mail only after both addresses confirmed', async () => {
		const { supabase, user } = await signedInUser();
		const taken = uniqueEmail('taken');
		await admin().createUser({ email: taken, password, email_confirm: true });
		const duplicate = await supabase.auth.updateUser({ email: taken });
		expect(duplicate.error).toMatchObject({
			status: 422,
			code: 'email_exists',
			message: 'A user with this email address has already been registered'
		});

		const newEmail = uniqueEmail('moved');
		const { data, error } = await supabase.auth.updateUser({ email: newEmail });
		expect(error).toBeNull();
		expect(data.user).toMatchObject({ email: user.email, new_email: newEmail });
		expect(data.user?.email_change_sent_at).toBeTruthy();
		// The app's mails (Send Email Hook), in German: one to each address, each with its own link.
		const toNew = await waitForMail(newEmail, { subject: /Bestätige deine neue E-Mail-Adresse/ });
		const toOld = await waitForMail(user.email!, { subject: /Änderung deiner E-Mail-Adresse/ });
		expect(toNew.text).toContain(newEmail);
		expect(toOld.text).toContain(`von ${user.email} zu ${newEmail}`);
		const linkHash = (mail: typeof toNew) =>
			new URL(linkIn(mail, /\/auth\/confirm\?/)).searchParams.get('token_hash')!;
		expect(linkHash(toNew)).toBe(await oneTimeToken(newEmail, 'email_change_token_new'));
		expect(linkHash(toOld)).toBe(await oneTimeToken(user.email!, 'email_change_token_current'));

		const first = await client().auth.verifyOtp({
			type: 'email_change',
			token_hash: linkHash(toNew)
		});
		expect(first.error).toBeNull();
		expect(first.data.session).toBeNull();
		const [pending] =
			await sql`select email, email_change_confirm_status from auth.users where id = ${user.id}`;
		expect(pending).toEqual({ email: user.email, email_change_confirm_status: 1 });

		const second = await client().auth.verifyOtp({
			type: 'email_change',
			token_hash: linkHash(toOld)
		});
		expect(second.error).toBeNull();
		expect(second.data.user).toMatchObject({ email: newEmail });
		expect(second.data.user?.new_email).toBeUndefined();
		expect(second.data.user?.identities?.[0]).toMatchObject({
			email: newEmail,
			identity_data: { email: newEmail }
		});
		expect(
			(await client().auth.signInWithPassword({ email: newEmail, password })).error
		).toBeNull();
	});
});
