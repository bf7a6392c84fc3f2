// Edit history and withdrawal, on a phone and a desktop, in German and English: the author
// follows the "edited" mark to every version with the changed words marked; withdrawing
// a question or an answer asks once (a disclosure, no script) and the author undoes it;
// the community's moderator reads the versions too, another member and a visitor find no page.
import type { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import {
	expect,
	expectAccessible,
	memberInDatabase,
	otherVisitor,
	owner,
	screens,
	signIn,
	test
} from './fixtures';

const words = {
	de: {
		edited: /^bearbeitet/,
		versionsOfQuestion: 'Fassungen der Frage',
		versionsOfAnswer: 'Fassungen der Antwort',
		version: (n: number) => `Fassung ${n}`,
		added: 'hinzugefügt:',
		removed: 'entfernt:',
		withdraw: 'Zurückziehen',
		withdrawHint: /24 Stunden lang rückgängig/,
		confirm: 'Ja, zurückziehen',
		undo: 'Rückgängig machen',
		undoUntil: /Du kannst das Zurückziehen bis .+ rückgängig machen\./,
		postWithdrawn: 'Dieser Beitrag wurde von der Person zurückgezogen.',
		threadWithdrawn: 'Die Frage wurde von der fragenden Person zurückgezogen.',
		answerBy: 'Antwort von'
	},
	en: {
		edited: /^edited/,
		versionsOfQuestion: 'Versions of the question',
		versionsOfAnswer: 'Versions of the answer',
		version: (n: number) => `Version ${n}`,
		added: 'added:',
		removed: 'removed:',
		withdraw: 'Withdraw',
		withdrawHint: /undo the withdrawal for 24 hours/,
		confirm: 'Yes, withdraw',
		undo: 'Undo',
		undoUntil: /You can undo the withdrawal until .+\./,
		postWithdrawn: 'This post was withdrawn by its author.',
		threadWithdrawn: 'The question was withdrawn by its author.',
		answerBy: 'Answer by'
	}
};

/**
 * A question by the member in "Autismus & Schule" with an answer of theirs, each edited
 * once (as the database keeps an edit: the trigger writes the revision).
 */
async function editedThread(authorId: string) {
	const title = `Nachteilsausgleich in der Schule ${randomUUID().slice(0, 8)}`;
	const [thread] = await owner<{ id: string }[]>`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html)
		select c.id, ${authorId}, ${title}, 'Wir warten auf den Bescheid.',
			'<p>Wir warten auf den Bescheid.</p>'
		from public.communities c where c.slug = 'autismus-schule'
		returning id`;
	const [post] = await owner<{ id: string }[]>`
		insert into public.posts (thread_id, author_id, body_markdown, body_html)
		values (${thread.id}, ${authorId}, 'Fragt beim Schulamt nach.', '<p>Fragt beim Schulamt nach.</p>')
		returning id`;
	await owner`update public.threads set body_markdown = 'Wir warten auf den Widerspruch.',
		body_html = '<p>Wir warten auf den Widerspruch.</p>' where id = ${thread.id}`;
	await owner`update public.posts set body_markdown = 'Fragt beim Jugendamt nach.',
		body_html = '<p>Fragt beim Jugendamt nach.</p>' where id = ${post.id}`;
	return { id: thread.id, title, postId: post.id };
}

/** The two versions of a text, the newer with its changes named in words. */
async function expectVersions(
	page: Page,
	said: (typeof words)['de'],
	added: string,
	removed: string
) {
	const main = page.getByRole('main');
	await expect(main.getByRole('heading', { name: said.version(2) })).toBeVisible();
	await expect(main.getByRole('heading', { name: said.version(1) })).toBeVisible();
	await expect(main.getByRole('insertion')).toHaveText(`[${said.added} ${added}]`);
	await expect(main.getByRole('deletion')).toHaveText(`[${said.removed} ${removed}]`);
	await expectAccessible(page);
}

test.describe.configure({ timeout: 120_000 });

for (const [device, viewport] of screens) {
	for (const language of ['de', 'en'] as const) {
		test.describe(`on a ${device}, in ${language}`, () => {
			test.use({ viewport });
			const said = words[language];

			test('the author follows “edited” to every version, with the changes marked', async ({
				page
			}) => {
				const author = await memberInDatabase(language, ['autismus-schule']);
				const thread = await editedThread(author.id);
				await signIn(page, author.email);
				await page.goto(`/t/${thread.id}`);
				const question = page.getByRole('article', { name: thread.title });
				await question.getByRole('link', { name: said.edited }).click();
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(said.versionsOfQuestion);
				await expectVersions(page, said, 'Widerspruch', 'Bescheid');

				await page.goto(`/t/${thread.id}`);
				const answer = page.getByRole('article', { name: `${said.answerBy} ${author.pseudonym}` });
				await answer.getByRole('link', { name: said.edited }).click();
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(said.versionsOfAnswer);
				await expectVersions(page, said, 'Jugendamt', 'Schulamt');
			});

			test('withdrawing asks once, and the author undoes it', async ({ page }) => {
				const author = await memberInDatabase(language, ['autismus-schule']);
				const thread = await editedThread(author.id);
				await signIn(page, author.email);
				await page.goto(`/t/${thread.id}`);

				const answer = page.getByRole('article', { name: `${said.answerBy} ${author.pseudonym}` });
				await answer.getByText(said.withdraw, { exact: true }).click();
				await expect(answer.getByText(said.withdrawHint)).toBeVisible();
				await expectAccessible(page);
				await answer.getByRole('button', { name: said.confirm }).click();
				await expect(answer.getByText(said.postWithdrawn)).toBeVisible();
				await expect(answer.getByText(said.undoUntil)).toBeVisible();
				await expectAccessible(page);
				await answer.getByRole('button', { name: said.undo }).click();
				await expect(answer.getByText('Fragt beim Jugendamt nach.')).toBeVisible();
				await expect(answer.getByRole('button', { name: said.undo })).toHaveCount(0);
				await expect(answer.getByRole('link', { name: said.edited })).toBeVisible();

				const question = page.getByRole('article', { name: thread.title });
				await question.getByText(said.withdraw, { exact: true }).click();
				await expect(question.getByText(said.withdrawHint)).toBeVisible();
				await question.getByRole('button', { name: said.confirm }).click();
				await expect(question.getByText(said.threadWithdrawn)).toBeVisible();
				await expect(question.getByText(said.undoUntil)).toBeVisible();
				await expectAccessible(page);
				await question.getByRole('button', { name: said.undo }).click();
				await expect(question.getByText('Wir warten auf den Widerspruch.')).toBeVisible();
				await expect(question.getByRole('button', { name: said.undo })).toHaveCount(0);
			});
		});
	}
}

test('the community’s moderator reads the versions; another member and a visitor find no page', async ({
	page,
	browser
}) => {
	const author = await memberInDatabase('de', ['autismus-schule']);
	const thread = await editedThread(author.id);
	await signIn(page, 'moderator@ratnetz.example');
	await page.goto(`/t/${thread.id}`);
	await page
		.getByRole('article', { name: `Antwort von ${author.pseudonym}` })
		.getByRole('link', { name: /^bearbeitet/ })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fassungen der Antwort');
	await expectVersions(page, words.de, 'Jugendamt', 'Schulamt');

	const visitor = await otherVisitor(browser);
	for (const path of [`/t/${thread.id}/versions`, `/posts/${thread.postId}/versions`]) {
		expect((await visitor.goto(path))?.status()).toBe(404);
	}
	await signIn(visitor, 'oma.ruth@ratnetz.example');
	await visitor.goto(`/t/${thread.id}`);
	await expect(visitor.getByRole('link', { name: /^bearbeitet/ })).toHaveCount(0);
	for (const path of [`/t/${thread.id}/versions`, `/posts/${thread.postId}/versions`]) {
		expect((await visitor.goto(path))?.status()).toBe(404);
	}
	await visitor.context().close();
});
