// `npm run bench:answers`: no answer lost under load, on the large data set. Owns the
// local stack (stop any other `npm run dev` / `local:start` of this checkout first).
//
// 1. 50 members answer in five busy threads for 60 s, each at the pace the posting limit
//    allows (20 in 10 minutes). Every acknowledged answer (303 to the new post) must be in
//    the database with its author and thread, the threads' counters must match their
//    posts, and no response may be a 5xx.
// 2. 50 other members do the same for 40 s while PostgreSQL restarts (fast shutdown) at
//    15 s: requests caught by it must get the 503 that says so, nothing else; afterwards
//    answers must be acknowledged again without any intervention, and again none is lost.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { appEnv, projectRoot } from '../supabase/local/env.ts';
import { startLocalStack } from '../supabase/local/stack.ts';
import { ownerConnection, signIn, startApp, type App } from './app.ts';

const port = Number(process.env.BENCH_PORT ?? 4391);
const members = 50;
/** Which seeded members write: the posting limit counts each one's last 10 minutes, so a
 * second run soon after another takes others (LOAD_RUN=1, 2, …). */
const firstMember = Number(process.env.LOAD_RUN ?? 0) * 2 * members;
/** 20 answers in 10 minutes is the posting limit; 3.1 s apart stays below it. */
const paceMs = 3100;

type Writer = { email: string; threadId: string; cookie: string };
type Outcome = {
	at: number;
	status: number;
	postId: string | null;
	body: string;
	threadId: string;
	email: string;
};

async function writers(app: App, offset: number): Promise<Writer[]> {
	const owner = ownerConnection();
	try {
		const [community] =
			await owner`select id from public.communities order by thread_count desc limit 1`;
		const threads = await owner<{ id: string }[]>`
			select id from public.threads where community_id = ${community.id} and withdrawn_at is null and held_at is null
			order by last_activity_at desc limit 5`;
		const people = await owner<{ email: string }[]>`
			select u.email from public.community_members cm join auth.users u on u.id = cm.member_id
			where cm.community_id = ${community.id} and u.email like 'mitglied%'
			order by u.email offset ${offset} limit ${members}`;
		if (people.length < members)
			throw new Error('Run `npm run seed:large` first: the load test needs its members.');
		return Promise.all(
			people.map(async ({ email }, i) => ({
				email,
				threadId: threads[i % threads.length].id,
				cookie: await signIn(app, email, `10.3.${(offset / members) % 250}.${i + 1}`)
			}))
		);
	} finally {
		await owner.end();
	}
}

/** Each writer answers at the allowed pace until the time is up; every response is kept. */
async function answerFor(app: App, people: Writer[], seconds: number) {
	const started = Date.now();
	const outcomes: Outcome[] = [];
	await Promise.all(
		people.map(async (writer, i) => {
			await new Promise((resolve) => setTimeout(resolve, (i * paceMs) / people.length));
			for (let n = 0; Date.now() - started < seconds * 1000; n++) {
				const sent = Date.now();
				const body = `Antwort ${n} von ${writer.email} unter Last – ${randomUUID()}`;
				const outcome: Outcome = {
					at: (sent - started) / 1000,
					status: 0,
					postId: null,
					body: '',
					threadId: writer.threadId,
					email: writer.email
				};
				try {
					const response = await fetch(`${app.url}/t/${writer.threadId}?/answer`, {
						method: 'POST',
						redirect: 'manual',
						headers: {
							origin: app.url,
							cookie: writer.cookie,
							accept: 'text/html',
							'content-type': 'application/x-www-form-urlencoded'
						},
						body: new URLSearchParams({ body, parentPostId: '', idempotencyKey: randomUUID() })
					});
					outcome.status = response.status;
					outcome.postId =
						/#post-([0-9a-f-]{36})/.exec(response.headers.get('location') ?? '')?.[1] ?? null;
					outcome.body = response.status >= 500 ? await response.text() : '';
					if (response.status < 500) await response.body?.cancel();
				} catch (error) {
					outcome.body = String(error);
				}
				outcomes.push(outcome);
				await new Promise((resolve) =>
					setTimeout(resolve, Math.max(0, paceMs - (Date.now() - sent)))
				);
			}
		})
	);
	return outcomes;
}

