// Every page, as each kind of visitor sees it, passes axe-core's WCAG 2.1 AA rules
// (closed disclosures opened, so the forms inside are checked too) and has a title,
// the skip link and the language switcher.
import type { Page } from '@playwright/test';
import { expect, expectAccessible, signIn, test } from './fixtures';
import {
	adminPages,
	anonymousThread,
	askerPages,
	counsellorPages,
	englishMemberPages,
	forbiddenToMembers,
	forbiddenToModerators,
	memberPages,
	missingPages,
	moderatorPages,
	roles,
	visitorPages
} from './pages';

const words = {
	de: { skip: 'Zum Inhalt springen', language: 'Sprache' },
	en: { skip: 'Skip to content', language: 'Language' }
};
type Locale = keyof typeof words;

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
	const pages = await memberPages();
	await signIn(page, roles.member);
	await checkPages(page, 'de', pages);
	await checkPages(page, 'de', forbiddenToMembers, 403);
});

test('member pages, in English (the member’s setting)', async ({ page }) => {
	await signIn(page, roles.englishMember);
	await checkPages(page, 'en', englishMemberPages);
});

test('counsellor pages', async ({ page }) => {
	const pages = await counsellorPages();
	await signIn(page, roles.counsellor);
	await checkPages(page, 'de', pages);
});

// The asker sees the professional side of the question: PapaTim asked for a professional.
test('the asker’s thread page, waiting for a professional', async ({ page }) => {
	await signIn(page, roles.asker);
	await checkPages(page, 'de', askerPages);
	await page.goto(`/t/${anonymousThread}`);
	await expect(page.getByRole('region', { name: 'Wartet auf eine Fachkraft' })).toBeVisible();
});

test('admin pages', async ({ page }) => {
	await signIn(page, roles.admin);
	await checkPages(page, 'de', adminPages);
});

test('moderator pages', async ({ page }) => {
	const pages = await moderatorPages();
	await signIn(page, roles.moderator);
	await checkPages(page, 'de', pages);
	await checkPages(page, 'de', forbiddenToModerators, 403);
});
