import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhook } from './webhook-signature';

const key = Buffer.from('a local key for the test only');
const secret = `v1,whsec_${key.toString('base64')}`;
const now = Date.UTC(2026, 10, 25, 12);
const body = '{"email_data":{}}';

function headers(options: { id?: string; at?: number; signature?: string } = {}) {
	const id = options.id ?? 'msg_1';
	const at = options.at ?? now / 1000;
	const mac = createHmac('sha256', key).update(`${id}.${at}.${body}`).digest('base64');
	return new Headers({
		'webhook-id': id,
		'webhook-timestamp': String(at),
		'webhook-signature': options.signature ?? `v1,${mac}`
	});
}

describe('verifyWebhook', () => {
	it('accepts a fresh call signed with the secret, also among other signatures or secrets', () => {
		expect(verifyWebhook(secret, headers(), body, now)).toBe(true);
		const signed = headers().get('webhook-signature')!;
		expect(verifyWebhook(secret, headers({ signature: `v1,AAAA ${signed}` }), body, now)).toBe(
			true
		);
		expect(verifyWebhook(`v1,whsec_b3RoZXI=|${secret}`, headers(), body, now)).toBe(true);
	});

	it('refuses another body, another secret, a wrong version or missing headers', () => {
		expect(verifyWebhook(secret, headers(), `${body} `, now)).toBe(false);
		expect(verifyWebhook('v1,whsec_b3RoZXI=', headers(), body, now)).toBe(false);
		const signed = headers().get('webhook-signature')!;
		expect(
			verifyWebhook(secret, headers({ signature: signed.replace('v1,', 'v2,') }), body, now)
		).toBe(false);
		expect(verifyWebhook(secret, new Headers(), body, now)).toBe(false);
	});

	it('refuses a call more than five minutes old or ahead', () => {
		expect(verifyWebhook(secret, headers({ at: now / 1000 - 299 }), body, now)).toBe(true);
		expect(verifyWebhook(secret, headers({ at: now / 1000 - 301 }), body, now)).toBe(false);
		expect(verifyWebhook(secret, headers({ at: now / 1000 + 301 }), body, now)).toBe(false);
	});
});
