// Anonymity as a promise, in the browser: an anonymous asker answers in their own thread as
// "the asker" unless they choose their pseudonym, which the form warns about; anyone
// else may answer anonymously. What each choice shows, to a visitor too.
import { randomUUID } from 'node:crypto';
import { expect, expectAccessible, otherVisitor, owner, signIn, test } from './fixtures';

/** A new question in "Pflege von Angehörigen" by the demo member with this address. */
async function questionBy(email: string, anonymous: boolean) {
	const [{ id }] = await owner<{ id: string }[]>`
		insert into public.threads (community_id, author_id, is_anonymous, title, body_markdown, body_html)
		select c.id, u.id, ${anonymous}, ${`Wie beantrage ich den Pflegegrad? ${randomUUID().slice(0, 6)}`},
			'Meine Mutter braucht Hilfe.', '<p>Meine Mutter braucht Hilfe.</p>'
		from public.communities c, auth.users u
		where c.slug = 'pflege-angehoerige' and u.email = ${email}
		returning id`;
	return `/t/${id}`;
}

test('an anonymous asker answers as “the asker”, or under their pseudonym after a warning', async ({
	page,
	browser
}) => {
	test.slow();
	const thread = await questionBy('papa.tim@ratnetz.example', true);
	await signIn(page, 'papa.tim@ratnetz.example');
	await page.goto(thread);
	const asAsker = page.getByLabel('Als „Fragesteller:in“ (anonym)');
	const asPseudonym = page.getByLabel('Unter deinem Pseudonym „PapaTim“');
	await expect(asAsker).toBeChecked();
	await expect(asPseudonym).not.toBeChecked();
	await expect(asPseudonym).toHaveAccessibleDescription(
		/Mit deinem Pseudonym können andere erraten, dass du sie gestellt hast/
	);
	await expectAccessible(page);

	await page
		.getByLabel('Antwort', { exact: true })
		.fill('Danke euch, wir haben den Antrag gestellt.');
	await page.getByRole('button', { name: 'Antwort veröffentlichen' }).click();
	const anonymousAnswer = page.getByRole('article', {
		name: 'Antwort von Fragesteller:in (anonym)'
	});
	await expect(anonymousAnswer).toContainText('Antrag gestellt');
	await expect(anonymousAnswer).not.toContainText('PapaTim');

	await page.getByLabel('Unter deinem Pseudonym „PapaTim“').check();
	await page.getByLabel('Antwort', { exact: true }).fill('Nachtrag mit meinem Namen.');
	await page.getByRole('button', { name: 'Antwort veröffentlichen' }).click();
	await expect(page.getByRole('article', { name: 'Antwort von PapaTim' })).toContainText(
		'Nachtrag mit meinem Namen'
	);

	// A visitor sees the asker's first answer without a name.
	const visitor = await otherVisitor(browser);
	await visitor.goto(thread);
	await expect(
		visitor.getByRole('article', { name: 'Antwort von Fragesteller:in (anonym)' })
	).toContainText('Antrag gestellt');
	await expect(visitor.getByRole('article', { name: 'Antwort von PapaTim' })).toHaveCount(1);
	await visitor.context().close();
});

test('anyone else answers under their pseudonym, or anonymously by choice', async ({ page }) => {
	const thread = await questionBy('papa.tim@ratnetz.example', false);
	await signIn(page, 'oma.ruth@ratnetz.example');
	await page.goto(thread);
	await expect(page.getByLabel('Unter deinem Pseudonym „Oma.Ruth“')).toBeChecked();
	await expect(page.getByLabel('Als „Fragesteller:in“ (anonym)')).toHaveCount(0);
	await page.getByLabel('Anonym', { exact: true }).check();
	await page
		.getByLabel('Antwort', { exact: true })
		.fill('Bei uns hat die Pflegeberatung geholfen.');
	await page.getByRole('button', { name: 'Antwort veröffentlichen' }).click();
	await expect(page.getByRole('article', { name: 'Antwort von anonym' })).toContainText(
		'Pflegeberatung'
	);
	await expect(page.getByRole('article', { name: 'Antwort von Oma.Ruth' })).toHaveCount(0);
});
