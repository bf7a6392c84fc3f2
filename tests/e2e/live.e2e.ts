// Live pages: what changes while a page is open appears on it without a reload (a new
// answer on a thread, a new case in the counsellors' queue, a new report in the
// moderators' queue, the unread count), on a phone and a desktop, in German and English.
// Each change is written as the database owner, as another person's request would: the
// page is told by its event stream, not by anything the test does in it. Without
// JavaScript the pages are as before and ask for no stream.
import type { Page } from '@playwright/test';
import {
	expect,
	memberInDatabase,
	owner,
	screens,
	signIn,
	test,
	threadWithAnswers
} from './fixtures';

/** Marks the loaded page; a reload would lose the mark. */
async function markLoaded(page: Page) {
	await page.evaluate(() => Object.assign(window, { loadedOnce: true }));
}
const stillLoadedOnce = (page: Page) =>
	page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce === true);

/** The page's event stream has answered: from then on it hears every change. */
async function listening(page: Page, open: () => Promise<unknown>) {
	const stream = page.waitForResponse(
		(response) => new URL(response.url()).pathname === '/live' && response.status() === 200
	);
	await open();
	await stream;
}

async function answerAsMamaLeo(threadId: string, text: string) {
	await owner`
		insert into public.posts (thread_id, author_id, body_markdown, body_html)
		select ${threadId}, id, ${text}, ${`<p>${text}</p>`} from auth.users where email = 'mama.leo@ratnetz.example'`;
}

for (const [screen, viewport] of screens) {
	const german = screen === 'phone';
	test(`a new answer appears on an open thread without a reload (${screen}, ${german ? 'German visitor' : 'English member'})`, async ({
		page
	}) => {
		await page.setViewportSize(viewport);
		if (!german) {
			test.slow();
			const reader = await memberInDatabase('en', ['autismus-schule']);
			await signIn(page, reader.email);
		}
		const { threadId } = await threadWithAnswers(1, 'Live-Antwort');
		await listening(page, () => page.goto(`/t/${threadId}`));
		await markLoaded(page);

		const text = `Uns hat der Elternabend geholfen ${Date.now()}`;
		await answerAsMamaLeo(threadId, text);
		await expect(page.getByRole('article').filter({ hasText: text })).toBeVisible();
		await expect(
			page.getByRole('heading', { name: german ? '2 Antworten' : '2 answers' })
		).toBeVisible();
		expect(await stillLoadedOnce(page)).toBe(true);
	});
}

test("a new case appears in the counsellors' queue without a reload", async ({ page }) => {
	test.slow();
	await signIn(page, 'beraterin@ratnetz.example');
	await listening(page, () => page.goto('/counsellor'));
	await markLoaded(page);

	const title = `Wir brauchen eine Fachkraft ${Date.now()}`;
	const asker = await memberInDatabase('de', ['pflege-angehoerige']);
	await owner`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html, wants_professional)
		select id, ${asker.id}, ${title}, 'Bitte um Rat.', '<p>Bitte um Rat.</p>', true
		from public.communities where slug = 'pflege-angehoerige'`;
	await expect(page.getByRole('link', { name: title })).toBeVisible();
	expect(await stillLoadedOnce(page)).toBe(true);
});

test("a new report appears in the moderators' queue without a reload, on a phone", async ({
	page
}) => {
	test.slow();
	await page.setViewportSize(screens[0][1]);
	await signIn(page, 'moderator@ratnetz.example');
	await listening(page, () => page.goto('/mod'));
	await markLoaded(page);

	const { threadId } = await threadWithAnswers(0, 'Werbung für Nachhilfe');
	const [{ title }] = await owner<{ title: string }[]>`
		select title from public.threads where id = ${threadId}`;
	await owner`
		insert into public.flags (flagger_id, thread_id, reason)
		select id, ${threadId}, 'spam' from auth.users where email = 'papa.tim@ratnetz.example'`;
	await expect(page.getByRole('link', { name: title })).toBeVisible();
	expect(await stillLoadedOnce(page)).toBe(true);
});

test('the unread count follows new notifications without a reload (English, desktop)', async ({
	page
}) => {
	const member = await memberInDatabase('en', ['autismus-schule']);
	await signIn(page, member.email);
	await listening(page, () => page.goto('/communities'));
	await markLoaded(page);
	await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();

	const { threadId } = await threadWithAnswers(0, 'Benachrichtigt');
	await owner`
		insert into public.notifications (member_id, kind, thread_id) values (${member.id}, 'answer', ${threadId})`;
	await expect(page.getByRole('link', { name: 'Notifications (1 new)' })).toBeVisible();
	expect(await stillLoadedOnce(page)).toBe(true);
});

test('without JavaScript a thread page is whole and asks for no stream', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, locale: 'de-DE' });
	const page = await context.newPage();
	const streams: string[] = [];
	page.on('request', (request) => {
		if (new URL(request.url()).pathname === '/live') streams.push(request.url());
	});
	const { threadId } = await threadWithAnswers(2, 'Ohne Skript');
	await page.goto(`/t/${threadId}`);
	await expect(page.getByRole('heading', { name: '2 Antworten' })).toBeVisible();
	await expect(page.getByRole('article').filter({ hasText: 'Ohne Skript 2' })).toBeVisible();
	expect(streams).toEqual([]);
	await context.close();
});

test('the stream refuses what a page may not ask for', async ({ request }) => {
	expect((await request.get('/live')).status()).toBe(400);
	expect((await request.get('/live?topic=everything')).status()).toBe(400);
	expect((await request.get('/live?topic=thread:not-a-uuid')).status()).toBe(400);
	// A visitor serves no queue and has no notifications: nothing to hear, and told so.
	expect((await request.get('/live?topic=queue&topic=notifications')).status()).toBe(204);
});
