// Two app servers on one Postgres, as behind a load balancer without sticky sessions
// (README, "Several app servers"): the production build (server/index.js) runs twice, on
// two ports, with one Auth. A request may land on either, so what one server does the
// other must see at once: the session, a kept page, a live page's announcement. And each
// server runs the mail sender and the scheduled jobs, which must still happen once.
//
// They run on a database of their own (reset.ts, ownDatabase) with an Auth stand-in of its
// own: their mail senders and scheduled jobs would otherwise take up the mails and items
// that the other test files, running beside this one, queue and check themselves. Mails
// go to the local catcher the other tests read.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startApp, type App } from '../../bench/app';
import { dbUrl, serverRole } from '../../supabase/local/env';
import { ownDatabase } from '../../supabase/local/reset';
import { clientAddress, unusedPort } from '../support/addresses';
import { currentBuild } from '../support/build';
import { mailUrl, waitForMail, type Message } from '../support/mail';
import { client, extraStack, serviceKey, type ExtraStack } from './auth/support';

const password = 'Ratnetz-Demo-2026'; // what bench/app.ts signs in with
const leipzig = 'familien-leipzig'; // a community of the demo seed
const answered = /#post-([0-9a-f-]{36})/;

let auth: ExtraStack;
let database: postgres.Sql;
let a: App;
let b: App;

beforeAll(async () => {
	await currentBuild();
	const url = await ownDatabase('two_servers');
	database = postgres(url, { max: 2, onnotice: () => {} });
	auth = await extraStack(() => {}, 'two_servers');
	const env = {
		PUBLIC_SUPABASE_URL: auth.url,
		DATABASE_URL: dbUrl(serverRole, 'two_servers'),
		// Every second, as under the browser tests, so nothing here waits a minute.
		MAIL_POLL_SECONDS: '1',
		SCHEDULE_SECONDS: '1'
	};
	[a, b] = await Promise.all([
		unusedPort().then((port) => startApp(port, env)),
		unusedPort().then((port) => startApp(port, env))
	]);
}, 600_000);

afterAll(async () => {
	await Promise.all([a?.stop(), b?.stop()]);
	await auth?.stop();
	await database?.end();
});

/** A member and their browser: the session cookies and the address the load balancer names. */
type Member = { id: string; email: string; pseudonym: string; cookie: string; address: string };

/** A member made through Auth's admin API, in the community, signed in through server A. */
async function member(): Promise<Member> {
	const suffix = randomUUID().slice(0, 8);
	const email = `two-servers-${suffix}@example.org`;
	const pseudonym = `Zwei_${suffix}`;
	const { data, error } = await client(serviceKey, auth.url).auth.admin.createUser({
		email,
		password,
		email_confirm: true,
		user_metadata: { pseudonym, locale: 'de' }
	});
	if (error) throw error;
	const address = clientAddress();
	const someone = { id: data.user.id, email, pseudonym, address, cookie: '' };
	someone.cookie = await signIn(a, email, address);
	await send(a, `/c/${leipzig}?/join`, someone, {});
	return someone;
}

