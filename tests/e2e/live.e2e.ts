// Live pages: what changes while a page is open appears on it without a reload (a new
// answer on a thread, a new case in the counsellors' queue, a new report in the
// moderators' queue, the unread count), on a phone and a desktop, in German and English.
// Each change is written as the database owner, as another person's request would: the
// page is told by its event stream, not by anything the test does in it. Without
// JavaScript the pages are as before and ask for no stream.
import type { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
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

/** A question in the community that asked for a professional, waiting with the given priority. */
async function caseWaiting(communityId: string, title: string, priority: 'urgent' | 'normal') {
	await owner`
		with asked as (
			insert into public.threads (community_id, author_id, title, body_markdown, body_html)
			select ${communityId}, id, ${title}, 'Bitte um Rat.', '<p>Bitte um Rat.</p>'
			from auth.users where email = 'mama.leo@ratnetz.example'
			returning id
		)
		insert into public.escalations (thread_id, community_id, priority, due_at)
		select id, ${communityId}, ${priority}, now() + interval '1 hour' from asked`;
}

test("the counsellors' queue stays live with no script but its own: new cases in their place, the count, claimed ones gone", async ({
	page
}) => {
	test.slow();
	// A community of the test's own: no other test's cases change what its queue shows.
	const slug = `live-queue-${randomUUID().slice(0, 8)}`;
	const [{ id: communityId }] = await owner<{ id: string }[]>`
		insert into public.communities (slug, name, topic) values (${slug}, ${`Live ${slug}`}, 'Test')
		returning id`;
	const scripts: string[] = [];
	page.on('request', (request) => {
		if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
	});
	await signIn(page, 'beraterin@ratnetz.example');
	scripts.length = 0;
	await listening(page, () => page.goto(`/counsellor?community=${communityId}&state=open`));
	await markLoaded(page);
	await expect(page.getByText('Gerade wartet niemand auf euch.')).toBeVisible();

	const asked = `Wir brauchen eine Fachkraft ${Date.now()}`;
	await caseWaiting(communityId, asked, 'normal');
	await expect(page.getByRole('list', { name: '1 Fall' }).getByRole('listitem')).toHaveText([
		new RegExp(asked)
	]);
	await expect(page.getByText('Gerade wartet niemand auf euch.')).toBeHidden();

	// An urgent case comes in above it; the link the counsellor is on keeps the focus, and
	// a filter chosen but not yet applied stays chosen.
	await page.getByRole('link', { name: asked }).focus();
	await page.getByLabel('Dringlichkeit').selectOption('urgent');
	const urgent = `Es geht nicht mehr weiter ${Date.now()}`;
	await caseWaiting(communityId, urgent, 'urgent');
	await expect(page.getByRole('list', { name: '2 Fälle' }).getByRole('listitem')).toHaveText([
		new RegExp(urgent),
		new RegExp(asked)
	]);
	await expect(page.getByRole('heading', { name: '2 Fälle' })).toHaveAttribute(
		'aria-live',
		'polite'
	);
	await expect(page.getByRole('link', { name: asked })).toBeFocused();
	await expect(page.getByLabel('Dringlichkeit')).toHaveValue('urgent');

	// Claimed by a counsellor, the urgent case is no longer open: it goes from this view.
	await owner`
		update public.escalations set state = 'claimed', claimed_at = now(),
			claimed_by = (select id from auth.users where email = 'beraterin@ratnetz.example')
		where thread_id = (select id from public.threads where title = ${urgent})`;
	await expect(page.getByRole('list', { name: '1 Fall' }).getByRole('listitem')).toHaveText([
		new RegExp(asked)
	]);
	expect(await stillLoadedOnce(page)).toBe(true);
	expect(scripts).toEqual(['/live-page.js']);
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

test('without JavaScript a thread page and the queue are whole and ask for no stream', async ({
	browser
}) => {
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

	await signIn(page, 'beraterin@ratnetz.example');
	await page.goto('/counsellor');
	await page.getByLabel('Dringlichkeit').selectOption('urgent');
	await page.getByRole('button', { name: 'Filtern' }).click();
	await expect(page).toHaveURL(/priority=urgent/);
	await expect(page.getByLabel('Dringlichkeit')).toHaveValue('urgent');
	await expect(
		page.getByRole('table', { name: 'Wer hat wie viele Fälle übernommen' })
	).toBeVisible();
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
