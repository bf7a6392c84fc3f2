import { linkIn, waitForMail } from '../support/mail';
import { expect, expectAccessible, newMember, test } from './fixtures';

test('a visitor signs up, confirms, edits the profile, signs out and resets the password', async ({
	page
}) => {
	const member = newMember();
	const started = new Date();

	await page.goto('/signup');
	await expectAccessible(page);
	await page.getByLabel('E-Mail-Adresse').fill(member.email);
	await page.getByLabel('Pseudonym').fill(member.pseudonym);
	await page.getByLabel('Passwort').fill(member.password);
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	await expect(page.getByRole('status')).toContainText(`E-Mail an ${member.email}`);

	const confirmation = await waitForMail(member.email, { after: started });
	// The app writes Auth's mails (Send Email Hook): German for a German sign-up …
	expect(confirmation.subject).toBe('Ratnetz: Bitte bestätige deine E-Mail-Adresse');
	await page.goto(linkIn(confirmation, /\/auth\/confirm\?/));
	await expectAccessible(page);
	await page.getByRole('button', { name: 'E-Mail-Adresse bestätigen' }).click();
	await expect(page).toHaveURL(/\/account/);
	await expect(page.getByRole('status')).toContainText(`Willkommen, ${member.pseudonym}!`);
	await expectAccessible(page);

	await page.getByLabel('Über mich').fill('Zwei Kinder, eines mit Autismus.');
	await page.getByLabel('Bevorzugte Sprache').selectOption('en');
	await page.getByRole('button', { name: 'Profil speichern' }).click();
	await expect(page.getByRole('status')).toHaveText('Your profile has been saved.');
	await expect(page.getByLabel('About me')).toHaveValue('Zwei Kinder, eines mit Autismus.');
	await expect(page.getByRole('link', { name: member.pseudonym })).toBeVisible();

	await page.getByRole('button', { name: 'Sign out' }).click();
	const navigation = page.getByRole('navigation', { name: 'Main navigation' });
	await expect(navigation.getByRole('link', { name: 'Sign in' })).toBeVisible();

	const resetRequested = new Date();
	await page.goto('/password/forgot');
	await page.getByLabel('E-mail address').fill(member.email);
	await page.getByRole('button', { name: 'Send link' }).click();
	await expect(page.getByRole('status')).toContainText(member.email);

	const recovery = await waitForMail(member.email, {
		after: resetRequested,
		subject: /Passwort|password/
	});
	// … and English once the member chose English, even signed out.
	expect(recovery.subject).toBe('Ratnetz: Set a new password');
	expect(recovery.text).toContain('Choose a new password here');
	await page.goto(linkIn(recovery, /type=recovery/));
	await page.getByRole('button', { name: 'Continue' }).click();
	const newPassword = `${member.password}-neu`;
	await page.getByLabel('New password', { exact: true }).fill(newPassword);
	await page.getByLabel('Repeat new password').fill(newPassword);
	await page.getByRole('button', { name: 'Save password' }).click();
	await expect(page.getByRole('status')).toContainText('Your password has been changed');

	await page.getByRole('button', { name: 'Sign out' }).click();
	await page.goto('/signin');
	await page.getByLabel('E-mail address').fill(member.email);
	await page.getByLabel('Password').fill(member.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('E-mail address or password is not correct.');
	await page.getByLabel('Password').fill(newPassword);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(navigation.getByRole('link', { name: member.pseudonym })).toBeVisible();
});
