import { env } from '$env/dynamic/private';
import { json } from '@sveltejs/kit';
import { sendAuthMails, sendEmailInput } from '$lib/server/mail/auth';
import { verifyWebhook } from '$lib/server/mail/webhook-signature';
import type { RequestHandler } from './$types';

function log(level: 'warn' | 'error', event: string, fields: object = {}) {
	console[level](JSON.stringify({ level, event, ...fields }));
}

// Supabase Auth's Send Email Hook: a JSON POST from Auth's server, signed with the
// shared secret (SEND_EMAIL_HOOK_SECRET). JSON is no form content, so SvelteKit's CSRF
// check does not apply; the signature is what keeps anyone else from sending mail here.
// Any answer but 2xx makes Auth's request fail, and the member's form says so.
export const POST: RequestHandler = async ({ request }) => {
	const body = await request.text();
	if (
		!env.SEND_EMAIL_HOOK_SECRET ||
		!verifyWebhook(env.SEND_EMAIL_HOOK_SECRET, request.headers, body)
	) {
		log('warn', 'send_email_hook_refused', {
			reason: env.SEND_EMAIL_HOOK_SECRET ? 'signature' : 'no secret'
		});
		return json({ error: { http_code: 401, message: 'Invalid signature' } }, { status: 401 });
	}
	let input;
	try {
		input = sendEmailInput.parse(JSON.parse(body));
	} catch {
		log('warn', 'send_email_hook_invalid');
		return json({ error: { http_code: 400, message: 'Invalid payload' } }, { status: 400 });
	}
	try {
		await sendAuthMails(input);
	} catch (error) {
		// Logged by kind and code only: the error's text may quote an address.
		const code = (error as { code?: unknown } | null)?.code;
		log('error', 'auth_mail_failed', {
			type: input.email_data.email_action_type,
			code: typeof code === 'string' ? code : 'ERROR'
		});
		return json(
			{ error: { http_code: 500, message: 'The mail could not be sent' } },
			{ status: 500 }
		);
	}
	return json({});
};
