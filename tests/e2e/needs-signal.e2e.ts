// The needs signal: a counsellor (German, on a phone) and an admin (English, on a desktop)
// choose a community, read the questions families share most and month by month, and
// subscribe to its weekly summary; Monday's summary then comes as a notification and a mail
// that lead back to the page. (Who may read what: tests/integration/needs-signal.spec.ts.)
import { randomUUID } from 'node:crypto';
import { waitForMail } from '../support/mail';
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
		title: 'Bedarfe: was Familien teilen',
		place: 'Gemeinschaft oder Region',
		show: 'Anzeigen',
		shared: 'Fragen nach „Ich auch“ in den letzten zwölf Monaten',
		chart: /^„Ich auch“ je Monat/,
		subscribe: 'Wochenübersicht abonnieren',
		subscribed: 'Abonniert: Die erste Wochenübersicht kommt am Montag.',
		unsubscribe: 'Wochenübersicht abbestellen',
		unsubscribed: 'Die Wochenübersicht ist abbestellt.',
		summary:
			'Wochenübersicht „Autismus & Schule“: die Fragen, die Familien am häufigsten geteilt haben'
	},
	en: {
		title: 'Needs: what families share',
		place: 'Community or region',
		show: 'Show',
		shared: 'Questions by “me too” in the last twelve months',
		chart: /^“Me too” per month/,
		subscribe: 'Subscribe to the weekly summary',
		subscribed: 'Subscribed: the first weekly summary comes on Monday.',
		unsubscribe: 'Unsubscribe from the weekly summary',
		unsubscribed: 'The weekly summary is unsubscribed.',
		summary: 'Weekly summary “Autismus & Schule”: the questions families shared most'
	}
};

/** A question of last week that two demo members share, for Monday's summary. */
async function sharedLastWeek() {
	const title = `Assistenz in der Ganztagsschule ${randomUUID().slice(0, 6)}?`;
	const [{ id }] = await owner<{ id: string }[]>`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html)
		select c.id, m.id, ${title}, 'Wer hat Erfahrung?', '<p>Wer hat Erfahrung?</p>'
		from public.communities c, public.members m
		where c.slug = 'autismus-schule' and m.pseudonym = 'Mama_von_Leo'
		returning id`;
	// A day or two before the Monday 07:00 (Berlin) now last passed.
	await owner`
		insert into public.me_toos (thread_id, member_id, created_at)
		select ${id}, m.id, monday - interval '1 day' * (1 + (m.pseudonym = 'Oma.Ruth')::int)
		from public.members m,
			(select (date_trunc('week', now() at time zone 'Europe/Berlin') + interval '7 hours')
				at time zone 'Europe/Berlin' as start) w,
			lateral (select case when w.start > now() then w.start - interval '7 days' else w.start end as monday) d
		where m.pseudonym in ('PapaTim', 'Oma.Ruth')`;
	return title;
}

for (const [locale, role, viewport] of [
	['de', 'counsellor', screens[0][1]],
	['en', 'admin', screens[1][1]]
] as const) {
	test.describe(`as ${role === 'admin' ? 'an admin' : 'a counsellor'}, in ${locale}`, () => {
		test.use({ locale: locale === 'de' ? 'de-DE' : 'en-GB', viewport });
		const said = words[locale];

		test('reads what families share and gets the weekly summary', async ({ page }) => {
			const professional = await memberInDatabase(locale, []);
			await owner`update public.members set site_role = ${role} where id = ${professional.id}`;
			const [{ title: leosQuestion }] = await owner<{ title: string }[]>`
				select title from public.threads where id = '20000000-0000-4000-8000-000000000001'`;
			await signIn(page, professional.email);

			await page.goto('/needs');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(said.title);
			await page.getByLabel(said.place, { exact: true }).selectOption('autismus-schule');
			await page.getByRole('button', { name: said.show }).click();
			await expect(page).toHaveURL(/place=autismus-schule/);
			await expect(
				page.getByRole('heading', { level: 2, name: /^Autismus & Schule/ })
			).toBeVisible();
			// Leo's question, which two families share in the demo.
			const row = page
				.getByRole('table', { name: said.shared })
				.getByRole('row', { name: new RegExp(leosQuestion.slice(0, 20)) });
			await expect(row.getByRole('cell').first()).toHaveText('2');
			await expect(page.getByRole('img', { name: said.chart })).toBeVisible();
			await expectAccessible(page);

			await page.getByRole('button', { name: said.subscribe }).click();
			await expect(page.getByRole('status')).toHaveText(said.subscribed);
			await expect(page.getByRole('button', { name: said.unsubscribe })).toBeVisible();

			// Monday comes: the week before is summarised for everyone subscribed before it.
			const title = await sharedLastWeek();
			await owner`update public.needs_subscriptions set summarised_until = now() - interval '8 days'
				where member_id = ${professional.id}`;
			const since = new Date();
			await owner`select public.queue_needs_summaries()`;
			await page.goto('/notifications');
			await expect(page.getByRole('link', { name: said.summary })).toBeVisible();
			await expect(page.getByText(`2 × ${title}`)).toBeVisible();
			const mail = await waitForMail(professional.email, { after: since });
			expect(mail.text).toContain(`2 × ${title}`);
			await page.getByRole('link', { name: said.summary }).click();
			await expect(page).toHaveURL(/\/needs\?place=autismus-schule$/);

			await page.getByRole('button', { name: said.unsubscribe }).click();
			await expect(page.getByRole('status')).toHaveText(said.unsubscribed);
			await expect(page.getByRole('button', { name: said.subscribe })).toBeVisible();
		});
	});
}
