// A thread's answers a page at a time, and links to a post landing on its page.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as communities from '$lib/server/forum/communities';
import { answersPerPage, readPage } from '$lib/server/forum/posts';
import * as threads from '$lib/server/forum/threads';
import { createMember, owner, type TestMember } from './support';

const communityId = '10000000-0000-4000-8000-000000000002'; // Pflege von Angehörigen (seed)
const answerTotal = 2 * answersPerPage + 5;
let asker: TestMember;
let peer: TestMember;
let threadId: string;
/** The answers' ids, oldest first: with no votes that is the reading order. */
let answerIds: string[];
let replyId: string;

beforeAll(async () => {
	[asker, peer] = await Promise.all([createMember(), createMember()]);
	for (const member of [asker, peer]) await communities.join(member.claims, communityId);
	({ id: threadId } = await threads.ask(asker.claims, communityId, {
		title: `Viele Antworten auf eine Frage ${randomUUID().slice(0, 6)}`,
		body: 'Wer hat Erfahrung damit?',
		tags: [],
		anonymous: false,
		wantsProfessional: false,
		idempotencyKey: randomUUID()
	}));
	// Written by the owner, a minute apart: more answers than the posting limit allows in a test.
	const rows = await owner<{ id: string }[]>`
		insert into public.posts (thread_id, author_id, body_markdown, body_html, created_at)
		select ${threadId}, ${peer.claims.sub}, 'Antwort ' || n, '<p>Antwort ' || n || '</p>',
			now() - interval '1 day' + n * interval '1 minute'
		from generate_series(1, ${answerTotal}) n
		returning id`;
	answerIds = rows.map((row) => row.id);
	[{ id: replyId }] = await owner<{ id: string }[]>`
		insert into public.posts (thread_id, parent_post_id, author_id, body_markdown, body_html)
		values (${threadId}, ${answerIds[answersPerPage + 3]}, ${asker.claims.sub}, 'Danke!', '<p>Danke!</p>')
		returning id`;
});

describe('answers a page at a time', () => {
	it('shows the first page by default, with the count of all answers', async () => {
		const shown = await readPage(null, threadId);
		expect(shown).toMatchObject({ page: 1, pageCount: 3, answerCount: answerTotal });
		expect(shown.answers.map((answer) => answer.id)).toEqual(answerIds.slice(0, answersPerPage));
	});

	it('shows a later page with the replies of its answers', async () => {
		const shown = await readPage(asker.claims, threadId, { page: 2 });
		expect(shown.page).toBe(2);
		expect(shown.answers.map((answer) => answer.id)).toEqual(
			answerIds.slice(answersPerPage, 2 * answersPerPage)
		);
		const answered = shown.answers.find((answer) => answer.id === answerIds[answersPerPage + 3]);
		expect(answered?.replies.map((reply) => [reply.id, reply.isMine])).toEqual([[replyId, true]]);
	});

	it('shows the last page for a page past the end', async () => {
		const shown = await readPage(null, threadId, { page: 99 });
		expect(shown.page).toBe(3);
		expect(shown.answers).toHaveLength(5);
	});

	it('opens the page of a linked answer, or of the answer a linked reply belongs to', async () => {
		expect((await readPage(null, threadId, { postId: answerIds.at(-1) })).page).toBe(3);
		expect((await readPage(null, threadId, { page: 3, postId: replyId })).page).toBe(2);
		// A post of another thread does not move the reader.
		expect((await readPage(null, threadId, { page: 3, postId: randomUUID() })).page).toBe(3);
	});

	it('moves an answer to the first page when it is accepted', async () => {
		const last = answerIds.at(-1)!;
		await threads.accept(asker.claims, threadId, last);
		const shown = await readPage(null, threadId);
		expect(shown.answers[0]).toMatchObject({ id: last, accepted: true });
	});
});
