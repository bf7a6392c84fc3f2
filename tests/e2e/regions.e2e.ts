// Regions: a member sets theirs by postcode (a wrong or unknown one is refused with the
// input kept), the directory filtered by a Land shows its local communities, and a local
// community links the supra-local one on its topic and back, "near you" for the member.
// German on a phone, English on a desktop. (Rules and privacy: tests/integration/regions.spec.ts,
// tests/integration/rls/regions.spec.ts.)
import { expect, expectAccessible, memberInDatabase, screens, signIn, test } from './fixtures';

const words = {
	de: {
		postcode: 'Postleitzahl',
		save: 'Region speichern',
		format: 'Bitte gib eine Postleitzahl mit 5 Ziffern ein.',
		unknown:
			'Die Postleitzahl 00000 kennen wir nicht. Bitte prüfe sie oder wähle deinen Landkreis aus der Liste.',
		saved: 'Deine Region ist gespeichert: Leipzig, Stadt.',
		current: 'Deine Region: Leipzig, Stadt Nur du siehst sie.',
		land: 'Sachsen (ganzes Land)',
		filter: 'Filtern',
		supra: 'Überregionale Gemeinschaften zum Thema Familie',
		local: 'Gemeinschaften vor Ort zum Thema Familie',
		near: 'in deiner Nähe'
	},
	en: {
		postcode: 'Postcode',
		save: 'Save region',
		format: 'Please enter a postcode of 5 digits.',
		unknown:
			'We do not know the postcode 00000. Please check it or choose your district from the list.',
		saved: 'Your region is saved: Leipzig, Stadt.',
		current: 'Your region: Leipzig, Stadt Only you see it.',
		land: 'Sachsen (whole state)',
		filter: 'Filter',
		supra: 'Communities on Familie for all regions',
		local: 'Local communities on Familie',
		near: 'near you'
	}
};

for (const [locale, w] of Object.entries(words) as ['de' | 'en', (typeof words)['de']][]) {
	test(`a member finds local and supra-local communities by region (${locale})`, async ({
		page
	}) => {
		if (locale === 'de') await page.setViewportSize(screens[0][1]);
		const member = await memberInDatabase(locale, []);
		await signIn(page, member.email);

		await page.goto('/account/region');
		const postcode = page.getByLabel(w.postcode);
		for (const [typed, error] of [
			['0410', w.format],
			['00000', w.unknown]
		]) {
			await postcode.fill(typed);
			await page.getByRole('button', { name: w.save }).click();
			// Said at the field (its description) with what was typed kept.
			await expect(page.getByLabel(w.postcode)).toHaveAccessibleDescription(
				new RegExp(`${error.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
			);
			await expect(page.getByLabel(w.postcode)).toHaveValue(typed);
		}
		await page.getByLabel(w.postcode).fill('04109');
		await page.getByRole('button', { name: w.save }).click();
		await expect(page.getByRole('status').filter({ hasText: w.saved })).toBeVisible();
		await expect(page.getByText(w.current)).toBeVisible();
		await expectAccessible(page);

		await page.goto('/communities');
		await page.getByLabel('Region').selectOption({ label: w.land });
		await page.getByRole('button', { name: w.filter, exact: true }).click();
		await expect(page).toHaveURL(/region=14(&|$)/);
		const results = page.getByRole('main');
		await expect(results.getByRole('link', { name: 'Familien in Leipzig' })).toBeVisible();
		await expect(results.getByRole('link', { name: 'Autismus & Schule' })).toHaveCount(0);

		await results.getByRole('link', { name: 'Familien in Leipzig' }).click();
		const supra = page.getByRole('region', { name: w.supra });
		await supra.getByRole('link', { name: 'Trennung & Familie' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Trennung & Familie' })).toBeVisible();
		const local = page.getByRole('region', { name: w.local });
		await expect(
			local.getByRole('listitem').filter({ hasText: 'Familien in Leipzig' })
		).toContainText(w.near);
		await expectAccessible(page);
		await local.getByRole('link', { name: 'Familien in Leipzig' }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Familien in Leipzig' })
		).toBeVisible();
	});
}
