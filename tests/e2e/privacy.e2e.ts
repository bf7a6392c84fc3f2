import { readFile } from 'node:fs/promises';
import { expect, expectAccessible, signUpAndConfirm, test } from './fixtures';

test('journey 6: a member downloads their data, then deletes the account; their post stays as "deleted member"', async ({
	page
}) => {
	const member = await signUpAndConfirm(page);
	await page.goto('/c/trennung-familie');
	await page.getByRole('button', { name: 'Beitreten' }).click();
	// Joining is an enhanced form: wait for its result before leaving the page.
	await expect(page.getByRole('link', { name: 'Frage stellen' })).toBeVisible();

	await page.goto('/c/trennung-familie/ask');
	const title = `Wechselmodell oder Residenzmodell? ${Date.now()}`;
	await page.getByLabel('Titel').fill(title);
	await page.getByLabel('Deine Frage ausführlich').fill('Was hat bei euch funktioniert?');
	await page.getByRole('button', { name: 'Frage veröffentlichen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	const threadUrl = page.url();

	await page.goto('/account');
	await expectAccessible(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Meine Daten herunterladen (JSON)' }).first().click()
	]);
	const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
	expect(data.account.email).toBe(member.email);
	expect(data.profile.pseudonym).toBe(member.pseudonym);
	expect(data.questions.map((q: { title: string }) => q.title)).toEqual([title]);

	await page.getByRole('link', { name: 'Konto löschen' }).click();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
	await expect(page.getByLabel('Aktuelles Passwort')).toHaveAccessibleDescription(
		'Bitte gib dein Passwort ein.'
	);
	await page.getByLabel('Aktuelles Passwort').fill(member.password);
	await page.getByLabel('Ja, ich möchte mein Konto endgültig löschen.').check();
	await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Dein Konto ist gelöscht. Danke, dass du hier warst.'
	);
	await expect(page.getByRole('button', { name: 'Abmelden' })).toHaveCount(0);

	await page.goto(threadUrl);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(page.getByText(member.pseudonym)).toHaveCount(0);
	await expect(page.getByText('gelöschtes Mitglied ·')).toBeVisible();

	await page.goto('/signin');
	await page.getByLabel('E-Mail-Adresse').fill(member.email);
	await page.getByLabel('Passwort').fill(member.password);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page.getByRole('alert')).toHaveText('E-Mail-Adresse oder Passwort stimmen nicht.');
});
