// Crisis words: German and English words and phrases that signal danger. Posts are
// checked against them in the database when written (word forms count, harmless
// words that merely contain them do not). Admins keep the list (RLS checks).
import type { Claims } from './db';
import { transaction } from './db';
import { NotAllowed } from './db-errors';

export type Language = 'de' | 'en';
export type CrisisWord = { id: string; word: string; language: Language; createdAt: Date };

export async function list(claims: Claims) {
	return transaction(
		claims,
		(tx) => tx<CrisisWord[]>`
		select id, word, language, created_at as "createdAt"
		from public.crisis_words order by language, lower(word)`
	);
}

/** A word the text search of its language cannot use (say, only punctuation) is refused (23514). */
export async function add(claims: Claims, input: { word: string; language: Language }) {
	const [row] = await transaction(
		claims,
		(tx) => tx<{ id: string }[]>`
		insert into public.crisis_words (word, language, created_by)
		values (${input.word.trim()}, ${input.language}, ${claims.sub})
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

/** Whether a text contains crisis words, for showing helplines before anything is posted. */
export async function mentioned(text: string) {
	const [row] = await transaction(
		null,
		(tx) => tx<{ crisis: boolean }[]>`select public.mentions_crisis(${text}) as crisis`
	);
	return row.crisis;
}
