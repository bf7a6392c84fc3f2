// Every page, as each kind of visitor sees it, passes axe-core's WCAG 2.1 AA rules
// (closed disclosures opened, so the forms inside are checked too) and has a title,
// the skip link and the language switcher.
import type { Page } from '@playwright/test';
import { expect, expectAccessible, otherVisitor, owner, signIn, test } from './fixtures';

const words = {
	de: { skip: 'Zum Inhalt springen', language: 'Sprache' },
	en: { skip: 'Skip to content', language: 'Language' }
};
type Locale = keyof typeof words;

const leosThread = '20000000-0000-4000-8000-000000000001';
const anonymousThread = '20000000-0000-4000-8000-000000000002';
const samsThread = '20000000-0000-4000-8000-000000000004';
const missingThread = '20000000-0000-4000-8000-0000000000ff';

/** A round over many pages in one session: each page has a budget of its own. */
const budgetPerPage = 15_000;

async function checkPages(page: Page, locale: Locale, paths: string[], status = 200) {
	test.setTimeout(test.info().timeout + paths.length * budgetPerPage);
	for (const path of paths) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(status);
		await expect(page.locator('html'), path).toHaveAttribute('lang', locale);
		await expect(page, path).toHaveTitle(/\S · Ratnetz$|^Ratnetz · \S/);
		await expect(page.getByRole('link', { name: words[locale].skip })).toHaveAttribute(
			'href',
			'#main'
		);
		await expect(page.getByRole('form', { name: words[locale].language })).toBeVisible();
		await page
			.locator('details')
			.evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
		await test.step(path, () => expectAccessible(page));
	}
}

const visitorPages = [
	'/',
	'/communities',
	'/communities?region=Leipzig',
	'/c/autismus-schule',
	'/c/autismus-schule?tab=solved',
	'/c/autismus-schule/log',
	`/t/${leosThread}`,
	`/t/${anonymousThread}`,
	'/search',
	'/search?q=Widerspruch',
	'/search?q=x',
	'/help',
	'/privacy',
	'/signin',
	'/signup',
	'/password/forgot',
	'/auth/confirm?token_hash=abgelaufen&type=email',
	`/unsubscribe/${'0'.repeat(64)}`
];
const missingPages = ['/gibt-es-nicht', `/t/${missingThread}`, '/c/gibt-es-nicht'];

// The stylesheet has one colour scheme; a dark preference must not break its contrast.
for (const [locale, browser, colorScheme] of [
	['de', 'de-DE', 'light'],
	['en', 'en-GB', 'dark']
] as const) {
	test.describe(`in ${browser}, ${colorScheme}`, () => {
		test.use({ locale: browser, colorScheme });

		for (const path of visitorPages) {
			test(`visitor page ${path}`, async ({ page }) => {
				await checkPages(page, locale, [path]);
			});
		}

		test('pages that are not there', async ({ page }) => {
			await checkPages(page, locale, missingPages, 404);
		});
	});
}

test('member pages, in German', async ({ page }) => {
	const [answer] = await owner<{ id: string; threadId: string }[]>`
		select p.id, p.thread_id as "threadId" from public.posts p join public.members m on m.id = p.author_id
		where m.pseudonym = 'Mama_von_Leo' and p.withdrawn_at is null limit 1`;
	await signIn(page, 'mama.leo@ratnetz.example');
	await checkPages(page, 'de', [
		'/account',
		'/account/password',
		'/account/delete',
		'/notifications',
		'/account/notifications',
		'/communities/propose',
		'/account/flags',
		'/mod',
		'/c/autismus-schule/log',
		'/c/autismus-schule',
		'/c/autismus-schule/ask',
		`/t/${leosThread}`,
		`/t/${leosThread}/edit`,
		`/t/${anonymousThread}/report`,
		`/t/${answer.threadId}/report?post=${answer.id}`,
		`/posts/${answer.id}/edit`,
		'/password/reset'
	]);
	await checkPages(page, 'de', ['/admin', '/counsellor'], 403);
});

test('member pages, in English (the member’s setting)', async ({ page }) => {
	await signIn(page, 'sam@ratnetz.example');
	await checkPages(page, 'en', [
		'/account',
		'/notifications',
		'/account/notifications',
		'/c/carers-english',
		'/c/carers-english/ask',
		`/t/${samsThread}`,
		`/t/${samsThread}/edit`
	]);
});