/** Acknowledged answers present with author and thread; the threads' counters match their posts. */
async function verify(outcomes: Outcome[]) {
	const acknowledged = outcomes.filter((o) => o.status === 303 && o.postId);
	const owner = ownerConnection();
	try {
		const found = await owner<{ id: string; threadId: string; email: string }[]>`
			select p.id, p.thread_id as "threadId", u.email from public.posts p join auth.users u on u.id = p.author_id
			where p.id = any(${acknowledged.map((o) => o.postId!)}::uuid[])`;
		const byId = new Map(found.map((row) => [row.id, row]));
		const lost = acknowledged.filter((o) => {
			const row = byId.get(o.postId!);
			return !row || row.threadId !== o.threadId || row.email !== o.email;
		});
		const threadIds = [...new Set(outcomes.map((o) => o.threadId))];
		const inconsistent = await owner`
			select t.id from public.threads t
			where t.id = any(${threadIds}::uuid[]) and (
				t.post_count <> (select count(*) from public.posts p where p.thread_id = t.id)
				or t.answer_count <> (select count(*) from public.posts p where p.thread_id = t.id and public.is_shown_answer(p))
				or t.last_activity_at < (select max(p.created_at) from public.posts p where p.thread_id = t.id))`;
		return {
			acknowledged: acknowledged.length,
			lost: lost.length,
			inconsistentThreads: inconsistent.length
		};
	} finally {
		await owner.end();
	}
}

function statuses(outcomes: Outcome[]) {
	const counts: Record<string, number> = {};
	for (const o of outcomes)
		counts[o.status || 'network error'] = (counts[o.status || 'network error'] ?? 0) + 1;
	return counts;
}

const stack = await startLocalStack();
if (!stack.restartDatabase) {
	throw new Error(
		'Another process runs the local stack: stop it, the load test restarts PostgreSQL itself.'
	);
}
Object.assign(process.env, appEnv(stack.env));
const app = await startApp(port);
const failures: string[] = [];
try {
	console.log('[load] 50 members answer for 60 s …');
	const steady = await answerFor(app, await writers(app, firstMember), 60);
	const steadyCheck = await verify(steady);
	const steadyFive = steady.filter((o) => o.status >= 500 || o.status === 0).length;
	if (steadyFive) failures.push(`${steadyFive} errors (5xx or network) without a restart`);
	// Paced to the posting limit, nothing is refused, unless these members posted in the last
	// ten minutes (an earlier run): then the run measures the limit, not the app.
	const steadyRefused = steady.filter((o) => o.status >= 400 && o.status < 500).length;
	if (steadyRefused)
		failures.push(`${steadyRefused} answers refused: an earlier run is within the posting limit`);
	if (steadyCheck.lost) failures.push(`${steadyCheck.lost} acknowledged answers missing`);
	if (steadyCheck.inconsistentThreads)
		failures.push(`${steadyCheck.inconsistentThreads} threads with wrong counters`);

	console.log('[load] 50 other members answer for 40 s; PostgreSQL restarts at 15 s …');
	const people = await writers(app, firstMember + members);
	const restart = { from: 0, to: 0 };
	const started = Date.now();
	const restarting = new Promise<void>((resolve, reject) =>
		setTimeout(async () => {
			restart.from = (Date.now() - started) / 1000;
			try {
				await stack.restartDatabase!();
				restart.to = (Date.now() - started) / 1000;
				resolve();
			} catch (error) {
				reject(error);
			}
		}, 15_000)
	);
	const [during] = await Promise.all([answerFor(app, people, 40), restarting]);
	const duringCheck = await verify(during);
	// The message in the member's language: a tenth of the members read English.
	const unavailableMessages = ['de', 'en'].map((locale) => {
		const messages = JSON.parse(
			readFileSync(path.join(projectRoot, `messages/${locale}.json`), 'utf8')
		) as Record<string, string>;
		return messages.error_database_unavailable.split('.')[0];
	});
	const unclear = during.filter(
		(o) =>
			(o.status >= 500 || o.status === 0) &&
			!(o.status === 503 && unavailableMessages.some((message) => o.body.includes(message)))
	);
	const unavailable = during.filter((o) => o.status === 503);
	const recovered = during.filter((o) => o.status === 303 && o.at > restart.to);
	if (unclear.length)
		failures.push(
			`${unclear.length} failures other than the 503 for the restart: ${JSON.stringify(statuses(unclear))}`
		);
	if (!recovered.length)
		failures.push('no answer acknowledged after the restart: the app did not recover');
	if (duringCheck.lost)
		failures.push(`${duringCheck.lost} acknowledged answers missing after the restart`);
	if (duringCheck.inconsistentThreads)
		failures.push(
			`${duringCheck.inconsistentThreads} threads with wrong counters after the restart`
		);

	const report = {
		measuredAt: new Date().toISOString(),
		steady: { seconds: 60, members, statuses: statuses(steady), ...steadyCheck },
		restart: {
			seconds: 40,
			members,
			restartedFromSecond: restart.from,
			restartedToSecond: restart.to,
			statuses: statuses(during),
			unavailable503: unavailable.length,
			lastUnavailableAtSecond: Math.max(0, ...unavailable.map((o) => o.at)),
			acknowledgedAfterRestart: recovered.length,
			...duringCheck
		},
		failures
	};
	await writeFile(
		path.join(projectRoot, 'bench/results-answers.json'),
		JSON.stringify(report, null, '\t') + '\n'
	);
	console.log(JSON.stringify(report, null, 2));
	if (failures.length) process.exitCode = 1;
} finally {
	await app.stop();
	await stack.stop();
}
