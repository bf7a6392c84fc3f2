// The local mail catcher, end to end: real SMTP in via nodemailer, real HTTP out.
// It runs its own catcher on free ports, next to any stack already on 54324/54325.
import { request } from 'node:http';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMail } from '../../supabase/local/mail/server.ts';
import type { Message } from '../support/mail.ts';

let mail: Awaited<ReturnType<typeof startMail>>;
let base: string;
let transport: Transporter;
let support: typeof import('../support/mail.ts');
const logLines: string[] = [];

beforeAll(async () => {
	mail = await startMail({ smtpPort: 0, httpPort: 0, log: (line) => logLines.push(line) });
	base = `http://127.0.0.1:${mail.httpPort}`;
	// The helpers read MAIL_URL once on import, so point them at this catcher first.
	process.env.MAIL_URL = base;
	support = await import('../support/mail.ts');
	transport = nodemailer.createTransport({
		host: '127.0.0.1',
		port: mail.smtpPort,
		secure: false,
		pool: true,
		maxConnections: 4,
		maxMessages: Infinity
	});
});

afterAll(async () => {
	transport?.close();
	await mail?.close();
});

beforeEach(async () => {
	expect((await fetch(`${base}/api/messages`, { method: 'DELETE' })).status).toBe(204);
});

async function messages(query = ''): Promise<Message[]> {
	const response = await fetch(`${base}/api/messages${query}`);
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toMatch(/^application\/json/);
	return response.json();
}

const from = '"Ratnetz" <no-reply@ratnetz.test>';

