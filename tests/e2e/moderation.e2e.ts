import { expect, expectAccessible, otherVisitor, signIn, newMemberOf, test } from './fixtures';

// A seeded question in "Autismus & Schule", moderated by Jonas_Moderation.
const threadUrl = '/t/20000000-0000-4000-8000-000000000002';

test('journey 5: members report a rude post, the moderator removes it with a reason, then suspends the repeat offender', async ({
	page,
	browser
}) => {
	// Five people at five computers: longer than one visitor's journey.
	test.slow();
	// A member writes a rude answer. Texts carry a stamp: earlier runs leave theirs in the queue and log.
	const stamp = Date.now();
	const removalReason = `Beleidigung anderer Eltern ${stamp}`;
	const offender = await newMemberOf(page, 'autismus-schule');
	await page.goto(threadUrl);
	const rude = `Was für eine dumme Frage, ihr habt keine Ahnung ${Date.now()}`;
	await page.getByLabel('Antwort', { exact: true }).fill(rude);
	await page.getByRole('button', { name: 'Antwort veröffentlichen' }).click();
	const rudeAnswer = page.getByRole('article', { name: `Antwort von ${offender.pseudonym}` });
	await expect(rudeAnswer).toContainText(rude);

	// Two members report it.
	for (const [email, reason] of [
		['papa.tim@ratnetz.example', 'Beleidigend oder verletzend'],
		['oma.ruth@ratnetz.example', 'Passt nicht zum Thema']
	]) {
		const reporter = await otherVisitor(browser);
		await signIn(reporter, email);
		await reporter.goto(threadUrl);
		const post = reporter.getByRole('article', { name: `Antwort von ${offender.pseudonym}` });
		await post.getByRole('link', { name: 'Melden' }).click();
		await expect(reporter.getByRole('heading', { level: 1 })).toHaveText('Melden');
		await reporter.getByLabel(reason).check();
		await reporter.getByLabel('Anmerkung (optional)').fill('Bitte prüfen.');
		await reporter.getByRole('button', { name: 'Meldung senden' }).click();
		await expect(
			reporter.getByRole('status').filter({ hasText: 'Die Moderation schaut sich das an' })
		).toBeVisible();
		await reporter.context().close();
	}

	// The moderator sees it in the queue with both reports and removes it with a reason.
	const moderator = await otherVisitor(browser);
	await signIn(moderator, 'moderator@ratnetz.example');
	await moderator.getByRole('link', { name: 'Moderation', exact: true }).click();
	await expectAccessible(moderator);
	const item = moderator.getByRole('listitem').filter({ hasText: rude });
	await expect(item).toContainText('Beleidigend oder verletzend × 1');
	await expect(item).toContainText('Passt nicht zum Thema × 1');
	await item.getByRole('link').click();
	await expect(moderator.getByRole('heading', { name: 'Meldungen' })).toBeVisible();
	await expect(moderator.getByText('Bitte prüfen.')).toHaveCount(2);
	await expectAccessible(moderator);
	const removal = moderator.getByRole('form', { name: 'Entfernen' });
	await removal.getByLabel('Grund').fill(removalReason);
	await removal.getByRole('button', { name: 'Entfernen' }).click();
	await expect(moderator.getByRole('status')).toHaveText('Erledigt.');
	await expect(moderator.getByText('Erledigt: entfernt')).toBeVisible();

	// Readers no longer see it; the author is told why.
	const reader = await otherVisitor(browser);
	await reader.goto(threadUrl);
	await expect(reader.getByText(rude)).toHaveCount(0);
	await page.getByRole('link', { name: /Benachrichtigungen/ }).click();
	await expect(page.getByText('wurde von der Moderation entfernt')).toBeVisible();
	await expect(page.getByText(`Grund: ${removalReason}`)).toBeVisible();

	// The mod log shows the action to the community's members.
	await page.goto('/c/autismus-schule/log');
	const logged = page.getByRole('row').filter({ hasText: removalReason });
	await expect(logged).toContainText('Entfernt');
	await expectAccessible(page);

	// Again: this time the moderator suspends the author for seven days.
	await page.goto(threadUrl);
	const again = `Immer noch eine dumme Frage ${Date.now()}`;
	await page.getByLabel('Antwort', { exact: true }).fill(again);
	await page.getByRole('button', { name: 'Antwort veröffentlichen' }).click();
	const reporter = await otherVisitor(browser);
	await signIn(reporter, 'papa.tim@ratnetz.example');
	await reporter.goto(threadUrl);
	const second = reporter
		.getByRole('article', { name: `Antwort von ${offender.pseudonym}` })
		.filter({ hasText: again });
	await second.getByRole('link', { name: 'Melden' }).click();
	await reporter.getByLabel('Beleidigend oder verletzend').check();
	await reporter.getByRole('button', { name: 'Meldung senden' }).click();
	await expect(
		reporter.getByRole('status').filter({ hasText: 'Die Moderation schaut sich das an' })
	).toBeVisible();

	await moderator.goto('/mod');
	await moderator.getByRole('listitem').filter({ hasText: again }).getByRole('link').click();
	await expect(moderator.getByText(`Entfernt: ${removalReason}`)).toBeVisible();
	await moderator.getByText('Für diese Gemeinschaft sperren').click();
	const suspension = moderator.getByRole('form', { name: 'Sperren' });
	await expect(suspension.getByLabel('7 Tage')).toBeChecked();
	await suspension.getByLabel('Grund').fill('Wiederholte Beleidigungen');
	await suspension.getByRole('button', { name: 'Sperren' }).click();
	await expect(moderator.getByText(/Derzeit gesperrt bis/)).toBeVisible();

	// Meanwhile the author cannot post there, and is told until when and why.
	await page.goto(threadUrl);
	await expect(page.getByRole('alert')).toContainText('Du bist in dieser Gemeinschaft bis');
	await expect(page.getByRole('alert')).toContainText('Wiederholte Beleidigungen');
	await expect(page.getByLabel('Antwort', { exact: true })).toHaveCount(0);
	await expect(page.getByText('Du bist in dieser Gemeinschaft derzeit gesperrt.')).toBeVisible();
	await expectAccessible(page);
});
