// POST /recover with the project's recovery template, then the app's
// /auth/confirm step: verifyOtp({type: 'recovery', token_hash}) and a new password.
import { describe, expect, it } from 'vitest';
import { linkIn, waitForMail } from '../../support/mail.ts';
import {
	admin,
	appOrigin,
	claimsOf,
	client,
	follow,
	oneTimeToken,
	password,
	pkceClient,
	raw,
	sql,
	uniqueEmail,
	url
} from './support.ts';

describe('password recovery', () => {
	it('mails the app link, signs in with the token hash and lets the user set a password', async () => {
		const email = uniqueEmail('recover');
		const created = await admin().createUser({
			email,
			password,
			email_confirm: true,
			user_metadata: { locale: 'en' }
		});
		const stranger = client();
		const { data, error } = await stranger.auth.resetPasswordForEmail(email, {
			redirectTo: appOrigin
		});
		expect(error).toBeNull();
		expect(data).toEqual({});

		const [row] =
			await sql`select recovery_token, recovery_sent_at from auth.users where id = ${created.data.user!.id}`;
		expect(row.recovery_token).toMatch(/^[0-9a-f]{56}$/);
		expect(row.recovery_sent_at).not.toBeNull();
		const hash = await oneTimeToken(email, 'recovery_token');
		expect(hash).toBe(row.recovery_token);

		const mail = await waitForMail(email, { subject: /Set a new password/ });
		expect(mail.html).toContain('Set a new password');
		const link = new URL(linkIn(mail, /auth\/confirm/));
		expect(link.origin + link.pathname).toBe(`${appOrigin}/auth/confirm`);
		expect(Object.fromEntries(link.searchParams)).toEqual({ token_hash: hash, type: 'recovery' });

		// What the app's /auth/confirm route does.
		const browser = client();
		const events: string[] = [];
		browser.auth.onAuthStateChange((event) => events.push(event));
		const verified = await browser.auth.verifyOtp({
			type: 'recovery',
			token_hash: link.searchParams.get('token_hash')!
		});
		expect(verified.error).toBeNull();
		expect(events).toContain('PASSWORD_RECOVERY');
		expect(claimsOf(verified.data.session!.access_token).amr).toEqual([
			{ method: 'otp', timestamp: expect.any(Number) }
		]);
		const [spent] =
			await sql`select recovery_token from auth.users where id = ${created.data.user!.id}`;
		expect(spent.recovery_token).toBe('');

		const updated = await browser.auth.updateUser({ password: 'recovered-pass-1' });
		expect(updated.error).toBeNull();
		expect(
			(await client().auth.signInWithPassword({ email, password: 'recovered-pass-1' })).error
		).toBeNull();
	});

	it('runs the PKCE recovery of @supabase/ssr: ?code= and PASSWORD_RECOVERY', async () => {
		const email = uniqueEmail('pkcerecover');
		await admin().createUser({ email, password, email_confirm: true });
		const browser = pkceClient();
		await browser.auth.resetPasswordForEmail(email, { redirectTo: `${appOrigin}/auth/callback` });
		const token = await oneTimeToken(email, 'recovery_token');
		expect(token).toMatch(/^pkce_[0-9a-f]{56}$/);

		const { location } = await follow(
			`${url}/auth/v1/verify?token=${token}&type=recovery&redirect_to=${appOrigin}/auth/callback`
		);
		const code = new URL(location).searchParams.get('code');
		expect(location).toBe(`${appOrigin}/auth/callback?code=${code}`);
		const events: string[] = [];
		browser.auth.onAuthStateChange((event) => events.push(event));
		const { data, error } = await browser.auth.exchangeCodeForSession(code!);
		expect(error).toBeNull();
		expect(events).toContain('PASSWORD_RECOVERY');
		expect(claimsOf(data.session!.access_token).amr).toEqual([
			{ method: 'recovery', timestamp: expect.any(Number) }
		]);
	});

	it('answers unknown addresses like known ones and validates the address', async () => {
		const unknown = await client().auth.resetPasswordForEmail(uniqueEmail('ghost'));
		expect(unknown).toEqual({ data: {}, error: null });
		const invalid = await raw('/recover', { body: { email: 'nope' } });
		expect(invalid).toMatchObject({
			status: 400,
			json: {
				code: 'validation_failed',
				message: 'Unable to validate email address: invalid format'
			}
		});
		const missing = await raw('/recover', { body: {} });
		expect(missing).toMatchObject({
			status: 422,
			json: { code: 'validation_failed', message: 'Password recovery requires an email' }
		});
	});

	it('confirms an unconfirmed user who recovers the password', async () => {
		const email = uniqueEmail('unconfirmed');
		await client().auth.signUp({ email, password });
		await client().auth.resetPasswordForEmail(email);
		const { data, error } = await client().auth.verifyOtp({
			type: 'recovery',
			token_hash: (await oneTimeToken(email, 'recovery_token'))!
		});
		expect(error).toBeNull();
		expect(data.user?.email_confirmed_at).toBeTruthy();
	});
});
