// The app's Send Email Hook (src/routes/api/auth/send-email): refuses calls that Auth did
// not sign, and writes Auth's mails in the member's language, with a link that works.
import { createHmac, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { POST } from '../../src/routes/api/auth/send-email/+server';
import { linkIn, waitForMail } from '../support/mail';
import { authClient, createMember, owner } from './support';

const secret = process.env.SEND_EMAIL_HOOK_SECRET!;
const origin = 'http://localhost:5173';

function signed(body: string, options: { secret?: string; at?: number } = {}) {
	const id = randomUUID();
	const at = options.at ?? Math.floor(Date.now() / 1000);
	const key = Buffer.from((options.secret ?? secret).replace(/^v1,whsec_/, ''), 'base64');
	const signature = createHmac('sha256', key).update(`${id}.${at}.${body}`).digest('base64');
	return {
		'content-type': 'application/json',
		'webhook-id': id,
		'webhook-timestamp': String(at),
		'webhook-signature': `v1,${signature}`
	};
}

async function callHook(payload: unknown, options: Parameters<typeof signed>[1] = {}) {
	const body = JSON.stringify(payload);
	const request = new Request(`${origin}/api/auth/send-email`, {
		method: 'POST',
		headers: signed(body, options),
		body
	});
	return POST({ request } as never);
}

/** A link as Auth would mail it, from its admin API: the user and the token hash. */
async function generated(type: 'signup' | 'recovery', email: string, locale?: 'de' | 'en') {
	const { data, error } = await authClient(
		process.env.SUPABASE_SERVICE_ROLE_KEY!
	).auth.admin.generateLink({
		type,
		email,
		password: `Passwort-${randomUUID().slice(0, 8)}-1`,
		options: locale ? { data: { locale, pseudonym: `Hook_${randomUUID().slice(0, 8)}` } } : {}
	} as never);
	if (error) throw error;
	return {
		user: data.user,
		email_data: {
			token: data.properties.email_otp,
			token_hash: data.properties.hashed_token,
			redirect_to: origin,
			email_action_type: type,
			site_url: `${process.env.PUBLIC_SUPABASE_URL}/auth/v1`,
			token_new: '',
			token_hash_new: ''
		}
	};
}

describe('the Send Email Hook', () => {
	it('refuses a wrong signature, another secret and an old call, and sends nothing', async () => {
		const member = await createMember();
		const payload = await generated('recovery', member.email);
		const started = new Date();
		const body = JSON.stringify(payload);
		const tampered = new Request(`${origin}/api/auth/send-email`, {
			method: 'POST',
			headers: signed(body),
			body: body.replace(origin, 'https://evil.example')
		});
		expect((await POST({ request: tampered } as never)).status).toBe(401);
		expect((await callHook(payload, { secret: 'v1,whsec_b3RoZXI=' })).status).toBe(401);
		const old = Math.floor(Date.now() / 1000) - 10 * 60;
		expect((await callHook(payload, { at: old })).status).toBe(401);
		const unsigned = new Request(`${origin}/api/auth/send-email`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body
		});
		expect((await POST({ request: unsigned } as never)).status).toBe(401);
		await expect(waitForMail(member.email, { after: started, timeoutMs: 500 })).rejects.toThrow(
			/No mail/
		);
	});

	it('refuses a signed call it cannot read with 400', async () => {
		const response = await callHook({ user: { id: 'x' }, email_data: {} });
		expect(response.status).toBe(400);
	});

	it('writes a German member’s password mail in German, with a link that works', async () => {
		const member = await createMember({ locale: 'de' });
		const started = new Date();
		const response = await callHook(await generated('recovery', member.email));
		expect(response.status).toBe(200);
		const mail = await waitForMail(member.email, { after: started });
		expect(mail.subject).toBe('Ratnetz: Neues Passwort festlegen');
		expect(mail.text).toContain('Lege hier ein neues Passwort fest');
		expect(mail.html).toContain('<html lang="de">');
		const link = new URL(linkIn(mail, /\/auth\/confirm\?/));
		expect(link.origin + link.pathname).toBe(`${origin}/auth/confirm`);
		expect(link.searchParams.get('type')).toBe('recovery');
		const { error } = await authClient().auth.verifyOtp({
			type: 'recovery',
			token_hash: link.searchParams.get('token_hash')!
		});
		expect(error).toBeNull();
	});

	it('writes a sign-up’s confirmation in the language chosen at sign-up', async () => {
		const email = `hook-${randomUUID().slice(0, 8)}@example.org`;
		const started = new Date();
		expect((await callHook(await generated('signup', email, 'en'))).status).toBe(200);
		const mail = await waitForMail(email, { after: started });
		expect(mail.subject).toBe('Ratnetz: Please confirm your e-mail address');
		expect(mail.html).toContain('Confirm e-mail address');
		const link = new URL(linkIn(mail, /\/auth\/confirm\?/));
		expect(link.searchParams.get('type')).toBe('email');
		const { data, error } = await authClient().auth.verifyOtp({
			type: 'email',
			token_hash: link.searchParams.get('token_hash')!
		});
		expect(error).toBeNull();
		expect(data.user?.email_confirmed_at).toBeTruthy();
	});

	it('follows the member’s saved language over the one of sign-up', async () => {
		const member = await createMember({ locale: 'de' });
		await owner`update public.member_settings set locale = 'en' where member_id = ${member.id}`;
		const started = new Date();
		expect((await callHook(await generated('recovery', member.email))).status).toBe(200);
		const mail = await waitForMail(member.email, { after: started });
		expect(mail.subject).toBe('Ratnetz: Set a new password');
	});
});
