// A text whose markdown would cost the server too much to render is refused with a
// message that names the limit, and the text stays in the form to be fixed.
import { randomUUID } from 'node:crypto';
import { expect, owner, signIn, test } from './fixtures';

test('an answer with a table of too many columns is refused, and its text kept', async ({
	page
}) => {
	const [{ id }] = await owner<{ id: string }[]>`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html)
		select c.id, u.id, ${`Welche Hilfen gibt es in Leipzig? ${randomUUID().slice(0, 6)}`},
			'Wir suchen Angebote.', '<p>Wir suchen Angebote.</p>'
		from public.communities c, auth.users u
		where c.slug = 'familien-leipzig' and u.email = 'papa.tim@ratnetz.example'
		returning id`;
	const table = `|${' Spalte |'.repeat(30)}\n|${'---|'.repeat(30)}\n|${' x |'.repeat(30)}`;
	await signIn(page, 'oma.ruth@ratnetz.example');
	await page.goto(`/t/${id}`);
	await page.getByLabel('Antwort', { exact: true }).fill(table);
	await page.getByRole('button', { name: 'Antwort veröffentlichen' }).click();
	await expect(page.getByText('Eine Tabelle darf höchstens 20 Spalten haben.')).toBeVisible();
	await expect(page.getByLabel('Antwort', { exact: true })).toHaveValue(table);
	const [{ n }] = await owner<{ n: number }[]>`
		select count(*)::int as n from public.posts where thread_id = ${id}`;
	expect(n).toBe(0);
});
