// The production build on the local stack, for the benchmark and the load test: started
// as `node server` (as `npm start` does) with the stack's environment (tsx supabase/local/cli.ts run -- …).
import { spawn } from 'node:child_process';
import postgres from 'postgres';
import { dbUrl, projectRoot } from '../supabase/local/env.ts';

export type App = { url: string; stop(): Promise<void> };

/** Starts the production server on the port; SQL_TIMING=1 adds the Server-Timing header. */
export async function startApp(port: number, env: Record<string, string> = {}): Promise<App> {
	const url = `http://localhost:${port}`;
	const child = spawn('node', ['server'], {
		cwd: projectRoot,
		stdio: ['ignore', 'inherit', 'inherit'],
		env: {
			...process.env,
			PORT: String(port),
			ORIGIN: url,
			// Each simulated member names its own address, as behind a proxy.
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1',
			// Stop at once at the end, without waiting for idle keep-alive connections.
			SHUTDOWN_TIMEOUT: '1',
			...env
		}
	});
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	for (let tries = 0; ; tries++) {
		try {
			if ((await fetch(url)).ok) break;
		} catch {
			if (tries > 100 || child.exitCode !== null)
				throw new Error(`The app did not start on ${url}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return {
		url,
		stop: async () => {
			child.kill('SIGTERM');
			setTimeout(() => child.kill('SIGKILL'), 5000).unref();
			await exited;
		}
	};
}

/** Signs in through the app's own form; returns the Cookie header of the session. */
export async function signIn(app: App, email: string, ip: string) {
	const response = await fetch(`${app.url}/signin`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: app.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			'x-forwarded-for': ip
		},
		body: new URLSearchParams({ email, password: 'Ratnetz-Demo-2026' })
	});
	const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
	if (response.status !== 303 || !cookies.some((cookie) => cookie.startsWith('sb-'))) {
		throw new Error(`Sign-in of ${email} failed with ${response.status}`);
	}
	return cookies.join('; ');
}

/** The database owner's connection, to pick pages and check results (local stack only). */
export function ownerConnection() {
	return postgres(dbUrl(), { max: 2, onnotice: () => {} });
}

/**
 * Waits until the servers caught up with what the forum owed while no server ran: the
 * scheduled jobs' alerts (on a large forum seeded hours ago, hundreds of items went overdue
 * meanwhile), their mails and the topic radar. Pages are then measured beside a server's usual background
 * work, not beside a backlog of thousands of mails.
 */
export async function caughtUp() {
	const owner = ownerConnection();
	try {
		// Mails an earlier run claimed but never sent are due now, not in the middle of a page.
		await owner`update public.mail_outbox set next_attempt_at = now()
			where sent_at is null and failed_at is null and next_attempt_at > now()`;
		for (let quiet = 0; quiet < 2;) {
			const [{ owed }] = await owner<{ owed: number }[]>`select (
				(select count(*) from public.mail_outbox
					where sent_at is null and failed_at is null and next_attempt_at <= now())
				+ (select count(*) from public.escalations
					where state <> 'resolved' and overdue_alerted_for is distinct from due_at and due_at <= public.clock())
				-- The topic radar, written by the servers' first run of the jobs.
				+ (select count(*) from (select 1 where not exists (select 1 from public.topic_radar)) none)
			)::int as owed`;
			quiet = owed === 0 ? quiet + 1 : 0;
			if (owed > 0) console.log(`[bench] the servers catch up: ${owed} alerts and mails owed`);
			await new Promise((resolve) => setTimeout(resolve, 5000));
		}
	} finally {
		await owner.end();
	}
}
