// The search's statements (search.ts runs them): threads ranked by their own text and
// their answers, with the spelling suggestion's threads for a first page that finds few.
// Configurations and compounds: migrations/…_search.sql; columns and indexes:
// migrations/…_threads.sql; spelling: migrations/…_spelling.sql.
import type { Tx } from '../data/db';
import type { Result } from './search';

export const pageSize = 20;
// Fewer matches than this and the threads found by a spelling suggestion (then those with
// titles near the words typed) are added below.
export const fewMatches = 10;

// Private-use characters mark the highlights, so nothing in a post can forge one.
export const start = '\uE000';
export const stop = '\uE001';
const headlineOptions = `StartSel="${start}", StopSel="${stop}", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

export type Position = { rank: string; id: string };
export type Row = Omit<Result, 'snippet'> & {
	rank: string;
	headline: string;
	/** Found by its title's likeness to the words typed, not by words. */
	near: boolean;
	searched: string | null;
};

// ts_rank of a query that ORs the German and the English query (both found words) is at
// most the highest weight of the text: 0.2 for answers (weight C). A thread's own text
// weighs B or A, so its matches usually rank above; above this bound, none can be
// outranked by an answer (the margin covers float rounding).
const answersRankAtMost = 0.21;
// Threads (and answers) ranked at most per search. A common word is in thousands of
// threads, and ranking each cost more than all the rest of the page; the first ones the
// index finds are ranked instead, titles first (see "Search" in bench/README.md for the figures).
export const candidates = 100;
// Below this word similarity (pg_trgm) a title is no longer near the words typed.
const nearSimilarity = 0.5;

/**
 * The ranked search as one statement (exported so a test can EXPLAIN it), for the words
 * typed or, with `spelling`, for the spelling suggestion made of them (nothing when there
 * is none). The queries are made once, in the first part: as expressions of the parameter
 * below, the generic plan parsed them again for every row. Threads are found by their
 * words (words_query in migrations/…_search.sql: each word in either language's stem;
 * the two languages' whole queries rank), and by compounds (compound_query: "Schule"
 * finds "Schulbegleitung") only when the words find less than a page: a prefix reads
 * every word it begins, 20 ms against 3 on the large forum. The very words rank first; answers are
 * found only when threads whose own text ranks above any answer do not fill the page.
 * Matches come from visible_threads and visible_posts: under the tables' row-level
 * security no index could serve @@ (migrations/…_threads_access.sql).
 */
export function threadsQuery(
	tx: Tx,
	q: string,
	communitySlug: string | null,
	after: Position | null,
	{ spelling = false } = {}
) {
	const exact = () => tx`(select exact from query)`;
	const found = () => tx`(select found from query)`;
	const foundWide = () => tx`(select found_wide from query)`;
	const wide = () => tx`(select wide from query)`;
	// By slug, so the page need not look the community up first (an unknown one finds nothing).
	const inCommunity = () =>
		communitySlug
			? tx`and t.community_id = (select c.id from public.communities c where c.slug = ${communitySlug})`
			: tx``;
	return tx<Row[]>`
		-- Without a suggestion the queries are empty: they find nothing, and snippets begin the text.
		with query as materialized (
			select input.q as searched, coalesce(de || en, '') as exact,
				coalesce(public.words_query(input.q), '') as found,
				coalesce(public.words_query(input.q, prefix => true), '') as found_wide,
				numnode(de) = 0 or numnode(en) = 0 as one_language,
				coalesce(public.compound_query('public.german_unaccent', input.q)
					|| public.compound_query('public.english_unaccent', input.q), '') as wide,
				public.unaccent_immutable(${q}) as plain
			-- "offset 0": made once, not once for each use of input.q below.
			from (select ${spelling ? tx`public.spelling_suggestion(${q})` : tx`${q}::text`} as q offset 0) input
			cross join lateral (select websearch_to_tsquery('public.german_unaccent', input.q) as de,
				websearch_to_tsquery('public.english_unaccent', input.q) as en) made
		),
		-- Titles first: a title that names the words outranks a text that only mentions them,
		-- and the titles' index reads a third of the whole texts' lists.
		title_hits as (
			select t.id, t.search_vector from public.visible_threads t
			where t.title_vector @@ ${found()} and t.withdrawn_at is null ${inCommunity()}
			limit ${candidates}
		),
		exact_hits as (
			select * from title_hits
			union all
			(select t.id, t.search_vector from public.visible_threads t
			where (select count(*) from title_hits) < ${candidates} and t.search_vector @@ ${found()}
				and t.withdrawn_at is null ${inCommunity()} and t.id not in (select id from title_hits)
			limit ${candidates} - (select count(*) from title_hits))
		),
		enough_exact as (select count(*) >= ${pageSize} as yes from exact_hits),
		wide_hits as (
			select t.id, t.search_vector from public.visible_threads t
			where not (select yes from enough_exact) and t.search_vector @@ ${foundWide()}
				and t.withdrawn_at is null ${inCommunity()}
			limit ${candidates}
		),
		own as (
			select t.id, ts_rank(t.search_vector, ${exact()}) + ts_rank(t.search_vector, ${wide()}) / 2 as rank,
				null::uuid as post_id, false as near
			from (
				select * from exact_hits where (select yes from enough_exact)
				union all
				select * from wide_hits
			) t
		),
		-- Only with both queries (else the rank is not bounded so) and too few threads above the bound.
		answers_needed as (
			select (select one_language from query) or (select count(*) from (
				select 1 from own where round(own.rank::numeric, 6) > ${answersRankAtMost}
					${after ? tx`and (round(own.rank::numeric, 6), own.id) < (${after.rank}::numeric, ${after.id}::uuid)` : tx``}
				limit ${pageSize + 1}) above) <= ${pageSize} as yes
		),
		answers as (
			select t.id, ts_rank(p.search_vector, ${exact()}) as rank, p.id as post_id, false as near
			from public.visible_posts p
			-- Thread by thread by key (the limit keeps it so): a hash would read every thread.
			cross join lateral (
				select t.id from public.visible_threads t
				where t.id = p.thread_id and t.withdrawn_at is null ${inCommunity()}
				limit 1
			) t
			where (select yes from answers_needed) and p.search_vector @@ ${found()} and p.withdrawn_at is null
			limit ${candidates}
		),
		hits as (select * from own union all select * from answers),
		-- Last, after a suggestion found few: the titles closest to the words typed ("Schule
		-- Angst" finds "Schulangst", which no word or prefix does), the closest first from the
		-- GiST index. 100 ms on the large forum, so only here.
		near as (
			select id, (1 - distance) / 10 as rank, null::uuid as post_id, true as near
			from (
				select t.id, public.unaccent_immutable(t.title) operator(extensions.<->>) (select plain from query) as distance
				from public.visible_threads t
				-- Answers not needed means the page is full already.
				where ${spelling} and (select yes from answers_needed)
					and (select count(*) from (select distinct id from hits limit ${fewMatches}) found) < ${fewMatches}
					and t.withdrawn_at is null ${inCommunity()}
				order by distance
				limit ${fewMatches}
			) closest
			where distance <= ${1 - nearSimilarity}
		),
		-- A thread ranks by the best of its own text and its answers; that text gives the snippet.
		-- Without answers and near titles, each thread is found once.
		best as (
			select id, round(rank::numeric, 6) as rank, post_id, near from own where not (select yes from answers_needed)
			union all
			(select distinct on (id) id, round(rank::numeric, 6) as rank, post_id, near
			from (select * from hits union all select * from near) found
			where (select yes from answers_needed)
			order by id, rank desc)
		),
		page as (
			select * from best
			${after ? tx`where (rank, id) < (${after.rank}::numeric, ${after.id}::uuid)` : tx``}
			order by rank desc, id desc
			limit ${pageSize + 1}
		)
		select t.id, t.title, c.slug as "communitySlug", c.name as "communityName", m.pseudonym as author,
			t.answer_count as "answerCount", t.accepted_post_id is not null as solved, t.created_at as "createdAt",
			page.rank::text as rank, page.near, (select searched from query) as searched,
			-- Each stemmer highlights the words of its own language: the German one's when it
			-- found some, else the English one's when that did. The English one is made only then.
			case when strpos(h.de, ${start}) > 0 then h.de else (
				select case when strpos(e.en, ${start}) > 0 then e.en else h.de end
				from (select ts_headline('public.english_unaccent', h.text, ${wide()}, ${headlineOptions}) as en offset 0) e
			) end as headline
		from page
		join public.threads t on t.id = page.id
		join public.communities c on c.id = t.community_id
		left join public.members m on m.id = t.shown_author_id
		left join public.posts p on p.id = page.post_id
		-- Marker characters written in a post would otherwise become highlights. "offset 0"
		-- keeps the headline a value of its own: inlined, each use of it would make it anew.
		cross join lateral (
			select body.text, ts_headline('public.german_unaccent', body.text, ${wide()}, ${headlineOptions}) as de
			from (select translate(coalesce(p.body_markdown, t.body_markdown), ${start + stop}, '') as text) body
			offset 0
		) h
		order by page.rank desc, page.id desc`;
}

/**
 * The first page of a search, with the threads the spelling suggestion finds below it when
 * the words typed find fewer than `fewMatches`, as one statement: a second statement cost
 * the typo's page a second round trip (52 ms of page for 26 of SQL on the large forum).
 * The suggestion's part is behind a one-time filter, so a search that finds enough never
 * runs it. `meant` marks its rows.
 */
export function firstPageQuery(tx: Tx, q: string, communitySlug: string | null) {
	return tx<(Row & { meant: boolean })[]>`
		with typed as materialized (${threadsQuery(tx, q, communitySlug, null)}),
		meant as materialized (
			select * from (${threadsQuery(tx, q, communitySlug, null, { spelling: true })}) found
			where (select count(*) from typed) < ${fewMatches}
		)
		select * from (select false as meant, * from typed union all select true, * from meant) page
		order by meant, rank::numeric desc, id desc`;
}