/** A form sent to one server, as a browser without JavaScript sends it, through the load balancer. */
async function send(app: App, path: string, from: Member, fields: Record<string, string>) {
	const response = await fetch(`${app.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: app.url,
			cookie: from.cookie,
			'x-forwarded-for': from.address,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields)
	});
	await response.body?.cancel();
	expect(response.status, `${path} answered`).toBeLessThan(400);
	return response.headers.get('location') ?? '';
}

async function ask(app: App, asker: Member) {
	const location = await send(app, `/c/${leipzig}/ask`, asker, {
		title: `Kita-Platz im Sommer ${randomUUID().slice(0, 6)}`,
		body: 'Wie lange habt ihr auf einen Platz gewartet?',
		tags: '',
		idempotencyKey: randomUUID()
	});
	return /\/t\/([0-9a-f-]{36})/.exec(location)![1];
}

async function answer(app: App, writer: Member, threadId: string, body: string) {
	const location = await send(app, `/t/${threadId}?/answer`, writer, {
		body,
		parentPostId: '',
		idempotencyKey: randomUUID()
	});
	return answered.exec(location)![1];
}

/** A page read through one server, by the member or else a visitor. */
async function page(app: App, path: string, reader?: Member) {
	const response = await fetch(`${app.url}${path}`, {
		redirect: 'manual',
		headers: {
			'x-forwarded-for': reader?.address ?? clientAddress(),
			...(reader ? { cookie: reader.cookie } : {})
		}
	});
	return { status: response.status, html: await response.text() };
}

/** Both servers' runs of `work` wait on a lock the test holds (pg_stat_activity). */
const waitingRuns = (work: string) => async () => {
	const [{ waiting }] = await database<{ waiting: number }[]>`
		select count(*)::int as waiting from pg_catalog.pg_stat_activity
		where datname = current_database() and pid <> pg_backend_pid()
			and wait_event_type = 'Lock' and query like ${`%${work}%`}`;
	return waiting;
};

/** Every mail queued so far is sent or waits for its retry: no sender is in the middle of one. */
async function settledOutbox() {
	const [{ unsettled }] = await database<{ unsettled: number }[]>`
		select count(*)::int as unsettled from public.mail_outbox
		where sent_at is null and failed_at is null and last_error is null`;
	return unsettled;
}

async function inbox(to: string) {
	const response = await fetch(`${mailUrl}/api/messages?to=${encodeURIComponent(to)}`);
	return (await response.json()) as Message[];
}

const outboxOf = (member: Member) => database<{ attempts: number; sent: boolean }[]>`
	select attempts, sent_at is not null as sent from public.mail_outbox where member_id = ${member.id}`;

describe('two app servers on one Postgres', () => {
	it('a member signed in through one server is signed in on the other, and signed out there too', async () => {
		const someone = await member();
		expect(a.url).not.toBe(b.url);
		const account = await page(b, '/account', someone);
		expect(account.status).toBe(200);
		expect(account.html).toContain(someone.pseudonym);
		expect((await page(b, '/account')).status).toBe(303);

		// B has checked this session and keeps the member: signing out through A ends it on B.
		await send(a, '/signout', someone, {});
		expect((await page(b, '/account', someone)).status).toBe(303);
	}, 60_000);

	it("a member whose request comes without the load balancer's address is an error, not a visitor", async () => {
		const someone = await member();
		// B has not checked this session yet; set up to name the member's address, it cannot.
		const response = await fetch(`${b.url}/account`, {
			redirect: 'manual',
			headers: { cookie: someone.cookie }
		});
		await response.body?.cancel();
		expect(response.status).toBe(500);
	}, 60_000);

	it('a kept page changed through one server is new when read through the other', async () => {
		const [asker, peer] = await Promise.all([member(), member()]);
		const threadId = await ask(a, asker);
		// Read twice by visitors on B: rendered, then served as kept.
		await page(b, `/t/${threadId}`);
		expect((await page(b, `/t/${threadId}`)).html).not.toContain('Wir haben neun Monate');

		const text = `Wir haben neun Monate gewartet ${randomUUID().slice(0, 6)}`;
		await answer(a, peer, threadId, text);
		expect((await page(b, `/t/${threadId}`)).html).toContain(text);
	}, 60_000);

	it('a live page open on one server hears a change written through the other', async () => {
		const [asker, peer] = await Promise.all([member(), member()]);
		const threadId = await ask(a, asker);
		const stream = await fetch(`${b.url}/live?topic=thread:${threadId}`, {
			headers: { 'x-forwarded-for': clientAddress() }
		});
		expect(stream.headers.get('content-type')).toBe('text/event-stream');
		const events = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
		expect((await events.read()).value).toBe('retry: 5000\n\n');

		await answer(a, peer, threadId, 'Bei uns ging es schneller, zum Glück.');
		expect((await events.read()).value).toBe('event: change\ndata: changed\n\n');
		await events.cancel();
	}, 60_000);

	it('a mail queued once goes out once while both servers send', async () => {
		const reader = await member();
		const threadId = await ask(a, await member());
		await expect.poll(settledOutbox, { timeout: 30_000 }).toBe(0);
		const started = new Date();
		// The worst case: both senders wait on one lock and look at the outbox at the same
		// moment, when the mail has just arrived (an owner's lock of the whole table).
		await database.begin(async (tx) => {
			await tx`lock table public.mail_outbox in access exclusive mode`;
			await tx`insert into public.notifications (member_id, kind, thread_id)
				values (${reader.id}, 'answer', ${threadId})`;
			await expect.poll(waitingRuns('claim_mails'), { timeout: 30_000 }).toBe(2);
		});

		await waitForMail(reader.email, { after: started });
		await expect
			.poll(() => outboxOf(reader), { timeout: 30_000 })
			.toEqual([{ attempts: 1, sent: true }]);
		expect(await inbox(reader.email)).toHaveLength(1);
	}, 60_000);

	it('a scheduled job due once runs once while both servers run it: the daily digest', async () => {
		const reader = await member();
		const threadId = await ask(a, reader);
		// A reply waits for the digest (its kind's default); one from yesterday is due now.
		const [{ id }] = await database<{ id: string }[]>`
			insert into public.notifications (member_id, kind, thread_id)
			values (${reader.id}, 'reply', ${threadId}) returning id`;
		await expect.poll(settledOutbox, { timeout: 30_000 }).toBe(0);
		// Both servers' digest runs wait on one lock and start together.
		await database.begin(async (tx) => {
			await tx`lock table public.notifications in access exclusive mode`;
			await tx`update public.notifications set created_at = now() - interval '25 hours' where id = ${id}`;
			await expect.poll(waitingRuns('queue_digests'), { timeout: 30_000 }).toBe(2);
		});

		await waitForMail(reader.email, { subject: /Zusammenfassung/ });
		await expect
			.poll(() => outboxOf(reader), { timeout: 30_000 })
			.toEqual([{ attempts: 1, sent: true }]);
		expect(await inbox(reader.email)).toHaveLength(1);
	}, 60_000);
});
