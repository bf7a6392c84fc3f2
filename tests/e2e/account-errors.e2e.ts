import { linkIn, waitForMail } from '../support/mail';
import { clearAddressLimit, expect, expectAccessible, newMember, test } from './fixtures';

test('bad sign-up input is answered field by field, in the language chosen, with the input kept', async ({
	page
}) => {
	await page.goto('/signup');
	const languages = page.getByRole('form', { name: 'Sprache' });
	await expect(languages.getByRole('button', { name: 'Deutsch' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await languages.getByRole('button', { name: 'English' }).click();
	await expect(
		page.getByRole('form', { name: 'Language' }).getByRole('button', { name: 'English' })
	).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign up');

	await page.getByLabel('E-mail address').fill('not-an-address');
	await page.getByLabel('Pseudonym').fill('Max <Mustermann>');
	await page.getByLabel('Password').fill('short');
	await page.getByRole('button', { name: 'Create account' }).click();

	await expect(page.getByRole('alert')).toHaveText('Please check the marked fields.');
	await expect(page.getByLabel('E-mail address')).toHaveAccessibleDescription(
		/That does not look like an e-mail address./
	);
	await expect(page.getByLabel('Pseudonym')).toHaveAccessibleDescription(
		/Allowed are letters, digits/
	);
	await expect(page.getByLabel('Password')).toHaveAccessibleDescription(
		/at least 10 characters long/
	);
	await expect(page.getByLabel('E-mail address')).toHaveValue('not-an-address');
	await expect(page.getByLabel('Pseudonym')).toHaveValue('Max <Mustermann>');
	await expectAccessible(page);
});

test('a registered address reads as a new one; a taken pseudonym and a wrong password are told', async ({
	page
}) => {
	// Whether an address has an account is told only to its owner, by mail.
	const started = new Date();
	await clearAddressLimit('sign_up', 'mama.leo@ratnetz.example');
	await page.goto('/signup');
	await page.getByLabel('E-Mail-Adresse').fill('mama.leo@ratnetz.example');
	await page.getByLabel('Pseudonym').fill('Ganz_Neu_Hier');
	await page.getByLabel('Passwort').fill('Sicher-2026-x');
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	await expect(page.getByRole('status')).toContainText('E-Mail an mama.leo@ratnetz.example');
	const mail = await waitForMail('mama.leo@ratnetz.example', {
		after: started,
		subject: /Du hast schon ein Konto/
	});
	expect(linkIn(mail, /\/signin$/)).toMatch(/\/signin$/);

	await page.goto('/signup');
	await page.getByLabel('E-Mail-Adresse').fill(newMember().email);
	await page.getByLabel('Pseudonym').fill('mama_von_leo');
	await page.getByLabel('Passwort').fill('Sicher-2026-x');
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	await expect(page.getByLabel('Pseudonym')).toHaveAccessibleDescription(
		/Dieses Pseudonym ist schon vergeben./
	);

	await page.goto('/signin');
	await page.getByLabel('E-Mail-Adresse').fill('mama.leo@ratnetz.example');
	await page.getByLabel('Passwort').fill('falsches-Passwort-1');
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page.getByRole('alert')).toHaveText('E-Mail-Adresse oder Passwort stimmen nicht.');
	await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue('mama.leo@ratnetz.example');
});

test('a confirmation link works once', async ({ page }) => {
	const member = newMember();
	const started = new Date();
	await page.goto('/signup');
	await page.getByLabel('E-Mail-Adresse').fill(member.email);
	await page.getByLabel('Pseudonym').fill(member.pseudonym);
	await page.getByLabel('Passwort').fill(member.password);
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	const link = linkIn(await waitForMail(member.email, { after: started }), /\/auth\/confirm\?/);

	await page.goto(link);
	await page.getByRole('button', { name: 'E-Mail-Adresse bestätigen' }).click();
	await expect(page).toHaveURL(/\/account/);
	await page.getByRole('button', { name: 'Abmelden' }).click();

	await page.goto(link);
	await page.getByRole('button', { name: 'E-Mail-Adresse bestätigen' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'Dieser Link ist abgelaufen oder wurde schon benutzt.'
	);
});

test('member pages send visitors to sign in and back', async ({ page }) => {
	await page.goto('/account/password');
	await expect(page).toHaveURL(/\/signin\?next=%2Faccount%2Fpassword/);
	await page.getByLabel('E-Mail-Adresse').fill('oma.ruth@ratnetz.example');
	await page.getByLabel('Passwort').fill('Ratnetz-Demo-2026');
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Passwort ändern');
	await expectAccessible(page);
});
