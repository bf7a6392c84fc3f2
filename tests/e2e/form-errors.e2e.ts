// A refused form says so to screen readers: a message in an alert, each field marked
// invalid with its error as its description, and the focus on the first field to fix.
import { expect, owner, signIn, test } from './fixtures';

test('a question without title or text: the focus lands on the title, which names its error', async ({
	page
}) => {
	await signIn(page, 'mama.leo@ratnetz.example');
	await page.goto('/c/autismus-schule/ask');
	await page.getByRole('button', { name: 'Frage veröffentlichen' }).click();

	await expect(page.getByRole('alert')).toHaveText('Bitte prüfe die markierten Felder.');
	const title = page.getByRole('textbox', { name: 'Titel' });
	await expect(title).toBeFocused();
	await expect(title).toHaveAttribute('aria-invalid', 'true');
	await expect(title).toHaveAccessibleDescription(/Der Titel muss 10 bis 150 Zeichen lang sein/);
	const body = page.getByRole('textbox', { name: 'Deine Frage ausführlich' });
	await expect(body).toHaveAttribute('aria-invalid', 'true');
	await expect(body).toHaveAccessibleDescription(/Bitte schreibe einen Text/);
});

test('a form sent without reloading moves the focus too, past a field that is fine', async ({
	page
}) => {
	await signIn(page, 'oma.ruth@ratnetz.example');
	await page.goto('/account/password');
	await page.getByLabel('Aktuelles Passwort').fill('Ratnetz-Demo-2026');
	await page.getByLabel('Neues Passwort', { exact: true }).fill('Ganz-neu-2026');
	await page.getByLabel('Neues Passwort wiederholen').fill('Ganz-anders-2026');
	await page.getByRole('button', { name: 'Passwort ändern' }).click();

	const confirmation = page.getByLabel('Neues Passwort wiederholen');
	await expect(confirmation).toBeFocused();
	await expect(confirmation).toHaveAccessibleDescription(
		'Die beiden Passwörter stimmen nicht überein.'
	);
	await expect(page.getByLabel('Neues Passwort', { exact: true })).not.toHaveAttribute(
		'aria-invalid'
	);
});

test('a refusal that is no field’s fault takes the focus to the message, each time', async ({
	page
}) => {
	await page.goto('/signin');
	await page.getByLabel('E-Mail-Adresse').fill('niemand@example.org');
	await page.getByLabel('Passwort').fill('falsches-Passwort-1');
	await page.keyboard.press('Enter');
	const alert = page.getByRole('alert');
	await expect(alert).toHaveText('E-Mail-Adresse oder Passwort stimmen nicht.');
	await expect(alert).toBeFocused();

	await page.getByLabel('Passwort').fill('noch-falscher-2');
	await page.keyboard.press('Enter');
	await expect(alert).toBeFocused();
});

test('a report without a reason marks the reasons invalid and focuses the first', async ({
	page
}) => {
	const [thread] = await owner<{ id: string }[]>`
		select t.id from public.threads t join public.members a on a.id = t.author_id
		where a.pseudonym = 'Mama_von_Leo' order by t.created_at limit 1`;
	await signIn(page, 'oma.ruth@ratnetz.example');
	await page.goto(`/t/${thread.id}`);
	await page.getByRole('link', { name: 'Melden' }).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Melden');
	const form = page.getByRole('main').locator('form');
	// A browser that ignores `required` (or a crafted post) reaches the server's check.
	await form.evaluate((element: HTMLFormElement) => (element.noValidate = true));
	await form.getByRole('button', { name: 'Meldung senden' }).click();

	await expect(page.getByRole('alert')).toHaveText('Bitte prüfe die markierten Felder.');
	const group = page.getByRole('group', { name: 'Warum meldest du das?' });
	await expect(group).toHaveAccessibleDescription('Bitte wähle einen Grund.');
	const first = group.getByRole('radio').first();
	await expect(first).toBeFocused();
	await expect(first).toHaveAttribute('aria-invalid', 'true');
	await expect(first).toHaveAccessibleDescription('Bitte wähle einen Grund.');
});
