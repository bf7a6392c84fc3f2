// Guides (Ratgeber): a member drafts one from a question and a second one of the
// community, edits it, a counsellor checks and signs the newest version, and the question's
// page names it for every reader; an edit on a version that is no longer the newest keeps
// the member's text. In German and in English, on a phone and a desktop.
import {
	expect,
	expectAccessible,
	memberInDatabase,
	otherVisitor,
	owner,
	screens,
	signIn,
	test
} from './fixtures';
import { anonymousThread, leosThread, samsThread } from './pages';

test('a member drafts a guide from two questions, edits it, a counsellor signs it, and the question names it (German, desktop)', async ({
	page,
	browser
}) => {
	test.slow();
	const writer = await memberInDatabase('de', ['autismus-schule']);
	await signIn(page, writer.email);
	await page.goto(`/t/${leosThread}`);
	const guides = page.getByRole('region', { name: 'Ratgeber zu dieser Frage' });
	await guides.getByRole('link', { name: 'Ratgeber aus dieser Frage schreiben' }).click();

	const title = `Widerspruch gegen die Ablehnung ${Date.now()}`;
	await page.getByLabel('Titel').fill(title);
	await page
		.getByLabel('Text des Ratgebers')
		.fill('Erst die **schriftliche Ablehnung** anfordern.');
	await page
		.getByLabel('Weitere Fragen (freiwillig)')
		.fill(`http://localhost/t/${anonymousThread}`);
	await page.getByRole('button', { name: 'Ratgeber veröffentlichen' }).click();

	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.getByRole('note')).toHaveText('Noch nicht fachlich geprüft.');
	await expect(page.locator('.post-body strong')).toHaveText('schriftliche Ablehnung');
	const cited = page.getByRole('region', { name: 'Geschrieben aus diesen Fragen' });
	await expect(cited.getByRole('link')).toHaveCount(2);
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Ratgeber bearbeiten' }).click();
	await page
		.getByLabel('Text des Ratgebers')
		.fill(
			'Erst die **schriftliche Ablehnung** anfordern, dann innerhalb eines Monats widersprechen.'
		);
	await page.getByRole('button', { name: 'Änderungen speichern' }).click();
	await expect(page.locator('.post-body')).toContainText('innerhalb eines Monats');
	await page.getByRole('link', { name: 'Fassungen ansehen' }).click();
	const newest = page.getByRole('region', { name: /Fassung 2/ });
	await expect(newest.locator('ins').filter({ hasText: 'innerhalb' })).toHaveCount(1);
	await expect(newest).toContainText(`von ${writer.pseudonym}`);
	await expectAccessible(page);
	const guideUrl = page.url().replace(/\/versions$/, '');

	// The counsellor, at another computer, checks the newest version and signs it.
	const counsellor = await otherVisitor(browser);
	await signIn(counsellor, 'beraterin@ratnetz.example');
	await counsellor.goto(guideUrl);
	await counsellor
		.getByRole('button', { name: 'Diese Fassung fachlich prüfen und zeichnen' })
		.click();
	await expect(counsellor.getByRole('status')).toHaveText(
		'Du hast diese Fassung fachlich geprüft und gezeichnet.'
	);
	await expect(counsellor.getByRole('note')).toContainText(
		/Fachlich geprüft am .* von Anna_Fachberatung\. Organisation: Familienhilfe Sachsen e\. V\./
	);
	await counsellor.context().close();

	// Any reader of the question finds the guide there, checked.
	const visitor = await otherVisitor(browser);
	await visitor.goto(`/t/${leosThread}`);
	const named = visitor
		.getByRole('region', { name: 'Ratgeber zu dieser Frage' })
		.getByRole('listitem')
		.filter({ hasText: title });
	await expect(named).toContainText('fachlich geprüft');
	await named.getByRole('link', { name: title }).click();
	await expect(visitor.getByRole('heading', { level: 1, name: new RegExp(title) })).toBeVisible();
	// And search finds it above the questions.
	await visitor.goto(`/search?q=${encodeURIComponent(title)}`);
	const foundGuides = visitor.getByRole('region', { name: 'Ratgeber' });
	await expect(foundGuides.getByRole('link', { name: title })).toBeVisible();
	await visitor.context().close();
});

test('an edit on a version someone else changed meanwhile keeps the text written (English, phone)', async ({
	page
}) => {
	await page.setViewportSize(screens[0][1]);
	const writer = await memberInDatabase('en', ['carers-english']);
	await signIn(page, writer.email);
	await page.goto(`/t/${samsThread}/guide`);
	const title = `Applying for Pflegegeld as a family ${Date.now()}`;
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Text of the guide').fill('Call the Pflegekasse first.');
	await page.getByRole('button', { name: 'Publish guide' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.getByRole('note')).toHaveText('Not checked by a counsellor yet.');

	await page.getByRole('link', { name: 'Edit guide' }).click();
	// The edit form holds version 1 before anyone else edits; loaded later, it would hold 2.
	await expect(page.getByLabel('Text of the guide')).toHaveValue('Call the Pflegekasse first.');
	// Meanwhile another member's edit makes version 2.
	const [{ id }] = await owner<
		{ id: string }[]
	>`select id from public.guides where title = ${title}`;
	await owner`insert into public.guide_versions (guide_id, number, title, body_markdown, body_html, author_id)
		select ${id}, 2, title, 'Call the Pflegekasse first, by phone.', '<p>Call the Pflegekasse first, by phone.</p>', created_by
		from public.guides where id = ${id}`;
	await owner`update public.guides set version = 2 where id = ${id}`;

	const mine = 'Call the Pflegekasse first. Ask for the form in English.';
	await page.getByLabel('Text of the guide').fill(mine);
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('alert')).toContainText('The guide changed meanwhile');
	await expect(page.getByLabel('Text of the guide')).toHaveValue(mine);
	await expectAccessible(page);
});

test('while a question is typed, a guide on it is offered first', async ({ page }) => {
	const asker = await memberInDatabase('de', ['autismus-schule']);
	await signIn(page, asker.email);
	await page.goto('/c/autismus-schule/ask');
	await page.getByLabel('Titel').fill('Schulbegleitung abgelehnt, was nun?');
	const offered = page.getByRole('region', { name: /Ähnliche Fragen/ });
	await expect(offered.getByRole('listitem').first()).toContainText(
		'Schulbegleitung abgelehnt: Widerspruch Schritt für Schritt'
	);
	await expect(offered.getByRole('listitem').first()).toContainText('Ratgeber');
});

test('the anonymous asker is not offered to write a guide from their question, which would name them', async ({
	page
}) => {
	await signIn(page, 'papa.tim@ratnetz.example');
	await page.goto(`/t/${anonymousThread}`);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Ratgeber aus dieser Frage schreiben' })).toHaveCount(
		0
	);
	const response = await page.goto(`/t/${anonymousThread}/guide`);
	expect(response?.status()).toBe(403);
	await expect(page.getByText('Du hast eine dieser Fragen anonym gestellt.')).toBeVisible();
});
