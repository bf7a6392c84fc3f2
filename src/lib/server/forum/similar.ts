// Similar questions, offered while a question is typed (/api/similar-threads) and to a
// counsellor looking for a duplicate: the search's configurations and indexes, ranked by
// the title alone.
import { limits } from '$lib/limits';
import type { Claims, Tx } from '../data/db';
import { transaction } from '../data/db';
import { clean, type Result } from './search';
import { candidates } from './search-query';

export type Similar = Pick<Result, 'id' | 'title' | 'communityName' | 'answerCount' | 'solved'>;

/**
 * Up to five threads whose titles (or tags) resemble the one being typed: those with all
 * its words first (words that are stop words in either language left out), any of them
 * only when that finds fewer than five, and the titles nearest by trigram similarity only
 * when words find fewer than five. Threads of the given community come first. Each part
 * ranks at most `candidates` threads: "any word" of a common title is in a quarter of the
 * large forum's threads, and ranking them all took 400 ms a keystroke pause.
 */
export async function similar(
	claims: Claims | null,
	title: string,
	{ communityId }: { communityId?: string | null } = {}
) {
	const words = titleWords(title);
	if (!words) return [];
	const enough = 5;
	return transaction(
		claims,
		(tx) => tx<Similar[]>`
		with ${wordQueries(tx, words)},
		every_word as (
			select t.id, t.search_vector from public.visible_threads t
			where t.search_vector @@ (select all_words from query) and t.withdrawn_at is null
			limit ${candidates}
		),
		any_word as (
			select t.id, t.search_vector from public.visible_threads t
			where (select count(*) from every_word) < ${enough}
				and t.search_vector @@ (select any_words from query) and t.withdrawn_at is null
			limit ${candidates}
		),
		by_words as (
			-- Weights {D, C, B, A}: only title and tag matches count.
			select distinct on (id) id, ts_rank('{0, 0, 0, 1}', search_vector, (select any_words from query)) as score
			from (select * from every_word union all select * from any_word) found
		),
		-- The closest titles from the GiST index, kept when as similar as pg_trgm's % asks (0.3).
		nearest as (
			select id, 1 - distance as score
			from (
				select t.id, public.unaccent_immutable(t.title) operator(extensions.<->) (select plain from query) as distance
				from public.visible_threads t
				where (select count(*) from by_words) < ${enough} and t.withdrawn_at is null
				order by distance
				limit ${enough * 2}
			) closest
			where distance <= 0.7
		),
		best as (
			select id, sum(score) as score from (select * from by_words union all select * from nearest) found
			group by id having sum(score) > 0.05
		)
		select t.id, t.title, c.name as "communityName", t.answer_count as "answerCount",
			t.accepted_post_id is not null as solved
		from best join public.threads t on t.id = best.id join public.communities c on c.id = t.community_id
		order by best.score + case when t.community_id = ${communityId ?? null}::uuid then 0.2 else 0 end desc, t.id
		limit ${enough}`
	);
}

/** The title's words (letters and digits only, so none is a websearch operator); null when too short. */
function titleWords(title: string) {
	const text = clean(title).slice(0, limits.thread.titleMax);
	if (text.length < limits.thread.titleMin) return null;
	const words = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w && w.toLowerCase() !== 'or');
	return { text, words: words.slice(0, 20) };
}

/**
 * The queries made of a title's words, once: all of them, any of them (stop words in
 * either language left out), and the plain text for trigram similarity.
 */
function wordQueries(tx: Tx, { text, words }: { text: string; words: string[] }) {
	return tx`words as materialized (
			select coalesce(string_agg(w, ' '), '') as every_word, coalesce(string_agg(w, ' or '), '') as any_word,
				public.unaccent_immutable(${text}) as plain
			from unnest(${words}::text[]) w
			where to_tsvector('public.german_unaccent', w) <> '' and to_tsvector('public.english_unaccent', w) <> ''
		),
		query as materialized (
			select websearch_to_tsquery('public.german_unaccent', every_word) || websearch_to_tsquery('public.english_unaccent', every_word) as all_words,
				websearch_to_tsquery('public.german_unaccent', any_word) || websearch_to_tsquery('public.english_unaccent', any_word) as any_words,
				plain
			from words
		)`;
}

export type SimilarGuide = { id: string; title: string; communityName: string; checked: boolean };

/**
 * Up to two guides whose newest title shares words with the question being typed, the
 * community's first: offered above the similar questions, as the answer may be written.
 */
export async function similarGuides(
	claims: Claims | null,
	title: string,
	{ communityId }: { communityId?: string | null } = {}
) {
	const words = titleWords(title);
	if (!words) return [];
	return transaction(
		claims,
		(tx) => tx<SimilarGuide[]>`
		with ${wordQueries(tx, words)},
		matched as (
			-- Weights {D, C, B, A}: only title matches count.
			select s.guide_id, ts_rank('{0, 0, 0, 1}', s.search_vector, (select any_words from query)) as score
			from public.searchable_guides s
			where s.search_vector @@ (select any_words from query)
		)
		select g.id, g.title, c.name as "communityName",
			exists (select 1 from public.guide_reviews r where r.guide_id = g.id and r.number = g.version) as checked
		from matched join public.guides g on g.id = matched.guide_id join public.communities c on c.id = g.community_id
		where matched.score > 0
		order by matched.score + case when g.community_id = ${communityId ?? null}::uuid then 0.2 else 0 end desc, g.id
		limit 2`
	);
}
