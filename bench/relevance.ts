// Search relevance: real questions families ask (relevance/threads.json) and what they
// would type to find them (relevance/queries.json: words, German compounds, typos,
// English), each with the threads that belong at the top. The questions go into a
// community of their own; the search, filtered to it, is judged by where the first
// expected thread lands. `npm run bench` prints the figures for the search page,
// tests/integration/search-relevance.spec.ts holds them for search.threads.
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import threads from './relevance/threads.json' with { type: 'json' };
import queries from './relevance/queries.json' with { type: 'json' };

/** A query counts as found when an expected thread is among the first this many. */
export const topResults = 3;

export type Corpus = { slug: string; ids: Map<string, string> };

/**
 * Writes the questions (and their answers) into a new community, as the database
 * owner and without triggers: no counters, notifications or limits are wanted here,
 * and the search columns are generated all the same.
 */
export async function addCorpus(sql: postgres.Sql): Promise<Corpus> {
	const slug = `relevanz-${randomUUID().slice(0, 8)}`;
	const ids = new Map<string, string>();
	await sql.begin(async (tx) => {
		await tx`set local session_replication_role = replica`;
		const [{ id: communityId }] = await tx<{ id: string }[]>`
			insert into public.communities (slug, name, topic) values (${slug}, ${'Relevanz ' + slug}, 'Test')
			returning id`;
		for (const thread of threads) {
			const [{ id }] = await tx<{ id: string }[]>`
				insert into public.threads (community_id, title, body_markdown, body_html, tags)
				values (${communityId}, ${thread.title}, ${thread.body}, '', ${thread.tags ?? []}::text[])
				returning id`;
			ids.set(thread.key, id);
			for (const answer of thread.answers ?? [])
				await tx`insert into public.posts (thread_id, body_markdown, body_html, is_anonymous) values (${id}, ${answer}, '', false)`;
		}
		// What the trigger that is off here keeps: the words that spelling suggestions offer.
		// They stay after removeCorpus, as ordinary words of questions.
		await tx`insert into public.title_words (word)
			select distinct unnest(public.shown_title_words(t)) from public.threads t where t.community_id = ${communityId}
			on conflict do nothing`;
	});
	return { slug, ids };
}

export async function removeCorpus(sql: postgres.Sql, corpus: Corpus) {
	await sql.begin(async (tx) => {
		await tx`set local session_replication_role = replica`;
		await tx`delete from public.posts where thread_id = any(${[...corpus.ids.values()]}::uuid[])`;
		await tx`delete from public.threads where id = any(${[...corpus.ids.values()]}::uuid[])`;
		await tx`delete from public.communities where slug = ${corpus.slug}`;
	});
}

export type Judged = { kind: string; q: string; rank: number | null };

/**
 * Each query's rank of its first expected thread (1 = top; null = not in the first
 * ten), found by `search` (thread ids, best first), with the share of queries found
 * in the top three and the mean reciprocal rank over the first ten.
 */
export async function judge(
	corpus: Corpus,
	search: (q: string, communitySlug: string) => Promise<string[]>
) {
	const judged: Judged[] = [];
	for (const query of queries) {
		const found = (await search(query.q, corpus.slug)).slice(0, 10);
		const expected = new Set(query.expect.map((key) => corpus.ids.get(key)));
		const at = found.findIndex((id) => expected.has(id));
		judged.push({ kind: query.kind, q: query.q, rank: at < 0 ? null : at + 1 });
	}
	const inTop = judged.filter((j) => j.rank !== null && j.rank <= topResults).length;
	const reciprocal = judged.reduce((sum, j) => sum + (j.rank ? 1 / j.rank : 0), 0);
	return {
		queries: judged.length,
		inTop,
		meanReciprocalRank: Number((reciprocal / judged.length).toFixed(3)),
		missed: judged.filter((j) => j.rank === null || j.rank > topResults)
	};
}