describe('local mail catcher', () => {
	it('stores a mail with html, text, both recipients and a decoded umlaut subject', async () => {
		const before = Date.now();
		await transport.sendMail({
			from,
			to: ['anna@example.test', 'Ben.Bauer@Example.test'],
			subject: 'Bestätige deine Anmeldung – Größe & Übung',
			text: 'Hallo Anna, bitte bestätigen: https://app.test/auth/confirm?token=abc&type=signup',
			html: '<p>Hallo <b>Anna</b>, <a href="https://app.test/auth/confirm?token=abc&amp;type=signup">bestätigen</a></p>'
		});

		const [message] = await messages('?to=ben.bauer%40example.TEST');
		expect(message.subject).toBe('Bestätige deine Anmeldung – Größe & Übung');
		expect(message.from).toBe('"Ratnetz" <no-reply@ratnetz.test>');
		// Envelope recipients; smtp-server normalises the domain part to lower case.
		expect(message.to).toEqual(['anna@example.test', 'Ben.Bauer@example.test']);
		expect(message.text).toContain('Hallo Anna, bitte bestätigen');
		expect(message.html).toContain('<b>Anna</b>');
		expect(message.headers.subject).toBe('Bestätige deine Anmeldung – Größe & Übung');
		expect(message.headers['content-type']).toMatch(/^multipart\/alternative/);
		expect(message.headers['message-id']).toMatch(/^<.+@.+>$/);
		expect(new Date(message.date).toISOString()).toBe(message.date);
		expect(Date.parse(message.date)).toBeGreaterThanOrEqual(before);
		// The log names the mail, never its recipients or what it says.
		expect(logLines.some((line) => line.includes(message.id))).toBe(true);
		expect(logLines.join('\n')).not.toMatch(/example\.test|Bestätige/i);

		expect((await messages('?to=anna@example.test')).map((m) => m.id)).toEqual([message.id]);
		expect(await messages('?to=someone-else@example.test')).toEqual([]);

		const byId = await fetch(`${base}/api/messages/${message.id}`);
		expect(byId.status).toBe(200);
		expect(await byId.json()).toEqual(message);
	});

	it('answers 404 JSON for an unknown id and page', async () => {
		const api = await fetch(`${base}/api/messages/does-not-exist`);
		expect(api.status).toBe(404);
		expect(await api.json()).toEqual({ error: 'not found' });
		const page = await fetch(`${base}/messages/does-not-exist`);
		expect(page.status).toBe(404);
		expect(await page.text()).toContain('Message not found');
	});

	it('lists mails newest first with everything escaped in the web inbox', async () => {
		await transport.sendMail({
			from,
			to: 'carla@example.test',
			subject: 'Erste Mail',
			text: 'eins'
		});
		await transport.sendMail({
			from: '"<img src=x onerror=alert(1)>" <evil@example.test>',
			to: 'carla@example.test',
			subject: '<script>alert("x")</script> & more',
			text: 'Text with <script>alert(2)</script>',
			html: '<h1 onclick="alert(3)">Hi</h1><script>alert(4)</script>'
		});
		const [newest, oldest] = await messages();
		expect(newest.subject).toBe('<script>alert("x")</script> & more');
		expect(oldest.subject).toBe('Erste Mail');

		const inbox = await fetch(`${base}/`);
		expect(inbox.status).toBe(200);
		expect(inbox.headers.get('content-type')).toBe('text/html; charset=utf-8');
		const csp = inbox.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("default-src 'none'");
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).not.toMatch(/script-src/);
		const page = await inbox.text();
		expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
		expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(page).not.toMatch(/<script|<img/i);
		expect(page.indexOf(`/messages/${newest.id}`)).toBeGreaterThan(-1);
		expect(page.indexOf(`/messages/${newest.id}`)).toBeLessThan(
			page.indexOf(`/messages/${oldest.id}`)
		);
		expect(page).toContain('<html lang="en">');

		const detail = await fetch(`${base}/messages/${newest.id}`);
		expect(detail.status).toBe(200);
		expect(detail.headers.get('content-security-policy')).toBe(csp);
		const body = await detail.text();
		expect(body).not.toMatch(/<script|<img|<h1 onclick/i);
		expect(body).toMatch(
			/<iframe title="HTML body" sandbox="[^"]*" srcdoc="[^"]*&lt;h1 onclick=&quot;alert\(3\)&quot;&gt;Hi&lt;\/h1&gt;/
		);
		expect(body).not.toMatch(/sandbox="[^"]*allow-scripts/);
		expect(body).toContain('<pre>Text with &lt;script&gt;alert(2)&lt;/script&gt;</pre>');
		expect(body).toMatch(/<dt>subject<\/dt><dd>&lt;script&gt;/);
	});

	it('waits for a mail and reads its links with the test helpers', async () => {
		const after = new Date();
		const pending = support.waitForMail('Dora@Example.test', { subject: /Passwort/, after });
		await transport.sendMail({
			from,
			to: 'dora@example.test',
			subject: 'Etwas anderes',
			text: 'x'
		});
		await transport.sendMail({
			from,
			to: 'dora@example.test',
			subject: 'Passwort zurücksetzen',
			text: 'Neues Passwort: https://app.test/auth/reset?token=t1&type=recovery',
			html: `<a href='https://elsewhere.test/'>x</a> <a href="https://app.test/auth/reset?token=t1&amp;type=recovery&#38;next=%2F">Zurücksetzen</a>`
		});
		const message = await pending;
		expect(message.subject).toBe('Passwort zurücksetzen');
		expect(support.linkIn(message, /\/auth\/reset/)).toBe(
			'https://app.test/auth/reset?token=t1&type=recovery&next=%2F'
		);
		expect(support.linkIn({ ...message, html: null }, /\/auth\/reset/)).toBe(
			'https://app.test/auth/reset?token=t1&type=recovery'
		);
		expect(() => support.linkIn(message, /\/nowhere/)).toThrow(
			/No link matching .*elsewhere\.test/
		);

		await expect(
			support.waitForMail('dora@example.test', {
				after: new Date(Date.now() + 60_000),
				timeoutMs: 300
			})
		).rejects.toThrow(
			/No mail to dora@example\.test \(received after .*\) arrived at .* within 300 ms/
		);
	});

	it('clears all mail on DELETE', async () => {
		await transport.sendMail({ from, to: 'emil@example.test', subject: 'Bald weg', text: 'x' });
		expect(await messages()).toHaveLength(1);
		const response = await fetch(`${base}/api/messages`, { method: 'DELETE' });
		expect(response.status).toBe(204);
		expect(await messages()).toEqual([]);
		expect(await (await fetch(`${base}/`)).text()).toContain('No mail yet');
	});

	it('keeps only the newest 1000 mails', async () => {
		const send = (index: number) =>
			transport.sendMail({ from, to: 'ring@example.test', subject: `Nr. ${index}`, text: 'x' });
		// The three oldest go first, one by one; the rest may race over pooled connections.
		for (const index of [0, 1, 2]) await send(index);
		await Promise.all(Array.from({ length: 1000 }, (_, index) => send(index + 3)));
		const kept = await messages();
		expect(kept).toHaveLength(1000);
		const numbers = kept.map((message) => Number(message.subject.slice(4))).sort((a, b) => a - b);
		expect(numbers).toEqual(Array.from({ length: 1000 }, (_, index) => index + 3));
		expect(await messages('?to=ring@example.test')).toHaveLength(1000);
	}, 60_000);

	it('rejects mails over 10 MB and requests with a foreign Host header', async () => {
		await expect(
			transport.sendMail({
				from,
				to: 'big@example.test',
				subject: 'Zu groß',
				text: 'x',
				attachments: [{ filename: 'big.bin', content: Buffer.alloc(8 * 1024 * 1024, 1) }]
			})
		).rejects.toThrow(/552|size/i);
		expect(await messages()).toEqual([]);

		const status = await new Promise<number | undefined>((resolve, reject) => {
			request(
				{
					host: '127.0.0.1',
					port: mail.httpPort,
					path: '/api/messages',
					headers: { host: 'rebound.example' }
				},
				(response) => {
					response.resume();
					resolve(response.statusCode);
				}
			)
				.on('error', reject)
				.end();
		});
		expect(status).toBe(421);
	}, 30_000);

	it('closes promptly while a client still holds an idle pooled connection', async () => {
		const second = await startMail({ smtpPort: 0, httpPort: 0, log: () => {} });
		const pooled = nodemailer.createTransport({
			host: '127.0.0.1',
			port: second.smtpPort,
			pool: true
		});
		try {
			await pooled.sendMail({ from, to: 'fritz@example.test', subject: 'Pool', text: 'x' });
			// Without the catcher's short close timeout, close() would wait smtp-server's default
			// 30 s for the idle client: past this test's time limit, which fails it.
			await second.close();
			await expect(fetch(`http://127.0.0.1:${second.httpPort}/api/messages`)).rejects.toThrow();
		} finally {
			pooled.close();
		}
	});

	it('fails to start with a clear error when a port is taken', async () => {
		await expect(
			startMail({ smtpPort: 0, httpPort: mail.httpPort, log: () => {} })
		).rejects.toThrow(/EADDRINUSE/);
		await expect(
			startMail({ smtpPort: mail.smtpPort, httpPort: 0, log: () => {} })
		).rejects.toThrow(/EADDRINUSE/);
	});
});
