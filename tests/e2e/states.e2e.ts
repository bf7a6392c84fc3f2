// States that speak: pressed toggles say so in words, counts match what the reader sees,
// a writer's notices show only to the writer, and a suspended member is told before
// writing, not on submit. On a phone and on a desktop, in both languages.
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, owner, screens, signUpAndConfirm, test } from './fixtures';

const words = {
	de: {
		meToo: 'Ich auch',
		meTooPressed: 'Du hast „Ich auch“ gesagt.',
		helpful: 'Hilfreich',
		helpfulPressed: 'Du fandest das hilfreich.',
		helpfulCount: '1 Person fand das hilfreich',
		oneAnswer: '1 Antwort',
		suspended: 'Du bist in dieser Gemeinschaft bis',
		title: 'Titel',
		answer: 'Antwort',
		held: 'Dein Beitrag wartet auf die Freigabe'
	},
	en: {
		meToo: 'Me too',
		meTooPressed: 'You said “me too”.',
		helpful: 'Helpful',
		helpfulPressed: 'You found this helpful.',
		helpfulCount: '1 person found this helpful',
		oneAnswer: '1 answer',
		suspended: 'You are suspended from this community until',
		title: 'Title',
		answer: 'Answer',
		held: 'Your post is waiting for the moderators’ approval'
	}
};

/** A question by PapaTim in "Autismus & Schule" with an answer by Oma.Ruth and one held for review. */
async function questionWithAnswers() {
	const title = `Schulweg allein – ab wann? ${randomUUID().slice(0, 8)}`;
	const [thread] = await owner<{ id: string }[]>`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html)
		select c.id, m.id, ${title}, 'Text', '<p>Text</p>'
		from public.communities c, public.members m where c.slug = 'autismus-schule' and m.pseudonym = 'PapaTim'
		returning id`;
	await owner`
		insert into public.posts (thread_id, author_id, body_markdown, body_html, held_at)
		select ${thread.id}, m.id, body, '<p>' || body || '</p>', held
		from public.members m,
			(values ('Ab der dritten Klasse ging es bei uns gut.', null::timestamptz), ('Wartet noch.', now())) a (body, held)
		where m.pseudonym = 'Oma.Ruth'`;
	return { id: thread.id, title };
}

/** A new member in "Autismus & Schule", speaking the language given. */
async function newMember(page: Page, language: 'de' | 'en') {
	const member = await signUpAndConfirm(page);
	const [{ id }] = await owner<
		{ id: string }[]
	>`select id from public.members where pseudonym = ${member.pseudonym}`;
	await owner`insert into public.community_members (community_id, member_id)
		select id, ${id} from public.communities where slug = 'autismus-schule'`;
	await owner`update public.member_settings set locale = ${language} where member_id = ${id}`;
	return { ...member, id };
}

test.describe.configure({ timeout: 90_000 });

for (const [device, viewport] of screens) {
	for (const language of ['de', 'en'] as const) {
		test.describe(`on a ${device}, in ${language}`, () => {
			test.use({ viewport });
			const said = words[language];

			test('pressed toggles say so in words and aria-pressed; counts leave out what readers cannot see', async ({
				page
			}) => {
				const question = await questionWithAnswers();
				await newMember(page, language);
				await page.goto('/c/autismus-schule');
				await expect(page.getByRole('listitem').filter({ hasText: question.title })).toContainText(
					said.oneAnswer
				);
				await page.goto(`/t/${question.id}`);
				await expect(
					page.getByRole('heading', { name: said.oneAnswer, exact: true })
				).toBeVisible();

				const meToo = page.getByRole('button', { name: said.meToo });
				await expect(meToo).toHaveAttribute('aria-pressed', 'false');
				await expect(page.getByText(said.meTooPressed)).toHaveCount(0);
				await meToo.click();
				await expect(page.getByRole('button', { name: said.meToo })).toHaveAttribute(
					'aria-pressed',
					'true'
				);
				await expect(page.getByText(said.meTooPressed)).toBeVisible();

				const answer = page.getByRole('article').filter({ hasText: 'Ab der dritten Klasse' });
				await answer.getByRole('button', { name: said.helpful }).click();
				const voted = page.getByRole('article').filter({ hasText: 'Ab der dritten Klasse' });
				await expect(voted.getByRole('button', { name: said.helpful })).toHaveAttribute(
					'aria-pressed',
					'true'
				);
				await expect(voted.getByText(said.helpfulPressed)).toBeVisible();
				await expect(voted).toContainText(said.helpfulCount);
			});

			test('a suspended member sees the suspension, until when and why, and no form', async ({
				page
			}) => {
				const question = await questionWithAnswers();
				const member = await newMember(page, language);
				const reason = `Wiederholt beleidigend ${randomUUID().slice(0, 6)}`;
				await owner`insert into public.suspensions (community_id, member_id, reason, ends_at)
					select id, ${member.id}, ${reason}, now() + interval '7 days' from public.communities where slug = 'autismus-schule'`;

				await page.goto('/c/autismus-schule/ask');
				await expect(page.getByRole('alert')).toContainText(said.suspended);
				await expect(page.getByRole('alert')).toContainText(reason);
				await expect(page.getByLabel(said.title)).toHaveCount(0);

				await page.goto(`/t/${question.id}`);
				await expect(page.getByRole('alert')).toContainText(reason);
				await expect(page.getByLabel(said.answer, { exact: true })).toHaveCount(0);
				await expect(page.getByRole('button', { name: said.meToo })).toHaveCount(0);
				await expect(page.getByRole('button', { name: said.helpful })).toHaveCount(0);
			});

			test('the notice that a post waits for approval shows to its writer only', async ({
				page,
				browser
			}) => {
				const member = await newMember(page, language);
				const question = await questionWithAnswers();
				const [post] = await owner<{ id: string }[]>`
					insert into public.posts (thread_id, author_id, body_markdown, body_html, held_at)
					values (${question.id}, ${member.id}, 'Mein erster Beitrag.', '<p>Mein erster Beitrag.</p>', now())
					returning id`;
				const link = `/t/${question.id}?held=&post=${post.id}`;
				await page.goto(link);
				await expect(page.getByRole('status').filter({ hasText: said.held })).toBeVisible();

				const visitor = await browser.newPage({
					viewport,
					locale: language === 'de' ? 'de-DE' : 'en-GB'
				});
				await visitor.goto(link);
				await expect(visitor.getByRole('heading', { level: 1 })).toContainText(question.title);
				await expect(visitor.getByText(said.held)).toHaveCount(0);
				await visitor.close();
			});
		});
	}
}
