// Admins see how the communities live, per community and month, and download the same
// figures as CSV. Worked out on a fresh community with known dates. On a phone and on a
// desktop, in both languages.
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import {
	expect,
	expectAccessible,
	memberInDatabase,
	owner,
	screens,
	signIn,
	test
} from './fixtures';

const words = {
	de: {
		heading: 'Zahlen je Gemeinschaft und Monat',
		from: 'Von Monat',
		to: 'Bis Monat',
		show: 'Filtern',
		table: 'Leben in den Gemeinschaften',
		csv: 'Zahlen der Gemeinschaften als CSV-Datei herunterladen',
		header:
			'Monat,Gemeinschaft,Mitglieder,neue Mitglieder,Fragen,mit Antwort aus der Gemeinschaft,mit Antwort (%),Median bis zur ersten Antwort (Min.)'
	},
	en: {
		heading: 'Figures per community and month',
		from: 'From month',
		to: 'To month',
		show: 'Filter',
		table: 'Life in the communities',
		csv: 'Download the community figures as a CSV file',
		header:
			'Month,Community,Members,new members,Questions,with a peer answer,answered (%),Median to first answer (min)'
	}
};

/**
 * A community founded in January 2026 where, in March (Berlin), two members joined and
 * three questions were asked: two answered by another member after 30 and 90 minutes.
 */
async function communityWithMarch() {
	const slug = `zahlen-${randomUUID().slice(0, 8)}`;
	const name = `Zahlen ${slug.slice(-8)}`;
	const [{ id }] = await owner<{ id: string }[]>`
		insert into public.communities (slug, name, topic, created_at)
		values (${slug}, ${name}, 'Test', '2026-01-01 00:00 Europe/Berlin') returning id`;
	const [asker, peer] = await Promise.all([memberInDatabase('de', []), memberInDatabase('de', [])]);
	await owner`insert into public.community_members (community_id, member_id, joined_at)
		values (${id}, ${asker.id}, '2026-03-02 12:00 Europe/Berlin'), (${id}, ${peer.id}, '2026-03-03 12:00 Europe/Berlin')`;
	const asked = await owner<{ id: string; created_at: Date }[]>`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html, created_at)
		select ${id}, ${asker.id}, 'Wie kommt ihr zur Schule, Nummer ' || n, 'Text', '<p>Text</p>',
			timestamptz '2026-03-10 10:00 Europe/Berlin' + n * interval '1 day'
		from generate_series(1, 3) n returning id, created_at`;
	for (const [index, minutes] of [30, 90].entries()) {
		await owner`insert into public.posts (thread_id, author_id, body_markdown, body_html, created_at)
			values (${asked[index].id}, ${peer.id}, 'Mit dem Rad.', '<p>Mit dem Rad.</p>',
				${asked[index].created_at}::timestamptz + ${minutes} * interval '1 minute')`;
	}
	return name;
}

/** An admin who speaks `language`. */
async function admin(language: 'de' | 'en') {
	const created = await memberInDatabase(language, []);
	await owner`update public.members set site_role = 'admin' where id = ${created.id}`;
	return created;
}

test.describe.configure({ timeout: 90_000 });

for (const [device, viewport] of screens) {
	for (const language of ['de', 'en'] as const) {
		test.describe(`on a ${device}, in ${language}`, () => {
			test.use({ viewport });
			const said = words[language];

			test('an admin reads the community figures of a month and downloads them', async ({
				page
			}) => {
				const name = await communityWithMarch();
				await signIn(page, (await admin(language)).email);
				await page.goto('/admin/figures');
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(said.heading);
				await page.getByLabel(said.from).fill('2026-03');
				await page.getByLabel(said.to).fill('2026-03');
				await page.getByRole('button', { name: said.show }).click();
				await expect(page).toHaveURL(/from=2026-03&to=2026-03/);

				// Members 2 (both new), 3 questions, 2 answered (67 %), median 60 minutes.
				const row = page
					.getByRole('region', { name: said.table })
					.getByRole('row')
					.filter({ hasText: name });
				await expect(row.getByRole('rowheader')).toHaveText(['2026-03', name]);
				await expect(row.getByRole('cell')).toHaveText(['2', '2', '3', '2', '67', '60']);
				await expectAccessible(page);

				const download = page.waitForEvent('download');
				await page.getByRole('link', { name: said.csv }).click();
				const csv = await readFile((await (await download).path())!, 'utf8');
				const lines = csv.split('\r\n');
				expect(lines[0]).toBe(said.header);
				expect(lines).toContain(`2026-03,${name},2,2,3,2,67,60`);
			});
		});
	}
}
