// Crisis words: the reviewed lexicon of words and phrases that signal danger, by category,
// German and English. Posts are checked against them in the database when written
// (public.mentions_crisis: word forms, compounds and evasions count, harmless words that
// merely look alike do not). Admins keep the list (RLS checks).
import type { Claims, Tx } from '../data/db';
import { reading, transaction } from '../data/db';
import { NotAllowed } from '../data/db-errors';

export type Language = 'de' | 'en';
export const categories = [
	'suicide',
	'self_harm',
	'child_harm',
	'domestic_violence',
	'sexual_abuse',
	'acute_danger'
] as const;
export type Category = (typeof categories)[number];
/** risk and subject words have a category; the harmless kinds have none. */
export const kinds = ['risk', 'subject', 'harmless_context', 'harmless_phrase'] as const;
export type Kind = (typeof kinds)[number];
export type CrisisWord = {
	id: string;
	word: string;
	language: Language;
	category: Category | null;
	kind: Kind;
	createdAt: Date;
};

export async function list(claims: Claims, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<CrisisWord[]>`
		select id, word, language, category, kind, created_at as "createdAt"
		from public.crisis_words order by kind, category, language, lower(word)`
	);
}

/** A word the notation cannot use (say, only punctuation) is refused (23514). */
export async function add(
	claims: Claims,
	input: { word: string; language: Language; category: Category | null; kind: Kind }
) {
	const [row] = await transaction(
		claims,
		(tx) => tx<{ id: string }[]>`
		insert into public.crisis_words (word, language, category, kind, created_by)
		values (${input.word.trim()}, ${input.language}, ${input.category}, ${input.kind}, ${claims.sub})
		returning id`
	);
	return row.id;
}

export async function remove(claims: Claims, id: string) {
	await transaction(claims, async (tx) => {
		const deleted = await tx`delete from public.crisis_words where id = ${id}`;
		if (deleted.count === 0) throw new NotAllowed();
	});
}

/** Whether a text mentions a crisis, as every write path checks it. */
export async function mentioned(text: string) {
	const [row] = await transaction(
		null,
		(tx) => tx<{ crisis: boolean }[]>`select public.mentions_crisis(${text}) as crisis`
	);
	return row.crisis;
}

/**
 * Whether a member's new text holds crisis words, asked in the statement that writes it: the
 * writer is then shown the helplines (the database has alerted the counsellors). Counsellors
 * write about these subjects; their texts are not checked.
 */
export const crisisIn = (tx: Tx, text: string) =>
	tx`public.mentions_crisis(${text}) and not public.is_counsellor()`;
