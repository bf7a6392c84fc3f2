// Standard Webhooks, as Supabase Auth signs its hooks: webhook-signature holds one or
// more "v1,<base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`>", keyed with the
// base64-decoded part of a "v1,whsec_<base64>" secret (several joined by "|").
// A call older or newer than five minutes is refused, so a recorded one cannot be replayed later.
import { createHmac, timingSafeEqual } from 'node:crypto';

const toleranceSeconds = 5 * 60;

function sign(secret: string, content: string) {
	const key = Buffer.from(secret.trim().replace(/^v1,whsec_/, ''), 'base64');
	return createHmac('sha256', key).update(content).digest();
}

export function verifyWebhook(secrets: string, headers: Headers, body: string, now = Date.now()) {
	const id = headers.get('webhook-id');
	const timestamp = headers.get('webhook-timestamp');
	const signatures = headers.get('webhook-signature');
	if (!id || !timestamp || !signatures || !/^\d{1,12}$/.test(timestamp)) return false;
	if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return false;
	const expected = secrets
		.split('|')
		.filter((secret) => secret.trim())
		.map((secret) => sign(secret, `${id}.${timestamp}.${body}`));
	return signatures.split(' ').some((candidate) => {
		const [version, value] = candidate.split(',', 2);
		if (version !== 'v1' || !value) return false;
		const given = Buffer.from(value, 'base64');
		return expected.some((mac) => mac.length === given.length && timingSafeEqual(mac, given));
	});
}
