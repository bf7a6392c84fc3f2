// Search: threads found by their own text or their answers, German and English stemming at
// once (a post's language is not known), accents ignored, German compounds by their parts,
// and when that finds little, the words as they were probably meant (typos). The
// statements: search-query.ts.
import { z } from 'zod';
import { limits } from '$lib/limits';
import type { Claims, Tx } from '../data/db';
import { within } from '../data/db';
import type { Position, Row } from './search-query';
import { firstPageQuery, pageSize, start, stop, threadsQuery } from './search-query';

// Trigrams of very short input match almost anything.
const minTypoLength = 4;

export type Segment = { text: string; match: boolean };
export type Result = {
	id: string;
	title: string;
	communitySlug: string;
	communityName: string;
	author: string | null;
	snippet: Segment[];
	answerCount: number;
	solved: boolean;
	createdAt: Date;
};

const position = z.tuple([z.string().regex(/^\d{1,6}\.\d{6}$/), z.uuid()]);

const encode = (p: Position) => Buffer.from(JSON.stringify([p.rank, p.id])).toString('base64url');

/** A cursor that does not decode means "from the start", never an error. */
function decode(token: string | null | undefined): Position | null {
	if (!token || token.length > 200) return null;
	try {
		const parsed = position.safeParse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
		return parsed.success ? { rank: parsed.data[0], id: parsed.data[1] } : null;
	} catch {
		return null;
	}
}

// Postgres text cannot hold NUL; markers typed by someone must not become highlights.
export const clean = (text: string) => text.replace(/[\0\uE000\uE001]/g, '').trim();

/**
 * The search with the plan its prepared statement keeps: Postgres planned it anew for each
 * search (1.8 ms of 9 on the large forum), but the queries are made inside the statement,
 * so no plan knows more than the kept one. Sent with the search; it holds for the transaction.
 */
async function planned<T>(tx: Tx, query: Promise<T>) {
	const [, rows] = await Promise.all([
		tx`select set_config('plan_cache_mode', 'force_generic_plan', true)`,
		query
	]);
	return rows;
}

export type Found = {
	results: Result[];
	/** Continues after the last result; none once a suggestion's threads were added. */
	next: string | null;
	/** The words as probably meant, when the threads they find were added below. */
	suggestion: string | null;
};

/**
 * One page of threads matching q, best first. When a first page finds few, the threads
 * found by the spelling suggestion (migrations/…_spelling.sql) follow, and the page
 * names the suggestion, whose own search pages on; when that finds few too, the
 * threads whose titles are nearest the words typed.
 */
export async function threads(
	claims: Claims | null,
	{
		q,
		communitySlug,
		cursor
	}: { q: string; communitySlug?: string | null; cursor?: string | null },
	tx?: Tx
): Promise<Found> {
	const query = clean(q).slice(0, limits.search.queryMax);
	if (!query) return { results: [], next: null, suggestion: null };
	const after = decode(cursor);
	const slug = communitySlug ?? null;
	if (!after && query.length >= minTypoLength) {
		const found = await within(claims, tx, (tx) => planned(tx, firstPageQuery(tx, query, slug)));
		const rows = found.filter((row) => !row.meant);
		const typed = new Set(rows.map((row) => row.id));
		const added = found.filter((row) => row.meant && !typed.has(row.id));
		if (added.length)
			return {
				results: [...rows, ...added].slice(0, pageSize).map(toResult),
				next: null,
				// Named only when its words found some: near titles alone owe nothing to it.
				suggestion: added.some((row) => !row.near) ? added[0].searched : null
			};
		return pageOf(rows);
	}
	return pageOf(
		await within(claims, tx, (tx) => planned(tx, threadsQuery(tx, query, slug, after)))
	);
}

function pageOf(rows: Row[]): Found {
	const page = rows.slice(0, pageSize);
	const last = page.at(-1);
	return {
		results: page.map(toResult),
		next: rows.length > pageSize && last ? encode({ rank: last.rank, id: last.id }) : null,
		suggestion: null
	};
}

// Field by field, so nothing but what a result shows ever leaves this module.
function toResult(row: Row): Result {
	const { id, title, communitySlug, communityName, author, answerCount, solved, createdAt } = row;
	const shown = { id, title, communitySlug, communityName, author, answerCount, solved, createdAt };
	return { ...shown, snippet: segments(row.headline) };
}

/**
 * ts_headline's output as plain text with the highlighted words marked; pages render
 * it as text, so nothing in a post can become markup. Markdown syntax is dropped.
 */
export function segments(headline: string): Segment[] {
	return headline
		.split(new RegExp(`${start}([^${start}${stop}]*)${stop}`))
		.map((text, i) => ({
			text: text
				.replace(/\]\([^)\s]*\)?/g, '')
				.replace(/[*`#>[\]]+/g, '')
				.replace(/\s+/g, ' '),
			match: i % 2 === 1
		}))
		.filter((segment) => segment.text !== '');
}
