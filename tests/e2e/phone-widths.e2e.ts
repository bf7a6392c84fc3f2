// Phone first: no page, for any role, is wider than a phone's screen (320, 360 and 390 px),
// with its disclosures closed and opened (the header's menu among them).
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';
import {
	adminPages,
	askerPages,
	counsellorPages,
	englishMemberPages,
	memberPages,
	moderatorPages,
	roles,
	visitorPages
} from './pages';

const widths = [320, 360, 390];

/** The page's width when wider than the viewport, and the innermost element that sticks out. */
function widest() {
	const { scrollWidth, clientWidth } = document.documentElement;
	if (scrollWidth <= clientWidth) return null;
	const out = [...document.querySelectorAll('body *')].filter(
		(element) => element.getBoundingClientRect().right > clientWidth + 0.5
	);
	const innermost = out.filter(
		(element) => !out.some((other) => element.contains(other) && other !== element)
	);
	return `${scrollWidth} px, ${innermost.map((element) => element.outerHTML.slice(0, 80)).join(' | ')}`;
}

/** Each page wider than the viewport at each width, as "path at width: scrollWidth". */
async function tooWide(page: Page, paths: string[]) {
	const found: string[] = [];
	for (const width of widths) {
		await page.setViewportSize({ width, height: 800 });
		for (const path of paths) {
			await page.goto(path);
			for (const state of ['closed', 'open']) {
				if (state === 'open') {
					await page
						.locator('details')
						.evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
				}
				const wide = await page.evaluate(widest);
				if (wide) found.push(`${path} at ${width} (${state}): ${wide}`);
			}
		}
	}
	return found;
}

// Every page three times: more than a minute on a busy machine.
test.describe.configure({ timeout: 240_000 });

test('visitors’ pages fit a phone, in German', async ({ page }) => {
	expect(await tooWide(page, visitorPages)).toEqual([]);
});

test.describe('in English', () => {
	test.use({ locale: 'en-GB' });
	test('visitors’ pages fit a phone', async ({ page }) => {
		expect(await tooWide(page, visitorPages)).toEqual([]);
	});
});

const signedIn: [string, string, () => Promise<string[]> | string[]][] = [
	['a member', roles.member, memberPages],
	['an English-speaking member', roles.englishMember, () => englishMemberPages],
	['the counsellor', roles.counsellor, counsellorPages],
	['the moderator', roles.moderator, moderatorPages],
	['the admin', roles.admin, () => adminPages],
	['the asker', roles.asker, () => askerPages]
];
for (const [who, email, pages] of signedIn) {
	test(`${who}’s pages fit a phone`, async ({ page }) => {
		const paths = await pages();
		await signIn(page, email);
		expect(await tooWide(page, paths)).toEqual([]);
	});
}
