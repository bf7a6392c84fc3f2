// The counsellor's case page holds the whole case: the question, the post that raised it,
// whether members solved it; a duplicate is named by a pasted address or found by a search,
// and a bad value is a clear error with the input kept. On a phone and a desktop, both languages.
import { randomUUID } from 'node:crypto';
import { expect, expectAccessible, owner, screens, signIn, test } from './fixtures';

const words = {
	de: {
		question: 'Die Frage',
		raised: 'Beiträge, die diesen Fall ausgelöst haben',
		solved: 'von Mitgliedern schon gelöst',
		claim: 'Übernehmen',
		duplicate: 'doppelt',
		duplicateOf: 'Oder Adresse der Frage',
		invalid: 'Diese Adresse führt zu keiner Frage.',
		find: 'Frage suchen, die dasselbe fragt',
		search: 'Suchen',
		found: 'Doppelt zu (bei „doppelt“)',
		resolve: 'Abschließen',
		resolved: 'Erledigt: doppelt',
		reopen: 'Wieder öffnen'
	}
};

// Questions and answers of members who have left (no author): the demo members' hourly
// limits stay for the tests that write as them.

/** A question in "Autismus & Schule" with a word of its own in the title. */
async function question(word: string) {
	const [{ id }] = await owner<{ id: string }[]>`
		insert into public.threads (community_id, title, body_markdown, body_html)
		select id, ${`Wer kennt ${word} beim Schulamt?`}, 'Der Bescheid kam gestern.',
			'<p>Der Bescheid kam gestern.</p>'
		from public.communities where slug = 'autismus-schule'
		returning id`;
	return id;
}

/** An answer, reported by PapaTim as dangerous advice (which opens a case), and accepted. */
async function reportedAnswer(threadId: string, text: string) {
	const [answer] = await owner<{ id: string }[]>`
		insert into public.posts (thread_id, body_markdown, body_html)
		values (${threadId}, ${text}, ${`<p>${text}</p>`}) returning id`;
	await owner`insert into public.flags (flagger_id, post_id, reason)
		select id, ${answer.id}, 'dangerous_advice' from public.members where pseudonym = 'PapaTim'`;
	await owner`update public.threads set accepted_post_id = ${answer.id} where id = ${threadId}`;
	const [item] = await owner<{ id: string }[]>`
		select id from public.escalations where thread_id = ${threadId} and state <> 'resolved'`;
	return item.id;
}

const letters = () =>
	randomUUID()
		.replace(/[^a-f]/g, '')
		.slice(0, 6);

for (const [device, viewport] of screens) {
	// The demo counsellor's saved language is German, and it decides her pages (the English
	// words are checked by messages.spec.ts and the glossary test).
	for (const [language, locale] of [['de', 'de-DE']] as const) {
		test.describe(`on a ${device} in ${locale}`, () => {
			test.use({ viewport, locale });
			const said = words[language];

			test('a counsellor sees the whole case and names the duplicate by address, then by search', async ({
				page
			}) => {
				test.slow();
				const word = `Zwerg${letters()}`;
				const threadId = await question(`Frau Kamm ${letters()}`);
				const earlier = await question(word);
				const advice = `Gib ihm einfach die Tabletten der Schwester ${letters()}.`;
				const itemId = await reportedAnswer(threadId, advice);

				await signIn(page, 'beraterin@ratnetz.example');
				await page.goto(`/counsellor/${itemId}`);
				const asked = page.getByRole('region', { name: said.question });
				await expect(asked).toContainText('Der Bescheid kam gestern.');
				await expect(asked).toContainText(said.solved);
				await expect(page.getByRole('region', { name: said.raised })).toContainText(advice);
				await page.getByRole('button', { name: said.claim }).click();

				// A value that names no question: a clear error, what was typed still there.
				await page.getByRole('radio', { name: said.duplicate }).check();
				await page.getByLabel(said.duplicateOf).fill('die Frage von gestern');
				await page.getByRole('button', { name: said.resolve, exact: true }).click();
				await expect(page.getByRole('alert')).toContainText(said.invalid);
				await expect(page.getByLabel(said.duplicateOf)).toHaveValue('die Frage von gestern');
				await expectAccessible(page);

				// A search finds the earlier question; picking it resolves the case.
				const duplicateSearch = page.getByRole('form', { name: said.find });
				await duplicateSearch.getByRole('searchbox', { name: said.find }).fill(word);
				await duplicateSearch.getByRole('button', { name: said.search, exact: true }).click();
				const found = page.getByRole('group', { name: said.found });
				await found.getByRole('radio', { name: new RegExp(word) }).check();
				await page.getByRole('radio', { name: said.duplicate }).check();
				await page.getByRole('button', { name: said.resolve, exact: true }).click();
				await expect(page.getByText(said.resolved)).toBeVisible();
				const [resolved] = await owner<{ duplicate_of: string }[]>`
					select duplicate_of from public.escalations where id = ${itemId}`;
				expect(resolved.duplicate_of).toBe(earlier);

				// Reopened and claimed again, a pasted address of the question names it too.
				await page.getByRole('button', { name: said.reopen }).click();
				await page.getByRole('button', { name: said.claim }).click();
				await page.getByRole('radio', { name: said.duplicate }).check();
				await page
					.getByLabel(said.duplicateOf)
					.fill(`${new URL(page.url()).origin}/t/${earlier}?page=1#answers`);
				await page.getByRole('button', { name: said.resolve, exact: true }).click();
				await expect(page.getByText(said.resolved)).toBeVisible();
			});
		});
	}
}
