// Behaviour that depends on config.toml, checked on extra stand-in instances with
// patched settings: rate limits, mail frequency and quota, mail failures, default
// templates, autoconfirm and disabled sign-ups.
import { afterEach, describe, expect, it } from 'vitest';
import { linkIn } from '../../support/mail.ts';
import {
	admin,
	client,
	extraStack,
	password,
	raw,
	sql,
	uniqueEmail,
	type ConfigToml,
	type ExtraStack
} from './support.ts';

let stack: ExtraStack | undefined;
afterEach(async () => {
	await stack?.stop();
	stack = undefined;
});

async function start(patch: (config: ConfigToml) => void) {
	stack = await extraStack(patch);
	return stack;
}

describe('settings from config.toml', () => {
	it('limits /token per IP as GoTrue does: 30 at once, then token_refresh per 5 minutes', async () => {
		// 1 per 5 minutes: nothing refills while the test runs.
		const { url } = await start((c) => (c.auth.rate_limit.token_refresh = 1));
		const from = (ip: string) => ({ 'X-Forwarded-For': ip });
		const signIn = (ip: string) =>
			raw('/token?grant_type=password', {
				base: url,
				headers: from(ip),
				body: { email: uniqueEmail(), password }
			});
		for (let i = 0; i < 30; i++) expect((await signIn('203.0.113.7')).status).toBe(400);
		expect(await signIn('203.0.113.7')).toMatchObject({
			status: 429,
			json: { code: 'over_request_rate_limit', message: 'Request rate limit reached' }
		});
		// Refreshes spend the same bucket; the first X-Forwarded-For address is the key, so a
		// proxy's own address behind it changes nothing, and another client has its own.
		const refresh = (forwarded: string) =>
			raw('/token?grant_type=refresh_token', {
				base: url,
				headers: from(forwarded),
				body: { refresh_token: 'abcdefghijkl' }
			});
		expect((await refresh('203.0.113.7, 198.51.100.1')).status).toBe(429);
		expect((await refresh('203.0.113.8')).json.code).toBe('refresh_token_not_found');
		// An unknown grant is refused before the limit.
		const unsupported = await raw('/token?grant_type=nope', {
			base: url,
			headers: from('203.0.113.7'),
			body: {}
		});
		expect(unsupported.json.message).toBe('unsupported_grant_type');
	});

	it('limits /signup and /recover per IP, each its own bucket of sign_in_sign_ups', async () => {
		const { url } = await start((c) => (c.auth.rate_limit.sign_in_sign_ups = 1));
		const headers = { 'X-Forwarded-For': '203.0.113.9' };
		// Too short a password: refused after the limit is spent, without a mail.
		const signUp = () =>
			raw('/signup', { base: url, headers, body: { email: uniqueEmail(), password: 'x' } });
		for (let i = 0; i < 30; i++) expect((await signUp()).json.code).toBe('weak_password');
		expect((await signUp()).json.code).toBe('over_request_rate_limit');
		const recover = await raw('/recover', {
			base: url,
			headers,
			body: { email: uniqueEmail() }
		});
		expect(recover.status).toBe(200);
	});

	it('counts a caller without X-Forwarded-For by its own address, as the gateway appends it', async () => {
		const { url } = await start((c) => (c.auth.rate_limit.token_verifications = 1));
		const statuses = [];
		for (let i = 0; i < 31; i++) {
			const response = await fetch(`${url}/auth/v1/verify?token=x&type=recovery`, {
				redirect: 'manual'
			});
			statuses.push(response.status);
		}
		expect(statuses.slice(0, 30).every((status) => status === 303)).toBe(true);
		expect(statuses[30]).toBe(429);
	});

	it('limits mails per user (max_frequency) and per hour (email_sent)', async () => {
		const { url } = await start((c) => {
			c.auth.email.max_frequency = '60s';
			c.auth.rate_limit.email_sent = 2;
		});
		const email = uniqueEmail('frequency');
		const sent = Date.now();
		expect((await raw('/signup', { base: url, body: { email, password } })).status).toBe(200);
		const again = await raw('/signup', { base: url, body: { email, password } });
		expect(again.status).toBe(429);
		expect(again.json.code).toBe('over_email_send_rate_limit');
		// The seconds left of the minute: 60 less what passed since the mail, however slow the machine.
		const [, left] =
			/^For security purposes, you can only request this after (\d+) seconds\.$/.exec(
				String(again.json.message)
			) ?? [];
		const passed = Math.ceil((Date.now() - sent) / 1000);
		expect(Number(left)).toBeLessThanOrEqual(60);
		expect(Number(left)).toBeGreaterThanOrEqual(59 - passed);

		expect(
			(await raw('/signup', { base: url, body: { email: uniqueEmail(), password } })).status
		).toBe(200);
		const quota = await raw('/signup', { base: url, body: { email: uniqueEmail(), password } });
		expect(quota).toMatchObject({
			status: 429,
			json: { code: 'over_email_send_rate_limit', message: 'email rate limit exceeded' }
		});
	});

	it('fails like GoTrue when the mail cannot be sent, and stores nothing', async () => {
		const { url } = await start((c) => (c.auth.email.smtp.port = 9));
		const email = uniqueEmail('nomail');
		const signup = await raw('/signup', { base: url, body: { email, password } });
		expect(signup).toMatchObject({
			status: 500,
			json: { code: 'unexpected_failure', message: 'Error sending confirmation email' }
		});
		expect(await sql`select 1 from auth.users where email = ${email}`).toHaveLength(0);

		const existing = uniqueEmail('norecovery');
		await admin().createUser({ email: existing, password, email_confirm: true });
		const recover = await raw('/recover', { base: url, body: { email: existing } });
		expect(recover).toMatchObject({
			status: 500,
			json: { code: 'unexpected_failure', message: 'Error sending recovery email' }
		});
	});

	it('uses GoTrue’s default template (link to /verify) when none is configured', async () => {
		const instance = await start((c) => delete c.auth.email.template);
		const email = uniqueEmail('default');
		await raw('/signup?redirect_to=http://localhost:5173/welcome', {
			base: instance.url,
			body: { email, password }
		});
		const [mail] = await instance.mails(email);
		expect(mail.subject).toBe('Confirm Your Email');
		expect(mail.html).toContain('<h2>Confirm Your Email</h2>');
		expect(mail.html).toMatch(/Alternatively, enter the code: \d{6}/);
		const link = linkIn(mail, /\/verify\?/);
		expect(link).toMatch(
			new RegExp(
				`^${instance.url}/auth/v1/verify\\?token=[0-9a-f]{56}&type=signup&redirect_to=http://localhost:5173/welcome$`
			)
		);
		const followed = await fetch(link, { redirect: 'manual' });
		expect(followed.headers.get('location')).toMatch(
			/^http:\/\/localhost:5173\/welcome#access_token=/
		);
	});

	it('signs up straight into a session with confirmations off', async () => {
		const { url } = await start((c) => (c.auth.email.enable_confirmations = false));
		const email = uniqueEmail('autoconfirm');
		const supabase = client(undefined, url);
		const { data, error } = await supabase.auth.signUp({ email, password });
		expect(error).toBeNull();
		expect(data.session?.access_token).toBeTruthy();
		expect(data.user?.email_confirmed_at).toBeTruthy();
		const again = await client(undefined, url).auth.signUp({ email, password });
		expect(again.error).toMatchObject({
			status: 422,
			code: 'user_already_exists',
			message: 'User already registered'
		});
		expect((await raw('/settings', { base: url })).json.mailer_autoconfirm).toBe(true);
	});

	it('refuses sign-ups when they are disabled', async () => {
		const { url } = await start((c) => (c.auth.enable_signup = false));
		const response = await raw('/signup', { base: url, body: { email: uniqueEmail(), password } });
		expect(response).toMatchObject({
			status: 422,
			json: { code: 'signup_disabled', message: 'Signups not allowed for this instance' }
		});
	});
});
