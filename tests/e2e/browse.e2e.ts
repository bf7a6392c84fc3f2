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

test('pages carry a strict Content-Security-Policy', async ({ page }) => {
	const response = await page.goto('/');
	const csp = response?.headers()['content-security-policy'] ?? '';
	expect(csp).toContain("default-src 'self'");
	expect(csp).toMatch(/script-src 'self' '(nonce|sha256)-[^']+'(;|$)/);
	expect(csp).not.toContain('unsafe-inline');
	expect(csp).toContain("frame-ancestors 'none'");
});
