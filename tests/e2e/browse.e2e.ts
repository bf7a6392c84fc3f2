import { expect, expectAccessible, test } from './fixtures';

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
