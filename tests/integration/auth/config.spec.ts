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
	it('limits sign-ins per IP (sign_in_sign_ups) with 429 over_request_rate_limit', async () => {
		const { url } = await start((c) => (c.auth.rate_limit.sign_in_sign_ups = 2));
		const attempt = () =>
			raw('/token?grant_type=password', { base: url, body: { email: uniqueEmail(), password } });
		expect((await attempt()).status).toBe(400);
		expect((await attempt()).status).toBe(400);
		const limited = await attempt();
		expect(limited).toMatchObject({
			status: 429,
			json: { code: 'over_request_rate_limit', message: 'Request rate limit reached' }
		});
		// Refreshes have their own budget.
		const refresh = await raw('/token?grant_type=refresh_token', {
			base: url,
			body: { refresh_token: 'abcdefghijkl' }
		});
		expect(refresh.json.code).toBe('refresh_token_not_found');
	});

	it('limits mails per user (max_frequency) and per hour (email_sent)', async () => {
		const { url } = await start((c) => {
			c.auth.email.max_frequency = '60s';
			c.auth.rate_limit.email_sent = 2;
		});
		const email = uniqueEmail('frequency');
		expect((await raw('/signup', { base: url, body: { email, password } })).status).toBe(200);
		const again = await raw('/signup', { base: url, body: { email, password } });
		expect(again.status).toBe(429);
		expect(again.json.code).toBe('over_email_send_rate_limit');
		expect(again.json.message).toMatch(
			/^For security purposes, you can only request this after (59|60) seconds\.$/
		);

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
