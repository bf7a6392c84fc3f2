// GoTrue's Send Email Hook in the stand-in, on an extra instance whose hook is a
// recorder here: what it posts (GoTrue's SendEmailInput, signed per Standard Webhooks),
// that it then sends no mail itself, and that a refusing hook fails the request.
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '$lib/server/mail/webhook-signature';
import {
	extraStack,
	oneTimeToken,
	password,
	raw,
	serviceKey,
	sql,
	uniqueEmail,
	type ExtraStack
} from './support.ts';

const secret = 'v1,whsec_dGhlIHN0YW5kLWluIHRlc3RzIG93biBrZXk=';
type Call = { headers: IncomingHttpHeaders; body: string };

let recorder: Server;
let calls: Call[];
let answer: number;
let stack: ExtraStack;

beforeEach(async () => {
	calls = [];
	answer = 200;
	recorder = createServer(async (request, response) => {
		let body = '';
		for await (const chunk of request) body += chunk;
		calls.push({ headers: request.headers, body });
		response.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
	});
	await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
	const { port } = recorder.address() as AddressInfo;
	stack = await extraStack((config) => {
		config.auth.hook = {
			send_email: { enabled: true, uri: `http://127.0.0.1:${port}/hook`, secrets: secret }
		};
	});
});

afterEach(async () => {
	await stack.stop();
	recorder.closeAllConnections();
	await new Promise((resolve) => recorder.close(resolve));
});

const sha224 = (value: string) => createHash('sha224').update(value).digest('hex');

function input(call: Call) {
	return JSON.parse(call.body) as {
		user: { id: string; email: string; new_email?: string; user_metadata: { locale?: string } };
		email_data: Record<string, string>;
	};
}

describe('Send Email Hook', () => {
	it('posts a sign-up’s user and tokens, signed, and sends no mail itself', async () => {
		const email = uniqueEmail('hook');
		const signup = await raw('/signup?redirect_to=http://localhost:5173', {
			base: stack.url,
			body: { email, password, data: { locale: 'en' } }
		});
		expect(signup.status).toBe(200);
		expect(calls).toHaveLength(1);
		const [call] = calls;
		expect(call.headers['content-type']).toBe('application/json');
		const headers = new Headers(call.headers as Record<string, string>);
		expect(verifyWebhook(secret, headers, call.body)).toBe(true);
		expect(verifyWebhook('v1,whsec_b3RoZXI=', headers, call.body)).toBe(false);

		const { user, email_data } = input(call);
		expect(user).toMatchObject({ email, user_metadata: { locale: 'en' } });
		expect(email_data).toEqual({
			token: expect.stringMatching(/^\d{6}$/),
			token_hash: await oneTimeToken(email, 'confirmation_token'),
			redirect_to: 'http://localhost:5173',
			email_action_type: 'signup',
			site_url: `${stack.url}/auth/v1`,
			token_new: '',
			token_hash_new: ''
		});
		expect(email_data.token_hash).toBe(sha224(email + email_data.token));
		expect(await stack.mails(email)).toEqual([]);
	});

	it('posts both tokens of a secure e-mail change in one call, GoTrue’s way round', async () => {
		const email = uniqueEmail('hookchange');
		await raw('/admin/users', {
			base: stack.url,
			token: serviceKey,
			headers: { apikey: serviceKey },
			body: { email, password, email_confirm: true }
		});
		const session = await raw('/token?grant_type=password', {
			base: stack.url,
			body: { email, password }
		});
		const newEmail = uniqueEmail('hookmoved');
		const changed = await raw('/user', {
			base: stack.url,
			method: 'PUT',
			token: session.json.access_token as string,
			body: { email: newEmail }
		});
		expect(changed.status).toBe(200);
		expect(calls).toHaveLength(1);
		const { user, email_data } = input(calls[0]);
		expect(user).toMatchObject({ email, new_email: newEmail });
		expect(email_data.email_action_type).toBe('email_change');
		expect(email_data.token_hash).toBe(await oneTimeToken(newEmail, 'email_change_token_new'));
		expect(email_data.token_hash_new).toBe(await oneTimeToken(email, 'email_change_token_current'));
		expect(email_data.token_hash).toBe(sha224(newEmail + email_data.token));
		expect(email_data.token_hash_new).toBe(sha224(email + email_data.token_new));
	});

	it('fails the request when the hook refuses, and stores nothing', async () => {
		answer = 401;
		const email = uniqueEmail('hookrefused');
		const signup = await raw('/signup', { base: stack.url, body: { email, password } });
		expect(signup).toMatchObject({
			status: 500,
			json: { code: 'unexpected_failure', message: 'Error sending confirmation email' }
		});
		expect(calls).toHaveLength(1);
		expect(await sql`select 1 from auth.users where email = ${email}`).toHaveLength(0);
	});
});
