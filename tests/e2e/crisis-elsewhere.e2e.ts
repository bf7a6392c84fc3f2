// Crisis words in a service idea or a guide: the writer is shown the helplines at once, on a
// phone; the idea becomes an urgent case, the counsellors serving the community are alerted
// by mail, and one of them takes it and refers the family, who reads it in the app (who is
// alerted, posts on ideas and guides: tests/integration/crisis-elsewhere.spec.ts).
import { randomUUID } from 'node:crypto';
import { waitForMail } from '../support/mail';
import {
	counsellorInDatabase,
	expect,
	memberInDatabase,
	otherVisitor,
	screens,
	signIn,
	test
} from './fixtures';
import { leosThread } from './pages';

test.use({ locale: 'de-DE', viewport: screens[0][1] });

test('crisis words in an idea: the family sees the helplines, a counsellor takes the case and the family reads the referral', async ({
	page,
	browser
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

	// The serving counsellor is alerted at once, as for an urgent question, and the mail
	// leads to the idea, which leads the counsellor to the case.
	const mail = await waitForMail(counsellor.email, {
		after: since,
		subject: new RegExp(`^Dringend: „${title}“ in Familien in Leipzig, fällig bis`)
	});
	const ideaUrl = new URL((mail.text ?? '').match(/https?:\/\/\S+\/i\/[0-9a-f-]{36}/)![0]).pathname;
	const staff = await otherVisitor(browser);
	await signIn(staff, counsellor.email);
	await staff.goto(ideaUrl);
	await staff
		.getByRole('link', { name: 'Diese Idee steht in der Warteschlange der Fachkräfte.' })
		.click();
	await expect(staff.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(
		staff.getByRole('region', { name: 'Texte, die diesen Fall ausgelöst haben' })
	).toContainText('will nicht mehr leben');
	await staff.getByRole('button', { name: 'Übernehmen' }).click();
	await expect(staff.getByText(/übernommen\s+\(von dir\)/)).toBeVisible();
	// An idea duplicates no question.
	await expect(staff.getByLabel('doppelt')).toHaveCount(0);
	await staff.getByLabel('an eine Stelle vor Ort verwiesen').check();
	await staff.getByRole('textbox', { name: 'Stelle vor Ort' }).fill('Krisendienst Leipzig');
	await staff
		.getByLabel('So erreicht die Familie die Stelle')
		.fill('0341 999 00 00, rund um die Uhr');
	await staff.getByRole('button', { name: 'Abschließen', exact: true }).click();
	await expect(staff.getByText('Erledigt: an eine Stelle vor Ort verwiesen')).toBeVisible();

	// The family reads what the counsellor found for them.
	await page.goto('/notifications');
	const told = page
		.getByRole('listitem')
		.filter({ hasText: `Eine Fachkraft hat gelesen, was du zu „${title}“ geschrieben hast` });
	await expect(told).toContainText(
		'Ein Angebot für dich: Krisendienst Leipzig. So erreichst du es: 0341 999 00 00, rund um die Uhr'
	);
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
