// Which language a page speaks: the member's setting, else the language switcher's
// choice, else the browser's, else German.
import type { Browser, Page } from '@playwright/test';
import { expect, holdScripts, signIn, signUpAndConfirm, test } from './fixtures';

async function visitorWith(browser: Browser, locale: string) {
	const context = await browser.newContext({
		locale,
		extraHTTPHeaders: { 'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.7` }
	});
	return context.newPage();
}

async function setLanguageCookie(page: Page, locale: string) {
	await page
		.context()
		.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: new URL(page.url()).origin }]);
}

test('a visitor reads the forum in the browser’s language, else in German', async ({ browser }) => {
	for (const [locale, lang, heading] of [
		['de-DE', 'de', 'Willkommen bei Ratnetz'],
		['en-GB', 'en', 'Welcome to Ratnetz'],
		['fr-FR', 'de', 'Willkommen bei Ratnetz']
	]) {
		const page = await visitorWith(browser, locale);
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		await page.context().close();
	}
});

test('the switcher’s choice beats the browser’s language and stays on the page', async ({
	browser
}) => {
	const page = await visitorWith(browser, 'en-GB');
	await page.goto('/communities?region=14713');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Communities');
	await page
		.getByRole('form', { name: 'Language' })
		.getByRole('button', { name: 'Deutsch' })
		.click();
	await expect(page).toHaveURL(/\/communities\?region=14713$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gemeinschaften');
	await page.goto('/help');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(page.getByRole('button', { name: 'Deutsch' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await page.context().close();
});

test('a member’s setting beats the switcher’s cookie and the browser', async ({
	page,
	browser
}) => {
	await signIn(page, 'sam@ratnetz.example');
	await setLanguageCookie(page, 'de');
	await page.goto('/communities');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Communities');

	const other = await visitorWith(browser, 'en-GB');
	await other.goto('/');
	await setLanguageCookie(other, 'de');
	await signIn(other, 'papa.tim@ratnetz.example');
	await setLanguageCookie(other, 'en');
	await other.goto('/communities');
	await expect(other.locator('html')).toHaveAttribute('lang', 'de');
	await expect(other.getByRole('heading', { level: 1 })).toHaveText('Gemeinschaften');
	await other.context().close();
});

test('the switcher saves a member’s choice as their setting, for the next sign-in too', async ({
	page,
	browser
}) => {
	const member = await signUpAndConfirm(page);
	await page
		.getByRole('form', { name: 'Sprache' })
		.getByRole('button', { name: 'English' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('My profile');

	const elsewhere = await visitorWith(browser, 'de-DE');
	await signIn(elsewhere, member.email, member.password);
	await expect(elsewhere.locator('html')).toHaveAttribute('lang', 'en');
	await expect(elsewhere.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
	await elsewhere.context().close();
});

test('a language chosen in the profile before the page came alive is the one saved', async ({
	page
}) => {
	await signUpAndConfirm(page);
	const release = await holdScripts(page);
	await page.goto('/account', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('Bevorzugte Sprache').selectOption('en');
	release();
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel('Bevorzugte Sprache')).toHaveValue('en');

	await page.getByRole('button', { name: 'Profil speichern' }).click();
	await expect(page.getByRole('status')).toHaveText('Your profile has been saved.');
});

test('a filter chosen before the page came alive stays chosen', async ({ page }) => {
	const release = await holdScripts(page);
	await page.goto('/communities', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('Region').selectOption({ label: 'Leipzig, Stadt' });
	await page.getByLabel('Stichwort').fill('Kita');
	release();
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel('Region')).toHaveValue('14713');
	await expect(page.getByLabel('Stichwort')).toHaveValue('Kita');
});

test('a member’s language leaves no cookie behind: after signing out the browser’s applies again', async ({
	browser
}) => {
	const page = await visitorWith(browser, 'de-DE');
	await signIn(page, 'sam@ratnetz.example');
	// Pages the browser renders itself follow the member's language too.
	await page.getByRole('link', { name: 'Communities', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Communities');
	const cookies = await page.context().cookies();
	expect(cookies.map((cookie) => cookie.name)).not.toContain('PARAGLIDE_LOCALE');

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(
		page
			.getByRole('navigation', { name: 'Hauptnavigation' })
			.getByRole('link', { name: 'Anmelden' })
	).toBeVisible();
	await page.context().close();
});
