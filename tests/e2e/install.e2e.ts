// Installable: Ratnetz's own icon, a web app manifest, and offline a page with the helplines
// that the service worker keeps as a visitor sees it (never a signed-in member's page).
import { expect, screens, signIn, test } from './fixtures';

test('the manifest names the app, its colour and icons of 192 and 512 px', async ({
	page,
	request
}) => {
	await page.goto('/');
	const manifestPath = await page.locator('link[rel="manifest"]').getAttribute('href');
	const manifest = await (await request.get(manifestPath!)).json();
	expect(manifest).toMatchObject({ name: 'Ratnetz', start_url: '/', display: 'standalone' });
	expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
	await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute(
		'content',
		manifest.theme_color
	);
	expect(manifest.icons.map((icon: { sizes: string }) => icon.sizes)).toEqual(
		expect.arrayContaining(['192x192', '512x512'])
	);
	for (const icon of manifest.icons) {
		const response = await request.get(icon.src);
		expect(response.headers()['content-type'], icon.src).toBe('image/png');
	}
	// The favicon is Ratnetz's, not the framework's (small enough to come inline).
	const href = (await page.locator('link[rel="icon"]').getAttribute('href'))!;
	const svg = href.startsWith('data:')
		? decodeURIComponent(href.slice(href.indexOf(',') + 1))
		: await (await request.get(href)).text();
	expect(svg).toContain('<title>Ratnetz</title>');
	expect(svg).not.toMatch(/svelte/i);
});

for (const [locale, words] of [
	['de-DE', { offline: 'Keine Verbindung', signIn: 'Anmelden' }],
	['en-GB', { offline: 'No connection', signIn: 'Sign in' }]
] as const) {
	for (const [device, viewport] of screens) {
		test.describe(`${locale}, ${device}`, () => {
			test.use({ locale, viewport });

			test('offline, a page that cannot load shows the helplines', async ({ page, context }) => {
				await signIn(page, 'oma.ruth@ratnetz.example');
				await page.goto('/c/autismus-schule');
				await page.evaluate(() => navigator.serviceWorker.ready);
				await expect
					.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)))
					.toBe(true);
				// Only the offline page and its stylesheets are kept.
				const kept = await page.evaluate(async () => {
					const paths = [];
					for (const name of await caches.keys()) {
						for (const request of await (await caches.open(name)).keys()) {
							paths.push(new URL(request.url).pathname);
						}
					}
					return paths;
				});
				expect(kept).toContain('/offline');
				expect(kept.some((path) => path.endsWith('.css'))).toBe(true);
				expect(
					kept.every((path) => path === '/offline' || /^\/_app\/immutable\/.+\.css$/.test(path))
				).toBe(true);

				await context.setOffline(true);
				await page.goto('/t/20000000-0000-4000-8000-000000000001');
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.offline);
				await expect(page.getByRole('link', { name: '0800 111 0 111' })).toHaveAttribute(
					'href',
					/^tel:/
				);
				// Kept as a visitor sees it: nothing of the signed-in member.
				await expect(page.locator('body')).not.toContainText('Oma.Ruth');
				await expect(
					page.getByRole('link', { name: words.signIn, includeHidden: true })
				).toBeAttached();
				// Styled from the kept stylesheet.
				const help = page.locator('.help-now');
				await expect(help).toHaveCSS('background-color', 'rgb(122, 16, 19)');
				await context.setOffline(false);
			});
		});
	}
}
