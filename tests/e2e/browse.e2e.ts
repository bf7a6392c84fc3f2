import { expect, expectAccessible, owner, signIn, test, threadWithAnswers } from './fixtures';

test('a visitor finds a community and reads a thread with its answers', async ({ page }) => {
	await page.goto('/');
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Autismus & Schule' }).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Autismus & Schule');
	await expectAccessible(page);

	await page
		.getByRole('link', { name: /^Schule lehnt Schulbegleitung für meinen Sohn ab/ })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(
		'Schule lehnt Schulbegleitung'
	);
	await expect(page.getByRole('article', { name: 'Antwort von Anna_Fachberatung' })).toContainText(
		'Fachkraft'
	);
	await expectAccessible(page);
});

test('an anonymous question shows no author', async ({ page }) => {
	await page.goto('/c/autismus-schule');
	const item = page
		.getByRole('listitem')
		.filter({ has: page.getByRole('link', { name: /Nachteilsausgleich/ }) });
	await expect(item).toContainText('anonym');
	await expect(item).not.toContainText('PapaTim');
});

test('keyboard users skip to the content and reach a thread without a mouse', async ({ page }) => {
	await page.goto('/c/autismus-schule');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
	await expect(skip).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();
	const thread = page.getByRole('link', { name: /^Schule lehnt Schulbegleitung/ });
	for (let i = 0; i < 30 && !(await thread.evaluate((el) => el === document.activeElement)); i++) {
		await page.keyboard.press('Tab');
	}
	await expect(thread).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toContainText(
		'Schule lehnt Schulbegleitung'
	);
});

test('a visitor pages through a long thread, follows a link to an answer and sees new answers at once', async ({
	page
}) => {
	const { threadId, authorId, answerIds: answers } = await threadWithAnswers(35, 'Antwort');
	const shownAnswers = page.getByRole('article', { name: /^Antwort von/ });

	await page.goto(`/t/${threadId}`);
	await expect(page.getByRole('heading', { name: '35 Antworten' })).toBeVisible();
	await expect(shownAnswers).toHaveCount(30);
	const pager = page.getByRole('navigation', { name: 'Seiten der Antworten' });
	await expect(pager.getByRole('link', { name: 'Seite 1' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await pager.getByRole('link', { name: 'Nächste Seite' }).click();
	await expect(shownAnswers).toHaveCount(5);
	await expect(shownAnswers.first()).toContainText('Antwort 31');
	await expectAccessible(page);

	// A notification's link to an answer on the second page opens that page.
	await page.goto(`/t/${threadId}?post=${answers[33]}#post-${answers[33]}`);
	await expect(page.locator(`#post-${answers[33]}`)).toContainText('Antwort 34');

	// Someone answers meanwhile: the next visit shows it, nothing kept from before.
	await owner`insert into public.posts (thread_id, author_id, body_markdown, body_html)
		values (${threadId}, ${authorId}, 'Ganz neu', '<p>Ganz neu</p>')`;
	await page.goto(`/t/${threadId}?page=2`);
	await expect(shownAnswers).toHaveCount(6);
	await expect(page.getByRole('heading', { name: '36 Antworten' })).toBeVisible();
});

test('a visitor following a report link is asked to sign in and comes back to it', async ({
	page
}) => {
	const reportPath = '/t/20000000-0000-4000-8000-000000000001/report';
	await page.goto(reportPath);
	await expect(page).toHaveURL(`/signin?next=${encodeURIComponent(reportPath)}`);
	await signIn(page, 'oma.ruth@ratnetz.example', undefined, reportPath);
	await expect(page).toHaveURL(reportPath);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Melden');
});
