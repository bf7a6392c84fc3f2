// `npm run bench`: the main pages under load on the large data set (`npm run seed:large`),
// over loopback with autocannon, as visitor and as signed-in member. Per page: requests
// per second, latency percentiles, and from the same responses (Server-Timing, see
// src/lib/server/data/sql-timing.ts) the SQL time and round trips. Writes bench/results.json,
// prints a table and checks the budgets of bench/budgets.ts. The server runs as it should in
// production on the machine: one process per core (WEB_CONCURRENCY overrides).
import { writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../supabase/local/env.ts';
import { caughtUp, ownerConnection, signIn, startApp, type App } from './app.ts';
import { budgets } from './budgets.ts';
import { connections, measure, round, seconds, warmUpSeconds, type Reader } from './measure.ts';
import { addCorpus, judge, removeCorpus, topResults } from './relevance.ts';

const port = Number(process.env.BENCH_PORT ?? 4390);
const processes = Number(process.env.WEB_CONCURRENCY ?? availableParallelism());
// Some pages only (names' beginnings, comma-separated: `BENCH_PAGES=search`), while working on them.
const only = process.env.BENCH_PAGES?.split(',').map((name) => name.trim());

type Page = {
	name: string;
	path: string;
	as: Array<'visitor' | 'member' | 'counsellor' | 'moderator'>;
};

/** The pages, picked from the data: the busiest community, a thread with 200 answers, a long-edited guide. */
async function pages(): Promise<{ pages: Page[]; member: string }> {
	const owner = ownerConnection();
	try {
		const [{ threads }] = await owner`select count(*)::int as threads from public.threads`;
		if (threads < 50_000)
			throw new Error('Run `npm run seed:large` first: the benchmark needs the large data set.');
		const [community] =
			await owner`select slug from public.communities order by thread_count desc limit 1`;
		const [thread] = await owner`
			select t.id, t.community_id from public.threads t
			where t.answer_count = 200 and t.held_at is null order by t.id limit 1`;
		// A guide with the most versions and questions cited (seed-large-guides.sql).
		const [guide] = await owner`
			select g.id from public.guides g
			order by g.version desc, (select count(*) from public.guide_threads gt where gt.guide_id = g.id) desc, g.id
			limit 1`;
		// A member of that community with notifications, as most signed-in members are.
		const [member] = await owner`
			select u.email from public.community_members cm join auth.users u on u.id = cm.member_id
			where cm.community_id = ${thread.community_id} and u.email like 'mitglied%' order by u.email limit 1`;
		const all: Page[] = [
			{ name: 'community', path: `/c/${community.slug}`, as: ['visitor', 'member'] },
			{ name: 'thread (200 answers)', path: `/t/${thread.id}`, as: ['visitor', 'member'] },
			{ name: 'guide', path: `/g/${guide.id}`, as: ['visitor', 'member'] },
			// The busiest community's topic radar: a year of its months.
			{ name: 'topic radar', path: `/radar?community=${community.slug}`, as: ['visitor'] },
			// The help directory: a postcode, nearest first, one topic (seed-large-services.sql).
			{ name: 'directory', path: '/s?near=04109&topic=pflege', as: ['visitor', 'member'] },
			{
				name: 'search',
				path: `/search?q=${encodeURIComponent('Widerspruch Schulbegleitung')}`,
				as: ['visitor', 'member']
			},
			// A word most compounds hold, and a typo: the paths that read the most.
			{ name: 'search (compound word)', path: '/search?q=Schule', as: ['visitor'] },
			{ name: 'search (typo)', path: '/search?q=Shulbegleitung', as: ['visitor'] },
			// Visitors are sent to sign in, members are refused: the queues are the counsellor's
			// (serving every community) and the moderator's (two communities).
			{ name: 'counsellor queue', path: '/counsellor', as: ['counsellor'] },
			{ name: "moderators' queue", path: '/mod', as: ['moderator'] }
		];
		return {
			member: member.email,
			pages: all.filter((page) => !only || only.some((name) => page.name.startsWith(name)))
		};
	} finally {
		await owner.end();
	}
}

type Row = { page: string; as: string; p95Ms: number; requestsPerSecond: number };

/** Each measured page's p95 latency (at most) and throughput (at least) against a budget. */
const latencyBudgets = (rows: Row[], p95Ms: number, requestsPerSecond: number) =>
	rows.flatMap((row) => [
		{
			budget: `${row.page} p95 ≤ ${p95Ms} ms (${row.as})`,
			value: `${row.p95Ms} ms`,
			ok: row.p95Ms <= p95Ms
		},
		{
			budget: `${row.page} ≥ ${requestsPerSecond} requests/s (${row.as})`,
			value: `${row.requestsPerSecond}/s`,
			ok: row.requestsPerSecond >= requestsPerSecond
		}
	]);

/** Bytes as sent over the wire: Node's fetch would undo the compression. */
function transferred(url: string, acceptEncoding: string) {
	return new Promise<number>((resolve, reject) => {
		get(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
			let bytes = 0;
			response.on('data', (chunk: Buffer) => (bytes += chunk.length));
			response.on('end', () =>
				response.statusCode === 200
					? resolve(bytes)
					: reject(new Error(`${response.statusCode} for ${url}`))
			);
		}).on('error', reject);
	});
}

