// A referral that reaches the family: a counsellor (German, desktop) finds a service of the
// help directory near a postcode on the case page, refers the question to it, and the asker
// (English, on a phone) reads its name, opening hours and contact on the question.
import { randomUUID } from 'node:crypto';
import {
	counsellorInDatabase,
	expect,
	expectAccessible,
	memberInDatabase,
	otherVisitor,
	owner,
	signIn,
	test
} from './fixtures';

test('a counsellor refers a question to a service of the directory and the asker reads how to reach it', async ({
	page,
	browser
}) => {
	test.slow();
	const asker = await memberInDatabase('en', ['autismus-schule']);
	const counsellor = await counsellorInDatabase('de', ['autismus-schule']);
	const title = `Who helps with care at home? (${randomUUID().slice(0, 6)})`;
	const [{ id: threadId }] = await owner<{ id: string }[]>`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html, wants_professional)
		select id, ${asker.id}, ${title}, 'My mother needs care.', '<p>My mother needs care.</p>', true
		from public.communities where slug = 'autismus-schule'
		returning id`;
	const [{ id: itemId }] = await owner<{ id: string }[]>`
		select id from public.escalations where thread_id = ${threadId}`;

	await page.setViewportSize({ width: 1280, height: 900 });
	await signIn(page, counsellor.email);
	await page.goto(`/counsellor/${itemId}`);
	await page.getByRole('button', { name: 'Übernehmen' }).click();
	const search = page.getByRole('form', {
		name: 'Stelle im Verzeichnis suchen (Postleitzahl oder Ort)'
	});
	await search.getByLabel('Stelle im Verzeichnis suchen (Postleitzahl oder Ort)').fill('04109');
	await search.getByRole('button', { name: 'Suchen' }).click();
	// Nearest first: the care service at the postcode itself.
	const services = page.getByRole('group', { name: 'Stelle aus dem Verzeichnis' });
	await expect(services.getByRole('radio').first()).toHaveAccessibleName(
		/^Pflegeberatung im Stadtteil \(.+\), 0 km$/
	);
	await expectAccessible(page);
	await services.getByRole('radio', { name: /^Pflegeberatung im Stadtteil/ }).check();
	await page.getByRole('radio', { name: 'an eine Stelle vor Ort verwiesen' }).check();
	await page.getByRole('button', { name: 'Abschließen' }).click();
	await expect(page.getByText('Erledigt: an eine Stelle vor Ort verwiesen')).toBeVisible();

	const family = await otherVisitor(browser);
	await family.setViewportSize({ width: 390, height: 844 });
	await signIn(family, asker.email);
	await family.goto(`/t/${threadId}`);
	const help = family.getByRole('region', { name: 'From the counselling service' });
	await expect(help).toContainText('A counsellor recommends a local service');
	await expect(help.getByRole('link', { name: 'Pflegeberatung im Stadtteil' })).toBeVisible();
	await expect(help).toContainText('Markt 1, 04109 Leipzig');
	await expect(help.getByRole('row', { name: /Monday/ })).toContainText('9–12 Uhr');
	await expect(help.getByRole('link', { name: '0341 1234560' })).toHaveAttribute(
		'href',
		'tel:03411234560'
	);
	await expectAccessible(family);
	await help.getByRole('link', { name: 'Pflegeberatung im Stadtteil' }).click();
	await expect(family.getByRole('heading', { level: 1 })).toHaveText('Pflegeberatung im Stadtteil');
});
