// A moderator edits the community's description and rules: a refused text keeps what was
// typed, a saved one shows on the community page, and each change is in the mod log. On a
// phone and on a desktop, in both languages.
import { randomUUID } from 'node:crypto';
import {
	expect,
	expectAccessible,
	holdScripts,
	memberInDatabase,
	owner,
	screens,
	signIn,
	test
} from './fixtures';

const words = {
	de: {
		settings: 'Einstellungen',
		description: 'Beschreibung',
		rules: 'Regeln',
		save: 'Beschreibung und Regeln speichern',
		tooShort: 'Die Beschreibung muss 10 bis 1.000 Zeichen lang sein.',
		saved: 'Gespeichert.',
		communityRules: 'Regeln dieser Gemeinschaft',
		log: 'Moderationsprotokoll',
		descriptionChanged: 'Beschreibung geändert',
		rulesChanged: 'Regeln geändert',
		newDescription: 'Eltern tauschen sich über den Schulweg ihrer Kinder aus.',
		newRules: 'Freundlich bleiben. Keine Namen von Kindern.'
	},
	en: {
		settings: 'Settings',
		description: 'Description',
		rules: 'Rules',
		save: 'Save description and rules',
		tooShort: 'The description must be 10 to 1,000 characters long.',
		saved: 'Saved.',
		communityRules: 'Rules of this community',
		log: 'Mod log',
		descriptionChanged: 'Description changed',
		rulesChanged: 'Rules changed',
		newDescription: 'Parents talk about their children’s way to school.',
		newRules: 'Be kind. No children’s names.'
	}
};

/** A fresh community moderated by a new member who speaks `language`. */
async function moderatedCommunity(language: 'de' | 'en') {
	const slug = `schulweg-${randomUUID().slice(0, 8)}`;
	await owner`insert into public.communities (slug, name, topic, description, rules)
		values (${slug}, ${`Schulweg ${slug.slice(-8)}`}, 'Schule', 'Eine Gemeinschaft zum Schulweg.', 'Alte Regeln.')`;
	const moderator = await memberInDatabase(language, [slug]);
	await owner`insert into public.community_moderators (community_id, member_id, is_owner)
		select id, ${moderator.id}, true from public.communities where slug = ${slug}`;
	return { slug, moderator };
}

test.describe.configure({ timeout: 90_000 });

for (const [device, viewport] of screens) {
	for (const language of ['de', 'en'] as const) {
		test.describe(`on a ${device}, in ${language}`, () => {
			test.use({ viewport });
			const said = words[language];

			test('a moderator edits the description and rules, and the mod log says so', async ({
				page
			}) => {
				const { slug, moderator } = await moderatedCommunity(language);
				await signIn(page, moderator.email);
				await page.goto(`/c/${slug}`);
				await page
					.getByRole('main')
					.getByRole('link', { name: said.settings, exact: true })
					.click();

				// Too short: refused with its reason, both texts kept.
				await page.getByLabel(said.description, { exact: true }).fill('Kurz');
				await page.getByLabel(said.rules, { exact: true }).fill(said.newRules);
				await page.getByRole('button', { name: said.save }).click();
				await expect(
					page.getByLabel(said.description, { exact: true })
				).toHaveAccessibleDescription(said.tooShort);
				await expect(page.getByLabel(said.description, { exact: true })).toHaveAttribute(
					'aria-invalid',
					'true'
				);
				await expect(page.getByLabel(said.description, { exact: true })).toHaveValue('Kurz');
				await expect(page.getByLabel(said.rules, { exact: true })).toHaveValue(said.newRules);
				await expectAccessible(page);

				await page.getByLabel(said.description, { exact: true }).fill(said.newDescription);
				await page.getByRole('button', { name: said.save }).click();
				await expect(page.getByRole('status')).toHaveText(said.saved);
				await expect(page.getByLabel(said.description, { exact: true })).toHaveValue(
					said.newDescription
				);
				await expect(page.getByLabel(said.rules, { exact: true })).toHaveValue(said.newRules);
				await expectAccessible(page);

				await page.goto(`/c/${slug}`);
				await expect(page.getByText(said.newDescription)).toBeVisible();
				await page.getByText(said.communityRules).click();
				await expect(page.getByText(said.newRules)).toBeVisible();

				await page.goto(`/c/${slug}/log`);
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(said.log);
				const log = page.getByRole('table');
				await expect(log.getByRole('row').filter({ hasText: said.descriptionChanged })).toHaveCount(
					1
				);
				await expect(log.getByRole('row').filter({ hasText: said.rulesChanged })).toHaveCount(1);
				await expectAccessible(page);
			});
		});
	}
}

test('old rules chosen before the page came alive give way to what is typed after it', async ({
	page
}) => {
	const { slug, moderator } = await moderatedCommunity('de');
	await signIn(page, moderator.email);
	const release = await holdScripts(page);
	await page.goto(`/c/${slug}/settings`, { waitUntil: 'domcontentloaded' });
	const rules = page.getByLabel('Regeln', { exact: true });
	await rules.focus();
	await page.keyboard.press('ControlOrMeta+a');
	// The page has come alive when it opens its event stream (after every field is set up).
	const alive = page.waitForResponse((response) => new URL(response.url()).pathname === '/live');
	release();
	await alive;
	await page.keyboard.type('Freundlich bleiben.');
	await expect(rules).toHaveValue('Freundlich bleiben.');
});
