// The thread page needs no script: every action is a form, and the reader lands back where
// they acted (src/routes/t/[id]/+page.server.ts).
import { expect, expectAccessible, signIn, test, threadWithAnswers } from './fixtures';

test('a member votes far down a long thread and replies, with no script on the page', async ({
	page
}) => {
	const { threadId, answerIds } = await threadWithAnswers(30, 'Erfahrung');
	const scripts: string[] = [];
	page.on('request', (request) => {
		if (request.resourceType() === 'script') scripts.push(request.url());
	});

	await signIn(page, 'papa.tim@ratnetz.example');
	scripts.length = 0;
	await page.goto(`/t/${threadId}`);
	await expect(page.locator('script')).toHaveCount(0);
	const farDown = page.getByRole('listitem').filter({ hasText: 'Erfahrung 25' });
	await farDown.getByRole('button', { name: 'Hilfreich' }).click();

	// Back at the answer, on the page that now shows it (the most helpful comes first).
	await expect(page).toHaveURL(new RegExp(`\\?post=${answerIds[24]}#post-${answerIds[24]}$`));
	const voted = page.getByRole('listitem').filter({ hasText: 'Erfahrung 25' });
	await expect(voted.getByRole('button', { name: 'Hilfreich' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(voted).toContainText('1 × hilfreich');

	// A reply link opens that answer's reply form, the only one on the page, with the focus in it.
	const replied = page.getByRole('listitem').filter({ hasText: 'Erfahrung 3' }).first();
	await expect(page.getByRole('textbox', { name: 'Deine Rückfrage oder Ergänzung' })).toHaveCount(
		0
	);
	await replied.getByRole('link', { name: 'Antworten' }).click();
	const field = page.getByRole('textbox', { name: 'Deine Rückfrage oder Ergänzung' });
	await expect(field).toBeFocused();
	await expect(page).toHaveURL(/\?reply=[0-9a-f-]{36}#reply-[0-9a-f-]{36}$/);
	// A refused reply (a crafted post past the length limit) keeps its text and the focus.
	await field.evaluate((element) => element.removeAttribute('maxlength'));
	const tooLong = 'Zu lang. '.repeat(2300);
	await field.fill(tooLong);
	await replied.getByRole('button', { name: 'Rückfrage senden' }).click();
	const refused = page.getByRole('textbox', { name: 'Deine Rückfrage oder Ergänzung' });
	await expect(refused).toBeFocused();
	await expect(refused).toHaveValue(tooLong);
	await expect(refused).toHaveAccessibleDescription(/höchstens/);
	await expectAccessible(page);

	await refused.fill('Wie lange hat das bei euch gedauert?');
	await page.getByRole('button', { name: 'Rückfrage senden' }).click();
	await expect(page.getByRole('article', { name: 'Antwort von PapaTim' })).toContainText(
		'Wie lange hat das bei euch gedauert?'
	);
	expect(scripts).toEqual([]);
});
