// The search's query plan on a realistic number of rows: every part must be served by
// an index, never by reading all threads or posts.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Tx } from '$lib/server/data/db';
import * as guides from '$lib/server/forum/guides';
import * as searchQuery from '$lib/server/forum/search-query';
import { owner } from './support';

describe('the search plan', () => {
	// Planner choices depend on table size and statistics: a few rows are read
	// faster sequentially. So the rows are made in a transaction that is rolled back,
	// with ANALYZE and the GIN pending lists flushed (as autovacuum would), instead of
	// `enable_seqscan = off`, which would hide a query the index cannot serve.
	it('uses the GIN indexes, never a sequential scan of threads or posts', async () => {
		const plans = await rolledBack(async (tx) => {
			const slug = `plan-${randomUUID()}`;
			const [{ id }] = await tx<{ id: string }[]>`
				insert into public.communities (slug, name, topic) values (${slug}, 'Plan', 'Test') returning id`;
			await tx`
				insert into public.threads (community_id, title, body_markdown, body_html)
				select ${id}, 'Frage ' || md5(g::text), 'Text ' || md5((g * 7)::text), '' from generate_series(1, 3000) g`;
			await tx`
				insert into public.posts (thread_id, body_markdown, body_html)
				select t.id, 'Antwort ' || md5(t.id::text), '' from public.threads t where t.community_id = ${id}`;
			await tx`select gin_clean_pending_list(i::regclass)
				from unnest(array['public.threads_search_idx', 'public.posts_search_idx']) i`;
			for (const table of ['threads', 'posts', 'communities', 'members'])
				await tx`analyze ${tx('public.' + table)}`;
			await tx`set local role anon`;
			const explain = async (q: string, communitySlug: string | null, spelling = false) =>
				(await tx`explain ${searchQuery.threadsQuery(tx, q, communitySlug, null, { spelling })}`)
					.map((row) => row['QUERY PLAN'])
					.join('\n');
			// Run, to see which parts ran: "Frage" finds a page in the whole forum, so the suggestion's
			// part, whose closest titles come from the trigram index, never runs.
			const firstPage = (
				await tx`explain (analyze, costs off, timing off, summary off)
				${searchQuery.firstPageQuery(tx, 'Frage', null)}`
			).map((row) => row['QUERY PLAN']);
			return [
				await explain('Schulbegleitung abgelehnt', null, true),
				await explain('Hilfe', slug),
				await explain('Schulbegleitung abgelehnt', null),
				firstPage.join('\n'),
				firstPage
			] as const;
		});
		const [suggested, inCommunity, typed, firstPage, firstPageLines] = plans;
		for (const plan of [suggested, inCommunity, typed, firstPage]) {
			expect(plan).toContain('threads_search_idx');
			expect(plan).toContain('posts_search_idx');
			expect(plan).not.toMatch(/Seq Scan on (threads|posts)/);
		}
		// Titles are searched first, by their own index. After a spelling suggestion, the
		// closest titles of the whole forum come from the trigram index. Within one community
		// the planner may read that community's threads by its own index instead of either.
		// The words' own search never reads titles by trigrams.
		expect(suggested).toContain('threads_title_search_idx');
		expect(typed).toContain('threads_title_search_idx');
		expect(suggested).toContain('threads_title_trgm_idx');
		expect(typed).not.toContain('threads_title_trgm_idx');
		// The first page holds the suggestion's part behind a one-time filter.
		const suggestionPart = firstPageLines.filter((line) => line.includes('threads_title_trgm_idx'));
		expect(suggestionPart.length).toBeGreaterThan(0);
		for (const line of suggestionPart) expect(line).toContain('never executed');
		// It writes and analyses 6,000 rows: a few seconds alone, over 20 under a heavy load.
	}, 120_000);

	// Under the versions' policy the words could not be the GIN index's condition: the
	// index only said which versions are current, and every one was read and checked.
	it('finds guides by the words as the GIN index’s condition, for a visitor and a member', async () => {
		const plans = await rolledBack(async (tx) => {
			const [{ id }] = await tx<{ id: string }[]>`
				insert into public.communities (slug, name, topic) values (${`plan-${randomUUID()}`}, 'Plan', 'Test')
				returning id`;
			await tx`
				with made as (
					insert into public.guides (community_id, title)
					select ${id}, 'Ratgeber ' || md5(g::text) from generate_series(1, 3000) g
					returning id, title
				)
				insert into public.guide_versions (guide_id, number, title, body_markdown, body_html)
				select id, 1, title, 'Text ' || md5(id::text), '' from made`;
			await tx`select gin_clean_pending_list('public.guide_versions_search_idx'::regclass)`;
			for (const table of ['guides', 'guide_versions']) await tx`analyze ${tx('public.' + table)}`;
			const explain = async () =>
				(await tx`explain ${guides.foundQuery(tx, 'Schulbegleitung abgelehnt', null)}`)
					.map((row) => row['QUERY PLAN'])
					.join('\n');
			await tx`set local role anon`;
			const asVisitor = await explain();
			await tx`set local role authenticated`;
			return [asVisitor, await explain()];
		});
		for (const plan of plans) {
			expect(plan).toMatch(/guide_versions_search_idx .*\n\s+Index Cond: \(search_vector @@/);
			expect(plan).not.toMatch(/Seq Scan on guide_versions/);
		}
	}, 120_000);
});

/** The work's result, from a transaction that is always rolled back. */
async function rolledBack<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
	const rollback = { result: undefined as T };
	await owner
		.begin(async (tx) => {
			rollback.result = await work(tx as Tx);
			throw rollback;
		})
		.catch((error) => {
			if (error !== rollback) throw error;
		});
	return rollback.result;
}
