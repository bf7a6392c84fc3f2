// GoTrue's Send Email Hook: with [auth.hook.send_email] on, Auth sends no mail itself but
// posts the user and the mail's tokens to the hook, signed per Standard Webhooks
// (webhook-id, webhook-timestamp, webhook-signature "v1,<base64 HMAC-SHA256>"). Any answer
// but 2xx fails the Auth request; 429 and 503 are retried, as GoTrue's HTTP hooks do.
import { createHmac, randomUUID } from 'node:crypto';
import type { AuthConfig } from './config.ts';
import type { Json } from './users.ts';

export type EmailActionType = 'signup' | 'recovery' | 'email_change';

/** email_data as GoTrue fills it; the *_new pair is only set for a secure e-mail change. */
export type EmailData = {
	token: string;
	token_hash: string;
	redirect_to: string;
	email_action_type: EmailActionType;
	site_url: string;
	token_new: string;
	token_hash_new: string;
};

const timeoutMs = 5000;
const retries = 3;
const retryDelayMs = 2000;

export class HookError extends Error {
	constructor(readonly code: string) {
		super(`send email hook failed: ${code}`);
	}
}

/** One "v1,<signature>" per secret, space separated, as the Standard Webhooks libraries sign. */
export function signatureHeader(secrets: string[], id: string, timestamp: number, body: string) {
	return secrets
		.map((secret) => {
			const key = Buffer.from(secret.replace(/^v1,whsec_/, ''), 'base64');
			const signature = createHmac('sha256', key)
				.update(`${id}.${timestamp}.${body}`)
				.digest('base64');
			return `v1,${signature}`;
		})
		.join(' ');
}

export async function callSendEmailHook(
	hook: NonNullable<AuthConfig['sendEmailHook']>,
	user: Json,
	emailData: EmailData
): Promise<void> {
	const body = JSON.stringify({ user, email_data: emailData });
	const id = randomUUID();
	for (let attempt = 0; ; attempt++) {
		const timestamp = Math.floor(Date.now() / 1000);
		let status: number;
		try {
			const response = await fetch(hook.uri, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'webhook-id': id,
					'webhook-timestamp': String(timestamp),
					'webhook-signature': signatureHeader(hook.secrets, id, timestamp, body)
				},
				body,
				signal: AbortSignal.timeout(timeoutMs)
			});
			await response.body?.cancel();
			status = response.status;
		} catch (error) {
			throw new HookError((error as { cause?: { code?: string } }).cause?.code ?? 'unreachable');
		}
		if (status >= 200 && status < 300) return;
		if ((status !== 429 && status !== 503) || attempt >= retries) {
			throw new HookError(`HTTP ${status}`);
		}
		await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
	}
}
