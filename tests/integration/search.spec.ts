// Search against the real database, with threads of its own words (search-support.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '$lib/server/data/db';
import * as search from '$lib/server/forum/search';
import * as searchQuery from '$lib/server/forum/search-query';
import { similar } from '$lib/server/forum/similar';
import { answer, community, member as writer, thread, word } from './search-support';
import { owner, type TestMember } from './support';

let member: TestMember;
beforeAll(async () => {
	member = await writer();
});

const ids = async (q: string, communitySlug?: string) =>
	(await search.threads(null, { q, communitySlug })).results.map((result) => result.id);

describe('search.threads', () => {
	it.each([
		['German stemming', 'Probleme mit der Schule', 'Schulen'],
		['English stemming', 'The office appealed the decision', 'appealing'],
		['unaccent (umlaut)', 'Übergang in die Kita', 'Ubergang'],
		['unaccent (accent)', 'Erfahrungen mit Thérapie', 'Therapie']
	])('finds by %s', async (_, title, query) => {
		const w = word();
		const id = await thread((await community()).id, { title: `${title} ${w}` });
		expect(await ids(`${query} ${w}`)).toEqual([id]);
	});

	// "appealed" is "appeal" only in English, "Schulen" "schul" only in German: neither
	// language's whole query holds both words as the text has them. The statement itself,
	// as the page's fallbacks (a spelling suggestion, titles near the words) would find it.
	it("finds by each word in either language's stem", async () => {
		const w = word();
		const id = await thread((await community()).id, { title: `Appealing about the Schule ${w}` });
		const rows = await transaction(null, (tx) =>
			searchQuery.threadsQuery(tx, `appealed Schulen ${w}`, null, null)
		);
		expect(rows.map((row) => row.id)).toEqual([id]);
	});

	// Only the first candidates found are ranked: a title match must be among them however
	// many texts merely mention the words, written before it.
	it('ranks a title match first when more texts than it ranks only mention the words', async () => {
		const w = word();
		const place = await community();
		await owner`
			insert into public.threads (community_id, author_id, title, body_markdown, body_html)
			select ${place.id}, ${member.id}, 'Eine Frage Nummer ' || g, ${`Text mit ${w}`}, '<p>x</p>'
			from generate_series(1, ${searchQuery.candidates * 5}) g`;
		const byTitle = await thread(place.id, { title: `Frage mit ${w}` });
		expect((await ids(w, place.slug))[0]).toBe(byTitle);
	});

	it('suggests the title word meant by a typo and adds the threads it finds', async () => {
		const place = await community();
		const id = await thread(place.id, { title: 'Schulbegleitung wurde abgelehnt' });
		const found = await search.threads(null, { q: 'Shulbegleitung', communitySlug: place.slug });
		expect(found.results.map((result) => result.id)).toEqual([id]);
		expect(found.suggestion).toBe('Schulbegleitung');
		expect(found.next).toBeNull();
	});

	it('takes a swapped pair of letters back, keeps the words known and the case typed', async () => {
		// Two different letters to swap ("mn"): swapping equal ones would change nothing.
		const w = `${word().slice(0, 5)}mn${word().slice(7)}`;
		const place = await community();
		const id = await thread(place.id, { title: `Frage zum ${w} im Alltag` });
		const swapped = w.slice(0, 5) + w[6] + w[5] + w.slice(7);
		const found = await search.threads(null, { q: `Alltag ${swapped}`, communitySlug: place.slug });
		expect(found.suggestion).toBe(`Alltag ${w}`);
		expect(found.results.map((result) => result.id)).toContain(id);
		const capital = `${swapped[0].toUpperCase()}${swapped.slice(1)}`;
		expect((await search.threads(null, { q: capital })).suggestion).toBe(
			`${w[0].toUpperCase()}${w.slice(1)}`
		);
	});

	it('suggests nothing when the words find enough, or for words like no title', async () => {
		const w = word();
		const place = await community();
		for (let i = 0; i < 10; i++) await thread(place.id, { title: `Frage Nummer ${i} ${w}` });
		expect((await search.threads(null, { q: w, communitySlug: place.slug })).suggestion).toBeNull();
		expect((await search.threads(null, { q: 'qqqqxxxxjjjj' })).suggestion).toBeNull();
	});

	it('never suggests the words of a question held as it arrives', async () => {
		const w = word();
		const [holding] = await owner<{ id: string }[]>`
			insert into public.communities (slug, name, topic, crisis_policy)
			values (${`suche-${w}`}, ${`Suche ${w}`}, 'Test', 'hold') returning id`;
		const id = await thread(holding.id, {
			title: `Ich will nicht mehr leben ${w}`,
			body: 'Ich möchte nicht mehr leben.'
		});
		const [{ held }] =
			await owner`select held_at is not null as held from public.threads where id = ${id}`;
		expect(held).toBe(true);
		const [row] = await owner`select public.spelling_suggestion(${w.slice(0, -1)}) as suggestion`;
		expect(row.suggestion).toBeNull();
	});

	it('keeps the list of title words from visitors and members', async () => {
		for (const claims of [null, member.claims])
			await expect(
				transaction(claims, (tx) => tx`select word from public.title_words limit 1`)
			).rejects.toThrow(/permission denied/);
	});

	it('never suggests a word only withdrawn, held or removed titles hold', async () => {
		const place = await community();
		const [withdrawn, held, removed, edited] = [word(), word(), word(), word()];
		await thread(place.id, { title: `Zurückgezogen ${withdrawn}`, withdrawn: true });
		const heldId = await thread(place.id, { title: `Zurückgehalten ${held}` });
		await owner`update public.threads set held_at = now() where id = ${heldId}`;
		const removedId = await thread(place.id, { title: `Entfernt ${removed}` });
		await owner`update public.threads set removed_at = now() where id = ${removedId}`;
		const editedId = await thread(place.id, { title: `Geändert ${edited}` });
		await owner`update public.threads set title = 'Geändert ohne das Wort' where id = ${editedId}`;
		const typo = (w: string) => w.slice(0, -1);
		for (const w of [withdrawn, held, removed, edited]) {
			const [row] = await owner`select public.spelling_suggestion(${typo(w)}) as suggestion`;
			expect(row.suggestion).toBeNull();
		}
		await owner`update public.threads set held_at = null where id = ${heldId}`;
		const [shown] = await owner`select public.spelling_suggestion(${typo(held)}) as suggestion`;
		expect(shown.suggestion).toBe(held);
	});

	it("finds a thread by its answer's text and highlights the answer", async () => {
		const w = word();
		const id = await thread((await community()).id, { title: 'Eine Frage ohne das Wort' });
		await answer(id, `Bei uns hat das ${w} geholfen.`);
		const { results } = await search.threads(member.claims, { q: w });
		expect(results.map((result) => result.id)).toEqual([id]);
		expect(results[0].snippet).toContainEqual({ text: w, match: true });
	});

	it('filters by community', async () => {
		const w = word();
		const [here, there] = [await community(), await community()];
		const inHere = await thread(here.id, { title: `Frage hier ${w}` });
		const inThere = await thread(there.id, { title: `Frage dort ${w}` });
		expect(await ids(w, here.slug)).toEqual([inHere]);
		expect((await ids(w)).sort()).toEqual([inHere, inThere].sort());
	});

	it('ranks a title match above a body match above an answer match', async () => {
		const w = word();
		const place = await community();
		const byAnswer = await thread(place.id, { title: 'Erste Frage ohne Treffer' });
		await answer(byAnswer, `Antwort mit ${w}`);
		const byBody = await thread(place.id, { title: 'Zweite Frage', body: `Text mit ${w}` });
		const byTitle = await thread(place.id, { title: `Dritte Frage mit ${w}` });
		expect(await ids(w, place.slug)).toEqual([byTitle, byBody, byAnswer]);
	});

	it('pages with a cursor, without duplicates', async () => {
		const w = word();
		const place = await community();
		const created = [];
		for (let i = 0; i < 25; i++)
			created.push(await thread(place.id, { title: `Frage Nummer ${i} ${w}` }));
		const first = await search.threads(null, { q: w, communitySlug: place.slug });
		expect(first.results).toHaveLength(20);
		expect(first.next).toEqual(expect.any(String));
		const second = await search.threads(null, {
			q: w,
			communitySlug: place.slug,
			cursor: first.next
		});
		expect(second.results).toHaveLength(5);
		expect(second.next).toBeNull();
		const seen = [...first.results, ...second.results].map((result) => result.id);
		expect(new Set(seen).size).toBe(25);
		expect(seen.sort()).toEqual(created.sort());
		const garbage = await search.threads(null, {
			q: w,
			communitySlug: place.slug,
			cursor: 'kein-cursor'
		});
		expect(garbage.results.map((r) => r.id)).toEqual(first.results.map((r) => r.id));
	});

	it('never finds withdrawn answers or withdrawn threads', async () => {
		const [inAnswer, inThread] = [word(), word()];
		const place = await community();
		const asked = await thread(place.id, { title: 'Frage mit zurückgezogener Antwort' });
		await answer(asked, `Antwort ${inAnswer}`, { withdrawn: true });
		const title = `Zurückgezogene Frage ${inThread}`;
		const withdrawn = await thread(place.id, { title, withdrawn: true });
		expect(await ids(inAnswer)).toEqual([]);
		expect(await ids(inThread)).toEqual([]);
		const offered = await similar(null, title, { communityId: place.id });
		expect(offered.map((thread) => thread.id)).not.toContain(withdrawn);
	});

	it('shows no author for anonymous threads and never the author id', async () => {
		const w = word();
		const place = await community();
		const hidden = await thread(place.id, { title: `Anonyme Frage ${w}`, anonymous: true });
		const shown = await thread(place.id, { title: `Offene Frage ${w}` });
		const { results } = await search.threads(member.claims, { q: w });
		expect(results.find((result) => result.id === hidden)?.author).toBeNull();
		expect(results.find((result) => result.id === shown)?.author).toBe(member.pseudonym);
		expect(JSON.stringify(results)).not.toContain(member.id);
	});

	it('returns snippets as text: markup stays text, only real matches are marked', async () => {
		const w = word();
		await thread((await community()).id, {
			title: 'Frage mit seltsamem Text',
			body: `<script>alert(1)</script> <mark>fake</mark> **${w}** \uE000forged\uE001 [link](https://example.org)`
		});
		const [result] = (await search.threads(null, { q: w })).results;
		expect(result.snippet.filter((segment) => segment.match)).toEqual([{ text: w, match: true }]);
		// ts_headline drops tags; what is left is plain text the page renders escaped.
		expect(result.snippet.map((segment) => segment.text).join('')).toBe(`fake ${w} forged link`);
	});

	it('highlights with the stemmer that found the words: German, else English', async () => {
		const w = word();
		const place = await community();
		await thread(place.id, {
			title: `Widerspruch ${w}`,
			body: `Die Schulen haben abgelehnt. The office appealed the decision ${w}.`
		});
		const marked = async (q: string) =>
			(await search.threads(null, { q, communitySlug: place.slug })).results[0].snippet
				.filter((segment) => segment.match)
				.map((segment) => segment.text);
		expect(await marked('Schule')).toEqual(['Schulen']);
		expect(await marked('appealing')).toEqual(['appealed']);
	});

	it('handles empty, odd and overlong input without failing', async () => {
		for (const q of ['', '   ', '"', '-', 'or', '!!!', '\u0000', 'a & b | !c', 'x'.repeat(1000)]) {
			await expect(search.threads(null, { q })).resolves.toHaveProperty('results');
		}
	});
});
