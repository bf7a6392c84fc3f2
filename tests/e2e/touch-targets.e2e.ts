// Touch targets of at least 44 × 44 px on a phone and on a desktop: the header (and the
// menu a phone opens), the thread page's buttons and disclosures, and the forms' fields
// (a checkbox's target is its label, which ticks it too).
import type { Locator, Page } from '@playwright/test';
import { expect, screens, signIn, test } from './fixtures';
import { leosThread } from './pages';

const minimum = 44;

/** Every visible target in `scope` smaller than the minimum, as "size: element". */
function smallTargets(scope: Locator, selector: string) {
	return scope.locator(selector).evaluateAll((elements, minimum) => {
		const target = (element: Element) =>
			element instanceof HTMLInputElement && ['checkbox', 'radio'].includes(element.type)
				? (element.labels?.[0] ?? element)
				: element;
		return elements.flatMap((element) => {
			if (!element.checkVisibility()) return [];
			const { width, height } = target(element).getBoundingClientRect();
			return width < minimum || height < minimum
				? [`${Math.round(width)}×${Math.round(height)}: ${element.outerHTML.slice(0, 90)}`]
				: [];
		});
	}, minimum);
}

const controls = 'a, button, summary, input:not([type="hidden"]), select, textarea';

async function headerTargets(page: Page) {
	const header = page.getByRole('banner');
	const menu = header.getByText(/^(Menü|Menu)$/);
	if (await menu.isVisible()) await menu.click();
	await expect(header.getByRole('navigation')).toBeVisible();
	return smallTargets(header, controls);
}

for (const [device, viewport] of screens) {
	test.describe(`on a ${device}`, () => {
		test.use({ viewport });

		test('the header’s links and buttons are large enough to tap', async ({ page }) => {
			await page.goto('/');
			expect(await headerTargets(page)).toEqual([]);
			await signIn(page, 'oma.ruth@ratnetz.example');
			await page.goto('/');
			expect(await headerTargets(page)).toEqual([]);
		});

		test('the thread page’s buttons and forms are large enough to tap', async ({ page }) => {
			await signIn(page, 'oma.ruth@ratnetz.example');
			await page.goto(`/t/${leosThread}`);
			const main = page.getByRole('main');
			await expect(main.getByRole('button', { name: 'Ich auch' })).toBeVisible();
			await main
				.locator('details')
				.evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
			expect(await smallTargets(main, 'button, summary, input, select, textarea')).toEqual([]);
		});

		test('the forms’ fields are large enough to tap', async ({ page }) => {
			const forms = ['/signup', '/signin', '/search'];
			for (const path of forms) {
				await page.goto(path);
				expect(
					await smallTargets(page.getByRole('main'), 'button, input, select, textarea'),
					path
				).toEqual([]);
			}
			await signIn(page, 'oma.ruth@ratnetz.example');
			for (const path of ['/c/autismus-schule/ask', '/account', '/account/notifications']) {
				await page.goto(path);
				const main = page.getByRole('main');
				await expect(main.locator('form').first()).toBeVisible();
				expect(await smallTargets(main, 'button, input, select, textarea'), path).toEqual([]);
			}
		});
	});
}
