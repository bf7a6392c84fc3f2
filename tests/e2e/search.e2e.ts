import { expect, expectAccessible, test } from './fixtures';

test('a visitor searches from the header, sees highlighted matches and filters by community', async ({
	page
}) => {
	await page.goto('/');
	const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
	await nav.getByRole('link', { name: 'Suche', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Suche');
	await expectAccessible(page);

	const form = page.getByRole('search');
	await form.getByLabel('Suchbegriff').fill('Schulbegleitungen');
	await form.getByRole('button', { name: 'Suchen' }).click();
	await expect(
		page.getByRole('heading', { name: 'Ergebnisse für „Schulbegleitungen“' })
	).toBeVisible();
	await expect(page.locator('mark').first()).toHaveText(/^Schulbegleitung$/i);
	await expectAccessible(page);

	await form.getByLabel('Gemeinschaft').selectOption({ label: 'Autismus & Schule' });
	await form.getByRole('button', { name: 'Suchen' }).click();
	await expect(page).toHaveURL(/community=autismus-schule/);
	const results = page.getByRole('main').getByRole('listitem');
	await expect(results.filter({ hasText: 'Schule lehnt Schulbegleitung' })).toHaveCount(1);
	for (const result of await results.all()) {
		await expect(result.getByRole('link', { name: 'Autismus & Schule' })).toBeVisible();
	}
	await expect(form.getByLabel('Suchbegriff')).toHaveValue('Schulbegleitungen');
	await expectAccessible(page);
});

test('a mistyped word is answered with what was probably meant, and a link to search for it', async ({
	page
}) => {
	await page.goto('/search');
	const form = page.getByRole('search');
	await form.getByLabel('Suchbegriff').fill('Shulbegleitung');
	await form.getByRole('button', { name: 'Suchen' }).click();
	await expect(page.getByText('Meintest du Schulbegleitung?')).toBeVisible();
	const results = page.getByRole('main').getByRole('listitem');
	await expect(results.filter({ hasText: 'Schule lehnt Schulbegleitung' })).toHaveCount(1);
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Schulbegleitung', exact: true }).click();
	await expect(
		page.getByRole('heading', { name: 'Ergebnisse für „Schulbegleitung“' })
	).toBeVisible();
	await expect(page.getByText('Meintest du')).toHaveCount(0);
	await expect(form.getByLabel('Suchbegriff')).toHaveValue('Schulbegleitung');
});

test('an overlong query is explained, not failed, and the input is kept', async ({ page }) => {
	const q = 'Schule '.repeat(40).trim();
	const response = await page.goto(
		`/search?q=${encodeURIComponent(q)}&after=kaputt&community=gibt-es-nicht`
	);
	expect(response?.status()).toBe(200);
	await expect(page.getByText('Der Suchbegriff ist zu lang: höchstens 200 Zeichen.')).toBeVisible();
	await expect(page.getByLabel('Suchbegriff')).toHaveValue(q);
	await expect(page.getByLabel('Suchbegriff')).toHaveAttribute('aria-invalid', 'true');
});

test('similar threads are offered as JSON for a typed title', async ({ request }) => {
	const response = await request.get('/api/similar-threads?title=Schulbegleitung%20abgelehnt');
	expect(response.status()).toBe(200);
	expect(response.headers()['cache-control']).toBe('private, max-age=30');
	expect((await response.json()).threads.length).toBeLessThanOrEqual(5);
	const bad = await request.get(
		'/api/similar-threads?title=Schule%20lehnt%20ab&community=kein-uuid'
	);
	expect(bad.status()).toBe(400);
	expect(await bad.json()).toEqual({ error: 'invalid_request' });
});
