// The thread page needs no script: every action is a form, and the reader lands back where
// they acted (src/routes/t/[id]/+page.server.ts). Its one script, the live updates'
// (static/live-page.js), only adds what others write meanwhile.
import {
	expect,
	expectAccessible,
	newMemberOf,
	otherVisitor,
	signIn,
	test,
	threadWithAnswers
} from './fixtures';

test('a member votes far down a long thread and replies, with no script on the page but the live updates', async ({
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
	await expect(page.locator('script')).toHaveAttribute('src', '/live-page.js');
	const farDown = page.getByRole('listitem').filter({ hasText: 'Erfahrung 25' });
	await farDown.getByRole('button', { name: 'Hilfreich' }).click();

	// Back at the answer, on the page that now shows it (the most helpful comes first).
	await expect(page).toHaveURL(new RegExp(`\\?post=${answerIds[24]}#post-${answerIds[24]}$`));
	const voted = page.getByRole('listitem').filter({ hasText: 'Erfahrung 25' });
	await expect(voted.getByRole('button', { name: 'Hilfreich' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(voted).toContainText('1 Person fand das hilfreich');

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
	expect(scripts.filter((url) => new URL(url).pathname !== '/live-page.js')).toEqual([]);
});

test("each reader finds their own tools on a thread page: the counsellor's, the moderator's, none for a peer", async ({
	page,
	browser
}) => {
	// A family asks anonymously in a community moderator@ moderates, wanting a professional:
	// the question waits in the counsellors' queue. A member of the test's own: the demo
	// members' questions (five an hour each) are shared with the other tests.
	await newMemberOf(page, 'autismus-schule');
	await page.getByRole('link', { name: 'Frage stellen' }).click();
	const title = `Nachteilsausgleich beim Abitur? ${Date.now()}`;
	await page.getByLabel('Titel').fill(title);
	await page.getByLabel('Deine Frage ausführlich').fill('Wie beantragen wir ihn rechtzeitig?');
	await page.getByLabel('Anonym fragen').check();
	await page.getByLabel('Ich möchte, dass eine Fachkraft draufschaut').check();
	await page.getByRole('button', { name: 'Frage veröffentlichen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	const threadUrl = page.url();

	// Each signed in; their pages after signing in are made with the member as the session
	// check last found them (session.ts), the thread page's checks asked by their roles.
	const reader = async (email: string) => {
		const signedIn = await otherVisitor(browser);
		await signIn(signedIn, email);
		await signedIn.goto(threadUrl);
		await expect(signedIn.getByRole('heading', { level: 1 })).toHaveText(title);
		const question = signedIn.getByRole('article', { name: title });
		return {
			queueLink: signedIn.getByRole('link', { name: 'Diese Frage steht in der Warteschlange' }),
			reveal: question.getByText('Verfasser:in aufdecken (Schutz in Krisen)'),
			moderation: question.getByText('Moderation', { exact: true })
		};
	};
	const counsellor = await reader('beraterin@ratnetz.example');
	await expect(counsellor.queueLink).toBeVisible();
	await expect(counsellor.reveal).toBeVisible();
	await expect(counsellor.moderation).toHaveCount(0);

	const moderator = await reader('moderator@ratnetz.example');
	await expect(moderator.moderation).toBeVisible();
	await expect(moderator.reveal).toBeVisible();
	await expect(moderator.queueLink).toHaveCount(0);

	const peer = await reader('papa.tim@ratnetz.example');
	for (const tool of [peer.queueLink, peer.reveal, peer.moderation])
		await expect(tool).toHaveCount(0);
});