/**
 * The JavaScript a visitor's browser loads for the page, in KB as transferred: every
 * module the page preloads (SvelteKit lists them all in the Link header) and the
 * entries it imports, compressed as a browser asks for them (brotli, else gzip).
 */
async function scriptKb(app: App, pagePath: string) {
	const response = await fetch(app.url + pagePath);
	const html = await response.text();
	const listed = [
		...(response.headers.get('link') ?? '').matchAll(/<([^>]+\.js)>/g),
		...html.matchAll(/(?:href|src)="([^"]+\.js)"|import\("([^"]+\.js)"\)/g)
	].map((m) => new URL(m[1] ?? m[2], app.url + pagePath).href);
	const scripts = new Set(listed);
	let bytes = 0;
	for (const script of scripts) bytes += await transferred(script, 'br, gzip');
	return { kb: round(bytes / 1024), files: scripts.size };
}

/**
 * The relevance set (bench/relevance.ts) on the search page as a visitor sees it: its
 * questions in a community of their own for the length of the check, the results
 * filtered to it, read in the page's order.
 */
async function searchRelevance(app: App) {
	const owner = ownerConnection();
	const corpus = await addCorpus(owner);
	try {
		return await judge(corpus, async (q, community) => {
			const query = new URLSearchParams({ q, community });
			const html = await (await fetch(`${app.url}/search?${query}`)).text();
			return [...html.matchAll(/<a href="\/t\/([0-9a-f-]{36})"/g)].map((match) => match[1]);
		});
	} finally {
		await removeCorpus(owner, corpus);
		await owner.end();
	}
}

const { pages: list, member } = await pages();
const app = await startApp(port, { SQL_TIMING: '1', WEB_CONCURRENCY: String(processes) });
console.log(
	`[bench] ${processes} server process(es), ${connections} connections, ${seconds} s a page after ${warmUpSeconds} s of warm-up`
);
try {
	await caughtUp();
	// Each reader from an address of their own, as behind the proxy in production.
	const readers: Record<Page['as'][number], Reader> = {
		visitor: { cookie: null, address: '10.1.0.9' },
		member: { cookie: await signIn(app, member, '10.1.0.1'), address: '10.1.0.1' },
		counsellor: {
			cookie: await signIn(app, 'beraterin@ratnetz.example', '10.1.0.2'),
			address: '10.1.0.2'
		},
		moderator: {
			cookie: await signIn(app, 'moderator@ratnetz.example', '10.1.0.3'),
			address: '10.1.0.3'
		}
	};
	const rows = [];
	for (const page of list) {
		for (const as of page.as) {
			console.log(`[bench] ${page.name} as ${as} …`);
			rows.push({ page: page.name, as, ...(await measure(app.url + page.path, readers[as])) });
		}
	}
	const threadPage = list.find((page) => page.name.startsWith('thread'));
	const threadScript = threadPage ? await scriptKb(app, threadPage.path) : null;
	const threadRows = rows.filter((row) => row.page === threadPage?.name);
	const searchRows = rows.filter((row) => row.page.startsWith('search'));
	const relevance = await searchRelevance(app);
	console.log(
		`[bench] search relevance: ${relevance.inTop} of ${relevance.queries} queries find an expected thread in the top ${topResults}, mean reciprocal rank ${relevance.meanReciprocalRank}`
	);
	if (relevance.missed.length) console.table(relevance.missed);
	const checks = [
		...(threadScript
			? [
					{
						budget: `thread page JavaScript < ${budgets.threadPageScriptKb} KB compressed`,
						value: `${threadScript.kb} KB in ${threadScript.files} files`,
						ok: threadScript.kb < budgets.threadPageScriptKb
					}
				]
			: []),
		...latencyBudgets(threadRows, budgets.threadPageP95Ms, budgets.threadPageRequestsPerSecond),
		// A guide's page, the topic radar and the help directory are read as a thread's is:
		// within the same budgets.
		...latencyBudgets(
			rows.filter((row) => ['guide', 'topic radar', 'directory'].includes(row.page)),
			budgets.threadPageP95Ms,
			budgets.threadPageRequestsPerSecond
		),
		...latencyBudgets(searchRows, budgets.searchP95Ms, budgets.searchRequestsPerSecond),
		...latencyBudgets(
			rows.filter((row) => row.page === 'counsellor queue'),
			budgets.counsellorQueueP95Ms,
			budgets.counsellorQueueRequestsPerSecond
		),
		...rows.map((row) => ({
			budget: `≤ ${budgets.roundTripsPerPage} SQL round trips: ${row.page} (${row.as})`,
			value: String(row.roundTrips),
			ok: row.roundTrips <= budgets.roundTripsPerPage
		})),
		...rows.map((row) => ({
			budget: `no errors: ${row.page} (${row.as})`,
			value: String(row.errors),
			ok: row.errors === 0
		}))
	];
	const results = {
		measuredAt: new Date().toISOString(),
		seconds,
		warmUpSeconds,
		connections,
		processes,
		pages: rows,
		threadScript,
		relevance,
		checks
	};
	await writeFile(
		path.join(projectRoot, 'bench/results.json'),
		JSON.stringify(results, null, '\t') + '\n'
	);
	console.table(rows);
	console.table(checks);
	if (checks.some((check) => !check.ok)) process.exitCode = 1;
} finally {
	await app.stop();
}
