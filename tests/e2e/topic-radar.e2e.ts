// The topic radar: a visitor finds it from any page's footer, chooses a community, reads its
// months as charts drawn on the server and as tables, and downloads the open data, whose CSV
// matches its Frictionless Data package and never holds a count of 1 to 9. German on a
// phone, English on a desktop. (The suppression itself is proven in topic-radar.spec.ts.)
import { readFile } from 'node:fs/promises';
import { expect, expectAccessible, owner, screens, test } from './fixtures';

const words = {
	'de-DE': {
		link: 'Themenradar: offene Zahlen',
		title: 'Themenradar',
		community: 'Gemeinschaft',
		show: 'Anzeigen',
		chart: /^Fragen je Monat/,
		table: 'Fragen und „Ich auch“ je Monat',
		csv: 'Tabelle als CSV'
	},
	'en-GB': {
		link: 'Topic radar: open figures',
		title: 'Topic radar',
		community: 'Community',
		show: 'Show',
		chart: /^Questions per month/,
		table: 'Questions and “me too” per month',
		csv: 'Table as CSV'
	}
};

test.beforeAll(async () => {
	// The servers keep the radar from their start; at once here, should they not have yet.
	await owner`select public.keep_topic_radar()`;
});

for (const [locale, viewport] of [
	['de-DE', screens[0][1]],
	['en-GB', screens[1][1]]
] as const) {
	test.describe(`in ${locale}`, () => {
		test.use({ locale, viewport });
		const said = words[locale];

		test('a visitor reads a community’s topic radar and downloads the open data', async ({
			page,
			request
		}) => {
			await page.goto('/');
			await page.getByRole('link', { name: said.link }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(said.title);
			await page.getByLabel(said.community, { exact: true }).selectOption('autismus-schule');
			await page.getByRole('button', { name: said.show }).click();
			await expect(page).toHaveURL(/community=autismus-schule/);
			await expect(
				page.getByRole('heading', { level: 2, name: /^Autismus & Schule/ })
			).toBeVisible();
			await expect(page.getByRole('img', { name: said.chart })).toBeVisible();
			// A row a month, twelve months, each value a count or "< 10".
			const rows = page.getByRole('table', { name: said.table }).getByRole('row');
			await expect(rows).toHaveCount(13);
			for (const cell of await rows.getByRole('cell').allTextContents())
				expect(cell).toMatch(/^(< 10|0|[1-9]\d{1,}|\d{1,3}([.,]\d{3})+)$/);
			await expectAccessible(page);

			const download = page.waitForEvent('download');
			await page.getByRole('link', { name: said.csv }).click();
			const csv = await readFile((await (await download).path())!, 'utf8');
			const [header, ...lines] = csv.trimEnd().split('\r\n');
			const dataPackage = await (await request.get('/radar/datapackage.json')).json();
			expect(dataPackage.licenses[0].name).toBe('CC-BY-4.0');
			const [resource] = dataPackage.resources;
			expect(resource.path).toBe('topic-radar.csv');
			const fields: { name: string; type: string; constraints?: { enum?: string[] } }[] =
				resource.schema.fields;
			expect(header.split(',')).toEqual(fields.map((field) => field.name));
			expect(lines.length).toBeGreaterThan(12);
			const measures = fields.find((field) => field.name === 'measure')!.constraints!.enum!;
			for (const line of lines) {
				const values = line.split(',');
				expect(values[0]).toMatch(/^\d{4}-\d{2}$/);
				expect(measures).toContain(values.at(-3));
				expect(values.at(-1)).toMatch(/^(|0|[1-9]\d+)$/);
			}
			const records = await (await request.get('/radar/topic-radar.json')).json();
			expect(records).toHaveLength(lines.length);
			expect(Object.keys(records[0])).toEqual(fields.map((field) => field.name));
		});
	});
}
