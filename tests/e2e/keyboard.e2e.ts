// Keyboard alone: Tab, Enter and Space, with the focus visible on every stop.
import type { Locator, Page } from '@playwright/test';
import { expect, signUpAndConfirm, test } from './fixtures';

/** Where the focus is, and whether it is drawn: an outline of 2px or more, or a shadow. */
function focusSeen(page: Page) {
	return page.evaluate(() => {
		const focused = document.activeElement;
		if (!(focused instanceof HTMLElement) || focused === document.body) return null;
		const style = getComputedStyle(focused);
		const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
		return {
			element: focused.outerHTML.slice(0, 100),
			visible: outline || style.boxShadow !== 'none'
		};
	});
}

/**
 * Tabs forward until `target` has the focus; every element passed on the way must show it.
 * At most once round the page: a stop for each element that can take the focus, and the
 * step from its end back to its start.
 */
async function tabTo(page: Page, target: Locator) {
	const stops = await page.evaluate(
		() =>
			document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')
				.length
	);
	for (let stop = 0; stop < stops + 2; stop++) {
		await page.keyboard.press('Tab');
		const focus = await focusSeen(page);
		if (focus) expect(focus.visible, `visible focus on ${focus.element}`).toBe(true);
		if (await target.evaluate((element) => element === document.activeElement)) return;
	}
	throw new Error(`Tab never reached ${target}`);
}

test('a member signs in, asks and answers with the keyboard alone', async ({ page }) => {
	// Sign-up, sign-out, sign-in, join, ask and answer, a key at a time: a long journey, so
	// three times the usual budget (it took 20-30 s on a busy 2-core machine).
	test.slow();
	const member = await signUpAndConfirm(page);
	await tabTo(page, page.getByRole('button', { name: 'Abmelden' }));
	await page.keyboard.press('Enter');
	const navigation = page.getByRole('navigation', { name: 'Hauptnavigation' });
	await expect(navigation.getByRole('link', { name: 'Anmelden' })).toBeVisible();

	await page.goto('/');
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toBeFocused();
	expect((await focusSeen(page))?.visible).toBe(true);
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();

	await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Anmelden' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmelden');
	await tabTo(page, page.getByLabel('E-Mail-Adresse'));
	await page.keyboard.type(member.email);
	await tabTo(page, page.getByLabel('Passwort'));
	await page.keyboard.type(member.password);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();

	await tabTo(page, page.getByRole('link', { name: 'Pflege von Angehörigen' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pflege von Angehörigen');
	await tabTo(page, page.getByRole('button', { name: 'Beitreten' }));
	await page.keyboard.press('Space');
	await expect(page.getByRole('link', { name: 'Frage stellen' })).toBeVisible();
	await tabTo(page, page.getByRole('link', { name: 'Frage stellen' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eine Frage stellen');

	const title = `Entlastungsbetrag für die Tagespflege nutzen? ${Date.now()}`;
	await tabTo(page, page.getByLabel('Titel'));
	await page.keyboard.type(title);
	await tabTo(page, page.getByLabel('Deine Frage ausführlich'));
	await page.keyboard.type('Meine Mutter geht zweimal die Woche in die Tagespflege.');
	await tabTo(page, page.getByLabel('Ich möchte, dass eine Fachkraft draufschaut'));
	await page.keyboard.press('Space');
	await tabTo(page, page.getByRole('button', { name: 'Frage veröffentlichen' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toContainText(title);

	await tabTo(page, page.getByLabel('Antwort', { exact: true }));
	await page.keyboard.type('Nachtrag: Die Pflegekasse hat den Betrag inzwischen bewilligt.');
	await tabTo(page, page.getByRole('button', { name: 'Antwort veröffentlichen' }));
	await page.keyboard.press('Space');
	await expect(
		page.getByRole('article', { name: `Antwort von ${member.pseudonym}` })
	).toContainText('Pflegekasse hat den Betrag');
});
