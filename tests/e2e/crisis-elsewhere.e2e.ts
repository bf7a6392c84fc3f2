// Crisis words in a service idea or a guide: the writer is shown the helplines at once, on a
// phone, and the counsellors serving the community are alerted by mail (who is alerted, and
// for posts on ideas too: tests/integration/crisis-elsewhere.spec.ts).
import { randomUUID } from 'node:crypto';
import { waitForMail } from '../support/mail';
import { counsellorInDatabase, expect, memberInDatabase, screens, signIn, test } from './fixtures';
import { leosThread } from './pages';

test.use({ locale: 'de-DE', viewport: screens[0][1] });

test('a family writing crisis words in an idea sees the helplines, and a counsellor is alerted', async ({
	page
}) => {
	const family = await memberInDatabase('de', ['familien-leipzig']);
	const counsellor = await counsellorInDatabase('de', ['familien-leipzig']);
	const title = `Hilfe für Eltern am Limit ${randomUUID().slice(0, 6)}`;
	const since = new Date();

	await signIn(page, family.email);
	await page.goto('/c/familien-leipzig/ideas/new');
	await page.getByLabel('Titel').fill(title);
	await page
		.getByLabel('Beschreibung der Idee')
		.fill(
			'Ich schaffe das alles nicht mehr und will nicht mehr leben. Es braucht abends jemanden.'
		);
	await page.getByRole('button', { name: 'Idee veröffentlichen' }).click();

	await expect(
		page.getByRole('heading', { name: 'Du bist nicht allein – hier bekommst du sofort Hilfe' })
	).toBeVisible();
	await expect(page.getByText(/TelefonSeelsorge/).first()).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: new RegExp(title) })).toBeVisible();

	const mail = await waitForMail(counsellor.email, { after: since, subject: /Krisenwörter/ });
	expect(mail.subject).toContain(title);
	expect(mail.text).toMatch(/nicht mehr leben/);
});

test('a member writing crisis words in a guide sees the helplines', async ({ page }) => {
	const writer = await memberInDatabase('de', ['autismus-schule']);
	await signIn(page, writer.email);
	await page.goto(`/t/${leosThread}/guide`);
	const title = `Wenn es zu viel wird ${randomUUID().slice(0, 6)}`;
	await page.getByLabel('Titel').fill(title);
	await page
		.getByLabel('Text des Ratgebers')
		.fill(
			'Manchmal denke ich, ich will nicht mehr leben. Dann hilft uns nur noch die Schulbegleitung.'
		);
	await page.getByRole('button', { name: 'Ratgeber veröffentlichen' }).click();
	await expect(
		page.getByRole('heading', { name: 'Du bist nicht allein – hier bekommst du sofort Hilfe' })
	).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
});
