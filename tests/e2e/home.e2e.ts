// The home page serves each reader: a search box, the newest and the unanswered questions,
// a member's questions with new answers, what waits for counsellors and moderators; an
// empty search offers the ask form. On a phone and on a desktop.
import { randomUUID } from 'node:crypto';
import { expect, owner, screens, signIn, test } from './fixtures';

const words = {
	de: {
		search: 'Suche in allen Fragen und Antworten',
		results: 'Ergebnisse für „Widerspruch“',
		newest: 'Neue Fragen',
		unanswered: 'Noch ohne Antwort – kannst du helfen?',
		ask: 'Frage stellen',
		askTitle: 'Eine Frage stellen',
		title: 'Titel'
	},
	en: {
		search: 'Search all questions and answers',
		results: 'Results for “Widerspruch”',
		newest: 'New questions',
		unanswered: 'Still unanswered – can you help?',
		ask: 'Ask a question',
		askTitle: 'Ask a question',
		title: 'Title'
	}
};

/** A new question by PapaTim in "Autismus & Schule", as the owner writes it. */
async function papasQuestion(wantsProfessional = false) {
	const title = `Wer kennt sich mit dem Schulamt aus? ${randomUUID().slice(0, 8)}`;
	const [{ id }] = await owner<{ id: string }[]>`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html, wants_professional)
		select c.id, m.id, ${title}, 'Text', '<p>Text</p>', ${wantsProfessional}
		from public.communities c, public.members m where c.slug = 'autismus-schule' and m.pseudonym = 'PapaTim'
		returning id`;
	return { id, title };
}

const byMember = (pseudonym: string) =>
	owner<{ id: string }[]>`select id from public.members where pseudonym = ${pseudonym}`;

for (const [device, viewport] of screens) {
	test.describe(`on a ${device}`, () => {
		test.use({ viewport });

		for (const [language, locale] of [
			['de', 'de-DE'],
			['en', 'en-GB']
		] as const) {
			test.describe(`in ${locale}`, () => {
				test.use({ locale });
				const said = words[language];

				test('a visitor searches from the home page and sees new and unanswered questions', async ({
					page
				}) => {
					await page.goto('/');
					const newest = page.getByRole('region', { name: said.newest });
					await expect(newest.getByRole('listitem').first()).toBeVisible();
					const unanswered = page.getByRole('region', { name: said.unanswered });
					await expect(unanswered.getByRole('link').first()).toBeVisible();
					await page.getByRole('search').getByLabel(said.search).fill('Widerspruch');
					await page.getByRole('search').getByLabel(said.search).press('Enter');
					await expect(page.getByRole('heading', { level: 2 })).toHaveText(said.results);
				});

				test('an empty search offers the ask form, the searched words as its title', async ({
					page
				}) => {
					await signIn(
						page,
						language === 'de' ? 'oma.ruth@ratnetz.example' : 'sam@ratnetz.example'
					);
					const nothing = `Zwergkaninchen im Kindergarten ${randomUUID().slice(0, 6)}`;
					await page.goto(`/search?q=${encodeURIComponent(nothing)}`);
					await page.getByRole('button', { name: said.ask }).click();
					await expect(page.getByRole('heading', { level: 1 })).toHaveText(said.askTitle);
					await expect(page.getByLabel(said.title)).toHaveValue(nothing);
				});
			});
		}

		test('a member sees their questions with new answers', async ({ page }) => {
			const question = await papasQuestion();
			const [oma] = await byMember('Oma.Ruth');
			await owner`insert into public.posts (thread_id, author_id, body_markdown, body_html)
				values (${question.id}, ${oma.id}, 'Ruf dort an.', '<p>Ruf dort an.</p>')`;
			await signIn(page, 'papa.tim@ratnetz.example');
			await page.goto('/');
			const answered = page.getByRole('region', { name: 'Neue Antworten auf deine Fragen' });
			const item = answered.getByRole('listitem').filter({ hasText: question.title });
			await expect(item).toContainText('1 neue Antwort');
			await item.getByRole('link', { name: question.title }).click();
			await expect(page.getByRole('heading', { level: 1 })).toContainText(question.title);
		});

		test('the counsellor sees overdue cases, the moderator open items, each with a link', async ({
			page,
			browser
		}) => {
			const late = await papasQuestion(true);
			await owner`update public.escalations set due_at = now() - interval '1 hour' where thread_id = ${late.id}`;
			const reported = await papasQuestion();
			const [oma] = await byMember('Oma.Ruth');
			await owner`insert into public.flags (flagger_id, thread_id, reason) values (${oma.id}, ${reported.id}, 'spam')`;

			await signIn(page, 'beraterin@ratnetz.example');
			await page.goto('/');
			const waiting = page.getByRole('region', { name: 'Wartet auf dich' });
			await waiting.getByRole('link', { name: /überfällige?r? F[aä]ll/ }).click();
			await expect(page).toHaveURL(/\/counsellor$/);

			const moderator = await browser.newPage({ viewport, locale: 'de-DE' });
			await signIn(moderator, 'moderator@ratnetz.example');
			await moderator.goto('/');
			await moderator
				.getByRole('region', { name: 'Wartet auf dich' })
				.getByRole('link', { name: /offene?r? Einträ?a?ge? in der Moderation/ })
				.click();
			await expect(moderator).toHaveURL(/\/mod$/);
			await moderator.close();
		});
	});
}
