import { expect, expectAccessible, signIn, test } from './fixtures';

test('an admin edits helplines and crisis words, and reads the reveal log', async ({ page }) => {
	await signIn(page, 'admin@ratnetz.example');
	await page.getByRole('link', { name: 'Administration', exact: true }).click();
	await expectAccessible(page);
	await page.getByRole('link', { name: /^Schutz/ }).click();
	await expectAccessible(page);

	const name = `Krisendienst Testhausen ${Date.now()}`;
	const adding = page.getByRole('form', { name: 'Hilfetelefon hinzufügen' });
	await adding.getByLabel('Name (Deutsch)').fill(name);
	await adding.getByLabel('Nummer(n)').fill('0800 000 1234');
	await adding.getByLabel('Rund um die Uhr erreichbar').check();
	await adding.getByRole('button', { name: 'Hilfetelefon hinzufügen' }).click();
	await expect(page.getByRole('status')).toHaveText('Gespeichert.');

	await page.goto('/help');
	await expect(page.getByRole('heading', { name })).toBeVisible();
	await expect(page.getByRole('link', { name: '0800 000 1234' })).toHaveAttribute(
		'href',
		'tel:08000001234'
	);

	await page.goto('/admin/safeguarding');
	const word = `testwort${Date.now()}`;
	const words = page.getByRole('region', { name: 'Krisenwörter' });
	await words.getByLabel('Wort oder Wendung').fill(`${word} ... tagebuch*`);
	await words.getByLabel('Art').selectOption({ label: 'Jemand ist in Gefahr (immer eine Krise)' });
	await words.getByLabel('Kategorie').selectOption({ label: 'Selbstverletzung' });
	await words.getByRole('button', { name: 'Krisenwort hinzufügen' }).click();
	await expect(page.getByRole('status')).toHaveText('Gespeichert.');
	// The lexicon comes folded by kind and category.
	await words.getByText(/^Jemand ist in Gefahr \(immer eine Krise\) · Selbstverletzung/).click();
	await expect(page.getByText(`${word} ... tagebuch*`, { exact: true })).toBeVisible();
	await page.getByRole('button', { name: `${word} ... tagebuch* entfernen` }).click();
	await expect(page.getByText(`${word} ... tagebuch*`, { exact: true })).toHaveCount(0);
	await page.getByRole('button', { name: `${name} entfernen` }).click();
	await expect(page.getByRole('heading', { name })).toHaveCount(0);
	await expect(
		page.getByRole('heading', { name: 'Protokoll: aufgedeckte Verfasser:innen' })
	).toBeVisible();
});

test('a moderator sets the community’s waiting time, due times and crisis policy', async ({
	page
}) => {
	await signIn(page, 'moderator@ratnetz.example');
	await page.goto('/c/trennung-familie');
	await page.getByRole('link', { name: 'Einstellungen' }).click();
	await expectAccessible(page);
	await expect(page.getByLabel('Wartezeit auf eine Antwort (Stunden)')).toHaveValue('48');
	await expect(
		page.getByLabel('zurückhalten, bis eine Fachkraft oder die Moderation draufgeschaut hat')
	).toBeChecked();

	await page.getByLabel('Wartezeit auf eine Antwort (Stunden)').fill('0');
	await page.getByRole('button', { name: 'Änderungen speichern' }).click();
	await expect(page.getByLabel('Wartezeit auf eine Antwort (Stunden)')).toHaveAccessibleDescription(
		/0,25 bis 720 Stunden/
	);

	await page.getByLabel('Wartezeit auf eine Antwort (Stunden)').fill('24');
	await page.getByRole('button', { name: 'Änderungen speichern' }).click();
	await expect(page.getByRole('status')).toHaveText('Gespeichert.');
	await expect(page.getByLabel('Wartezeit auf eine Antwort (Stunden)')).toHaveValue('24');

	await page.getByLabel('Wartezeit auf eine Antwort (Stunden)').fill('48');
	await page.getByRole('button', { name: 'Änderungen speichern' }).click();
	await expect(page.getByRole('status')).toHaveText('Gespeichert.');

	await page.goto('/c/autismus-schule/settings');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Einstellungen der Gemeinschaft'
	);
	await page.goto('/c/pflege-angehoerige/settings');
	await expect(page.getByText('Das darfst du hier nicht.')).toBeVisible();
});
