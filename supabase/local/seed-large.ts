// `npm run seed:large`: the demo seed (a fresh reset), then a realistic forum at scale from
// seed-large-text.sql, seed-large.sql, seed-large-events.sql, seed-large-guides.sql,
// seed-large-ideas.sql, seed-large-sharing.sql and seed-large-services.sql, for benchmarks
// and query plans.
// `npm run db:reset` goes back.
// `-- --scale 0.01` makes a proportionally smaller one (quick checks of the script).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { render } from '../../src/lib/server/forum/markdown.ts';
import { dbUrl, projectRoot } from './env.ts';
import { startLocalStack } from './stack.ts';

const scaleArgument = process.argv.indexOf('--scale');
const scale = scaleArgument > 0 ? Number(process.argv[scaleArgument + 1]) : 1;
if (!(scale > 0 && scale <= 1)) throw new Error('--scale takes a number between 0 and 1');

/** The sizes of the full data set; seed-large.sql reads them as seed.* settings. */
const sizes = {
	members: 20_000,
	threads: 100_000,
	posts: 1_000_000,
	long_threads: 1_000,
	asking_threads: 300,
	event_posts: 2_000,
	flags: 3_000,
	counsellors: 60,
	edits: 2_000,
	guides_per_community: 40,
	ideas_per_community: 20,
	services_per_kreis: 10
};

/** The script's statements: split at semicolons that end a line, outside $$ bodies. */
function statements(script: string) {
	const parts: string[] = [];
	let current = '';
	for (const line of script.split('\n')) {
		current += line + '\n';
		const inBody = (current.match(/\$\$/g) ?? []).length % 2 === 1;
		if (!inBody && /;\s*$/.test(line) && !/^\s*--/.test(line)) {
			parts.push(current.trim());
			current = '';
		}
	}
	if (current.trim()) parts.push(current.trim());
	return parts.filter((part) => part.split('\n').some((line) => !/^\s*(--|$)/.test(line)));
}

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
const stack = await startLocalStack({ reset: true });
const sql = postgres(dbUrl(), { max: 1, onnotice: () => {} });
try {
	for (const [name, size] of Object.entries(sizes)) {
		await sql`select set_config(${'seed.' + name}, ${String(Math.max(1, Math.round(size * scale)))}, false)`;
	}
	console.log(`[seed:large] demo seed ready after ${seconds()} s; writing the large data set`);
	// The bulk, then the rare events through the real functions: one transaction, the
	// statements one by one, so slow steps show in the output.
	const scripts = await Promise.all(
		[
			'seed-large-text.sql',
			'seed-large.sql',
			'seed-large-events.sql',
			'seed-large-guides.sql',
			'seed-large-ideas.sql',
			'seed-large-sharing.sql',
			'seed-large-services.sql'
		].map((file) => readFile(path.join(projectRoot, 'supabase/local', file), 'utf8'))
	);
	await sql.begin(async (tx) => {
		for (const statement of scripts.flatMap(statements)) {
			const begun = performance.now();
			await tx.unsafe(statement);
			const took = (performance.now() - begun) / 1000;
			if (took > 5) console.log(`[seed:large] ${took.toFixed(1)} s: ${statement.split('\n')[0]}`);
		}
	});
	console.log(`[seed:large] written after ${seconds()} s; vacuum and statistics`);
	await sql`vacuum analyze`;
	// The bulk HTML must be exactly what the app renders from the markdown.
	const sample = await sql<{ markdown: string; html: string }[]>`
		(select body_markdown as markdown, body_html as html from public.posts tablesample system (1) limit 300)
		union all
		(select body_markdown, body_html from public.threads tablesample system (1) limit 100)`;
	const wrong = sample.filter((row) => render(row.markdown) !== row.html);
	if (wrong.length)
		throw new Error(`Stored HTML differs from the renderer's: ${JSON.stringify(wrong[0])}`);
	const [counts] = await sql`
		select (select count(*) from public.communities)::int as communities,
			(select count(*) from public.members)::int as members,
			(select count(*) from public.threads)::int as threads,
			(select count(*) from public.posts)::int as posts,
			(select count(*) from public.helpful_votes)::int as "helpfulVotes",
			(select count(*) from public.me_toos)::int as "meToos",
			(select count(*) from public.notifications)::int as notifications,
			(select count(*) from public.flags)::int as flags,
			(select count(*) from public.guides)::int as guides,
			(select count(*) from public.guide_versions)::int as "guideVersions",
			(select count(*) from public.service_ideas)::int as ideas,
			(select count(*) from public.idea_supports)::int as "ideaSupports",
			(select count(*) from public.idea_answers)::int as "ideaAnswers",
			(select count(*) from public.services)::int as services,
			(select count(*) from public.counsellor_profiles where organisation_id is not null)::int as "counsellorsOfOrganisations",
			(select count(*) from public.shared_resources)::int as "sharedResources",
			(select json_object_agg(state, n) from (select state, count(*)::int as n from public.resource_bookings group by state) s) as bookings,
			(select json_object_agg(state, n) from (select state, count(*)::int as n from public.escalations group by state) s) as escalations,
			(select json_object_agg(coalesce(resolution::text, 'open'), n) from (select resolution, count(*)::int as n
				from public.moderation_items group by resolution) s) as "moderationItems"`;
	console.log(`[seed:large] done in ${seconds()} s:`, counts);
} finally {
	await sql.end();
	await stack.stop();
}
