// RFC 8058 one-click unsubscribe against the production server (server/index.js): the
// mail provider's POST from its own server, without our Origin, changes the member's
// setting; every other cross-site form post is still refused by the CSRF check.
import { request } from 'node:http';
import { waitForMail } from '../support/mail';
import { expect, owner, signUpAndConfirm, test } from './fixtures';

/** A raw POST, as a mail provider's server sends it: only the headers given here. */
function post(url: string, headers: Record<string, string>, body: string) {
	return new Promise<{ status: number; text: string }>((resolve, reject) => {
		const outgoing = request(url, { method: 'POST', headers }, (response) => {
			let text = '';
			response.on('data', (chunk: Buffer) => (text += chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
		});
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

const urlencoded = (origin?: string) => ({
	'content-type': 'application/x-www-form-urlencoded',
	...(origin ? { origin } : {})
});

function multipart(origin: string) {
	const boundary = 'ratnetz-one-click';
	return {
		headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin },
		body: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`
	};
}

const answerDelivery = async (memberId: string) =>
	(
		await owner<{ delivery: string }[]>`
			select delivery from public.notification_settings where member_id = ${memberId} and kind = 'answer'`
	)[0]?.delivery ?? 'default';

test('a mail program unsubscribes with one click, without our Origin or any cookie', async ({
	page
}) => {
	const member = await signUpAndConfirm(page);
	const [{ id }] = await owner<{ id: string }[]>`
		select id from auth.users where lower(email) = lower(${member.email})`;
	const [thread] = await owner<{ id: string }[]>`select id from public.threads limit 1`;
	const started = new Date();
	await owner`insert into public.notifications (member_id, kind, thread_id) values (${id}, 'answer', ${thread.id})`;
	const mail = await waitForMail(member.email, { after: started });
	const link = /^<(.+)>$/.exec(mail.headers['list-unsubscribe'] as string)![1];
	expect(link).toMatch(/\/unsubscribe\/[0-9a-f]{64}$/);
	expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
	expect(await answerDelivery(id)).toBe('default');

	// Exactly as RFC 8058 asks: form-encoded, no Origin header at all.
	const oneClick = await post(link, urlencoded(), 'List-Unsubscribe=One-Click');
	expect(oneClick.status).toBe(200);
	expect(await answerDelivery(id)).toBe('in_app');

	// Another provider posts multipart with its own Origin; a repeat changes nothing.
	await owner`delete from public.notification_settings where member_id = ${id}`;
	const { headers, body } = multipart('https://mail.example.net');
	expect((await post(link, headers, body)).status).toBe(200);
	expect(await answerDelivery(id)).toBe('in_app');
	expect((await post(link, urlencoded('null'), 'List-Unsubscribe=One-Click')).status).toBe(200);
	expect(await answerDelivery(id)).toBe('in_app');

	// An unknown link is no error of the server, just unknown.
	const unknown = link.replace(/[0-9a-f]{64}$/, '0'.repeat(64));
	expect((await post(unknown, urlencoded(), 'List-Unsubscribe=One-Click')).status).toBe(404);
});

test('every other cross-site form post is still refused', async ({ baseURL }) => {
	const [thread] = await owner<{ id: string }[]>`select id from public.threads limit 1`;
	const token = 'a'.repeat(64);
	for (const path of [
		'/signin',
		`/t/${thread.id}?/report`,
		'/locale',
		// Only the exact link is let through: not with a query, not below it.
		`/unsubscribe/${token}?/default`,
		`/unsubscribe/${token}/more`,
		`/unsubscribe/${token.toUpperCase()}`
	]) {
		for (const origin of [undefined, 'https://evil.example']) {
			const response = await post(
				new URL(path, baseURL).href,
				urlencoded(origin),
				'email=oma.ruth%40ratnetz.example&password=Ratnetz-Demo-2026&reason=spam&locale=en'
			);
			expect(response.status, `${path} from ${origin ?? 'nowhere'}`).toBe(403);
		}
	}
});
