// Reports on guides: a member reports a guide (no crisis report among the reasons), the
// community's moderator finds it in the queue and removes it with a reason; readers no longer
// find it, its writer reads why. In German on a phone, as the moderation journey for posts.
import {
	expect,
	expectAccessible,
	memberInDatabase,
	otherVisitor,
	screens,
	signIn,
	test
} from './fixtures';
import { leosThread } from './pages';

test('a member reports a guide, the moderator removes it with a reason, its writer is told (German, phone)', async ({
	page,
	browser
}) => {
	test.slow();
	await page.setViewportSize(screens[0][1]);
	const stamp = Date.now();
	const title = `Schulbegleitung beantragen mit Gutschein ${stamp}`;
	const reason = `Werbung für einen Anbieter ${stamp}`;
	const writer = await memberInDatabase('de', ['autismus-schule']);
	await signIn(page, writer.email);
	await page.goto(`/t/${leosThread}/guide`);
	await page.getByLabel('Titel').fill(title);
	await page
		.getByLabel('Text des Ratgebers')
		.fill('Bucht einfach unseren Dienst, Rabattcode RAT10.');
	await page.getByRole('button', { name: 'Ratgeber veröffentlichen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	const guideUrl = new URL(page.url()).pathname;

	// A member reports it: a guide offers no crisis report.
	const reporter = await otherVisitor(browser);
	await reporter.setViewportSize(screens[0][1]);
	await signIn(reporter, 'papa.tim@ratnetz.example');
	await reporter.goto(guideUrl);
	await reporter.getByRole('link', { name: 'Ratgeber melden' }).click();
	await expect(reporter.getByRole('heading', { level: 1 })).toHaveText('Ratgeber melden');
	await expect(reporter.getByLabel('Jemand ist in Gefahr')).toHaveCount(0);
	await reporter.getByLabel('Werbung oder Spam').check();
	await reporter.getByLabel('Anmerkung (optional)').fill('Reine Werbung.');
	await reporter.getByRole('button', { name: 'Meldung senden' }).click();
	await expect(
		reporter.getByRole('status').filter({ hasText: 'Die Moderation schaut sich das an' })
	).toBeVisible();
	await expectAccessible(reporter);
	await reporter.context().close();

	// The moderator finds it in the queue and removes it with a reason.
	const moderator = await otherVisitor(browser);
	await moderator.setViewportSize(screens[0][1]);
	await signIn(moderator, 'moderator@ratnetz.example');
	await moderator.goto('/mod');
	const item = moderator.getByRole('listitem').filter({ hasText: title });
	await expect(item).toContainText('Werbung oder Spam × 1');
	await item.getByRole('link', { name: `Ratgeber: ${title}` }).click();
	await expect(moderator.getByText('Reine Werbung.')).toBeVisible();
	await expectAccessible(moderator);
	const removal = moderator.getByRole('form', { name: 'Ratgeber entfernen' });
	await removal.getByLabel('Grund').fill(reason);
	await removal.getByRole('button', { name: 'Ratgeber entfernen' }).click();
	await expect(moderator.getByRole('status')).toHaveText('Erledigt.');
	await moderator.context().close();

	// Readers no longer find it, on its page or the question's.
	const reader = await otherVisitor(browser);
	expect((await reader.goto(guideUrl))?.status()).toBe(404);
	await reader.goto(`/t/${leosThread}`);
	await expect(reader.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(reader.getByRole('link', { name: title })).toHaveCount(0);
	await reader.context().close();

	// Its writer reads why, on the guide's page and in the notifications.
	await page.goto(guideUrl);
	await expect(page.getByText(`Von der Moderation entfernt. Grund: ${reason}`)).toBeVisible();
	await page.goto('/notifications');
	await expect(
		page.getByRole('link', { name: `Dein Ratgeber „${title}“ wurde von der Moderation entfernt` })
	).toBeVisible();
});
