// The help directory: a family (a visitor on a phone, in German) enters a postcode, finds
// the nearest service in the list and on the map (offline: the tiles are a blank tile of
// the app's own), and opens it; a counsellor of a verified organisation (in English) adds
// a service, after a refused address that keeps the form, and confirms it.
import { randomUUID } from 'node:crypto';
import { counsellorInDatabase, expect, expectAccessible, owner, signIn, test } from './fixtures';

test('a family finds the nearest service to a postcode in the list and on the map', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('/s');
	await page.getByLabel('Postleitzahl oder Ort').fill('04109');
	await page.getByLabel('Thema').selectOption({ label: 'Pflege' });
	await page.getByRole('button', { name: 'Angebote suchen' }).click();
	const list = page.getByRole('list', { name: /Angebote nahe 04109/ });
	const nearest = list.getByRole('listitem').first();
	await expect(nearest.getByRole('link', { name: 'Pflegeberatung im Stadtteil' })).toBeVisible();
	await expect(nearest).toContainText(/entfernt/);

	await page.getByRole('link', { name: 'Auf der Karte zeigen' }).click();
	const map = page.getByRole('region', { name: 'Karte der Angebote und Gemeinschaften' });
	await expect(map).toHaveAttribute('data-ready', 'true');
	await expect(map.getByText('© OpenStreetMap contributors', { exact: false })).toBeVisible();
	await expect(map.locator('path.leaflet-interactive').first()).toBeVisible();
	await expect(
		page
			.getByRole('list', { name: /Angebote nahe 04109/ })
			.getByRole('link')
			.first()
	).toHaveText('Pflegeberatung im Stadtteil');
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Pflegeberatung im Stadtteil' }).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pflegeberatung im Stadtteil');
	await expect(page.getByRole('row', { name: /Montag/ })).toContainText('9–12 Uhr');
	await expect(page.getByText(/Zuletzt bestätigt am/)).toBeVisible();
});

test('a counsellor of a verified organisation adds a service and confirms it', async ({ page }) => {
	const counsellor = await counsellorInDatabase('en', []);
	const [organisation] = await owner<{ id: string }[]>`
		insert into public.organisations (name, kind, verified_at)
		values (${`Advice ${randomUUID().slice(0, 8)}`}, 'counselling_service', now()) returning id`;
	await owner`update public.counsellor_profiles set organisation_id = ${organisation.id}
		where member_id = ${counsellor.id}`;
	await signIn(page, counsellor.email);
	await page.goto(`/o/${organisation.id}`);
	await page.getByRole('link', { name: 'Add a service' }).click();
	const name = `Carers' drop-in ${randomUUID().slice(0, 6)}`;
	await page.getByLabel('Name of the service').fill(name);
	await page.getByLabel('Care').check();
	await page.getByLabel('Street and number').fill('Markt 1');
	await page.getByLabel('Postcode').fill('00000');
	await page.getByLabel('Place', { exact: true }).fill('Leipzig');
	await page.getByLabel('Monday').fill('10 am – 1 pm');
	await page.getByLabel('Phone').fill('0341 555123');
	await page.getByRole('button', { name: 'Save the service' }).click();
	await expect(page.getByLabel('Postcode')).toHaveAccessibleDescription(
		'We do not know this postcode.'
	);
	await expect(page.getByLabel('Name of the service')).toHaveValue(name);
	await expect(page.getByLabel('Care')).toBeChecked();
	await page.getByLabel('Postcode').fill('04109');
	await page.getByRole('button', { name: 'Save the service' }).click();

	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	await expect(page.getByText('Leipzig, Stadt')).toBeVisible();
	await owner`update public.services set confirmed_at = now() - interval '7 months' where name = ${name}`;
	await page.reload();
	await expect(page.getByText(/these details have not been confirmed/)).toBeVisible();
	await page.getByRole('button', { name: 'Confirm the details' }).click();
	await expect(page.getByText('Thank you, the details are confirmed.')).toBeVisible();
	await expect(page.getByText(/these details have not been confirmed/)).toHaveCount(0);
});