/** The counsellor's items to open: the oldest active ones, a resolved one. */
const counsellorItems = async () => {
	const items = await owner<{ id: string }[]>`
		select id from public.escalations order by state = 'resolved', opened_at limit 3`;
	expect(items.length).toBeGreaterThan(0);
	return items.map((item) => `/counsellor/${item.id}`);
};

test('counsellor pages', async ({ page }) => {
	const items = await counsellorItems();
	await signIn(page, 'beraterin@ratnetz.example');
	await checkPages(page, 'de', [
		'/counsellor',
		'/counsellor?mine=1',
		'/account/notifications',
		'/notifications',
		'/counsellor?state=resolved',
		'/counsellor?priority=urgent&state=active',
		...items,
		`/t/${anonymousThread}`
	]);
});

// The asker sees the professional side of the question: PapaTim asked for a professional.
test('the asker’s thread page, waiting for a professional', async ({ page }) => {
	await signIn(page, 'papa.tim@ratnetz.example');
	await checkPages(page, 'de', [`/t/${anonymousThread}`]);
	await expect(page.getByRole('region', { name: 'Wartet auf eine Fachkraft' })).toBeVisible();
});

// The content of the safeguarding pages fits a phone: nothing in <main> reaches past
// 390 px, disclosures open; wide tables scroll within their own region. (The site's
// header is the phone-first work's.)
test('the safeguarding pages fit a phone', async ({ page, browser }) => {
	const tooWide = async (on: Page, paths: string[]) => {
		await on.setViewportSize({ width: 390, height: 800 });
		const found: string[] = [];
		for (const path of paths) {
			await on.goto(path);
			await on
				.locator('details')
				.evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
			const out = await on.evaluate(() =>
				[...document.querySelectorAll('main *')]
					.filter((element) => !element.parentElement?.closest('.table-scroll'))
					.filter((element) => element.getBoundingClientRect().right > innerWidth + 0.5)
					.map((element) => element.outerHTML.slice(0, 60))
			);
			if (out.length) found.push(`${path}: ${out.join(' | ')}`);
		}
		return found;
	};
	const items = await counsellorItems();
	await signIn(page, 'admin@ratnetz.example');
	expect(
		await tooWide(page, [
			'/admin/safeguarding',
			'/admin/audit',
			'/admin/figures',
			'/admin/counsellors',
			'/account/notifications',
			'/help'
		])
	).toEqual([]);
	const counsellor = await otherVisitor(browser);
	await signIn(counsellor, 'beraterin@ratnetz.example');
	expect(await tooWide(counsellor, ['/counsellor', '/counsellor?mine=1', ...items])).toEqual([]);
	const asker = await otherVisitor(browser);
	await signIn(asker, 'papa.tim@ratnetz.example');
	expect(await tooWide(asker, [`/t/${anonymousThread}`, '/notifications'])).toEqual([]);
});

test('admin pages', async ({ page }) => {
	await signIn(page, 'admin@ratnetz.example');
	await checkPages(page, 'de', [
		'/admin',
		'/admin/members',
		'/admin/members?q=Mama',
		'/admin/counsellors',
		'/admin/proposals',
		'/admin/safeguarding',
		'/admin/audit',
		'/admin/figures',
		'/admin/figures?from=2026-01&to=2026-12',
		'/account/notifications',
		'/communities/new',
		'/c/autismus-schule',
		'/c/autismus-schule/settings',
		'/c/autismus-schule/moderation'
	]);
});

test('moderator pages', async ({ page }) => {
	// A report by another member, so the queue has an item to open.
	await owner`
		insert into public.flags (flagger_id, thread_id, reason, note)
		select id, ${anonymousThread}, 'off_topic', 'Passt nicht hierher.' from public.members
		where pseudonym = 'Oma.Ruth'
		on conflict do nothing`;
	const items = await owner<{ id: string }[]>`
		select i.id from public.moderation_items i join public.communities c on c.id = i.community_id
		where c.slug in ('autismus-schule', 'trennung-familie') order by i.state, i.opened_at limit 2`;
	expect(items.length).toBeGreaterThan(0);
	await signIn(page, 'moderator@ratnetz.example');
	await checkPages(page, 'de', [
		'/c/trennung-familie',
		'/c/trennung-familie/settings',
		`/t/${anonymousThread}`,
		'/mod',
		'/mod?state=resolved',
		'/mod?community=autismus-schule',
		...items.map((item) => `/mod/${item.id}`),
		'/c/autismus-schule/log',
		'/c/autismus-schule/moderation',
		'/c/trennung-familie/moderation'
	]);
	await checkPages(page, 'de', ['/c/pflege-angehoerige/settings'], 403);
});
