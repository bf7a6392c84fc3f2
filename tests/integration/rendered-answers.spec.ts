// The thread page's answers, kept as rendered (src/lib/server/rendered-answers.ts): a
// kept answer is never outdated, and each reader sees their own votes and posts in it.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as communities from '$lib/server/communities';
import type { Claims } from '$lib/server/db';
import * as members from '$lib/server/members';
import * as posts from '$lib/server/posts';
import * as threads from '$lib/server/threads';
import { load } from '../../src/routes/t/[id]/+page.server';
import { createMember, owner, type TestMember } from './support';

const communityId = '10000000-0000-4000-8000-000000000002'; // Pflege von Angehörigen (seed)
let asker: TestMember;
let writer: TestMember;
let voter: TestMember;
let reader: TestMember;
let threadId: string;
let answerId: string;

/** The HTML of the thread's first answer as the reader's page shows it. */
async function shownAnswer(claims: Claims | null) {
	const member = claims ? await members.current(claims) : null;
	const url = new URL(`http://localhost/t/${threadId}`);
	const data = (await load({
		locals: { claims, member },
		params: { id: threadId },
		url
	} as never))!;
	const [{ html }] = data.answers.value;
	expect(html).not.toBeNull();
	return html!;
}

// The pressed button starts with a check mark (and Svelte's markers): anything before the word.
const helpfulButton = (html: string) =>
	/<button[^>]*aria-pressed="(true|false)"[^>]*>(?:(?!<\/button>)[\s\S])*?Hilfreich<\/button>/.exec(
		html
	)?.[1];

beforeAll(async () => {
	[asker, writer, voter, reader] = await Promise.all([1, 2, 3, 4].map(() => createMember()));
	for (const member of [asker, writer, voter, reader])
		await communities.join(member.claims, communityId);
	({ id: threadId } = await threads.ask(asker.claims, communityId, {
		title: `Eine Frage mit einer Antwort ${randomUUID().slice(0, 6)}`,
		body: 'Wer kennt sich aus?',
		tags: [],
		anonymous: false,
		wantsProfessional: false,
		idempotencyKey: randomUUID()
	}));
	({ id: answerId } = await posts.answer(writer.claims, threadId, {
		body: 'Frag beim Jugendamt nach.',
		parentPostId: null,
		idempotencyKey: randomUUID()
	}));
});

describe('answers kept as rendered', () => {
	it('shows each reader their own vote, and the same count to all', async () => {
		expect(helpfulButton(await shownAnswer(voter.claims))).toBe('false');
		await posts.setHelpful(voter.claims, answerId, true);
		const voters = await shownAnswer(voter.claims);
		const readers = await shownAnswer(reader.claims);
		expect(helpfulButton(voters)).toBe('true');
		expect(helpfulButton(readers)).toBe('false');
		for (const html of [voters, readers]) expect(html).toContain('1 Person fand das hilfreich');
	});

	it('gives its author the answer to edit, the asker the accept button, a visitor neither', async () => {
		const authors = await shownAnswer(writer.claims);
		expect(authors).toContain(`href="/posts/${answerId}/edit"`);
		expect(helpfulButton(authors)).toBeUndefined();
		expect(await shownAnswer(asker.claims)).toContain('action="?/accept"');
		const visitors = await shownAnswer(null);
		for (const part of ['action="?/', '/edit"', '/report']) expect(visitors).not.toContain(part);
	});

	it('shows an edit, a new reply and a new pseudonym at once', async () => {
		await shownAnswer(reader.claims);
		await posts.edit(writer.claims, answerId, 'Frag beim Jugendamt nach, am besten schriftlich.');
		expect(await shownAnswer(reader.claims)).toContain('am besten schriftlich');
		await posts.answer(asker.claims, threadId, {
			body: 'Danke, das mache ich.',
			parentPostId: answerId,
			idempotencyKey: randomUUID()
		});
		expect(await shownAnswer(reader.claims)).toContain('Danke, das mache ich.');
		const renamed = `Neu_${randomUUID().slice(0, 8)}`;
		await owner`update public.members set pseudonym = ${renamed} where id = ${writer.id}`;
		expect(await shownAnswer(reader.claims)).toContain(renamed);
	});

	it('shows a reply held for review to its author only, in the same version of the thread', async () => {
		const { id: replyId } = await posts.answer(asker.claims, threadId, {
			body: 'Eine Rückfrage, die noch geprüft wird.',
			parentPostId: answerId,
			idempotencyKey: randomUUID()
		});
		await owner`update public.posts set held_at = now() where id = ${replyId}`;
		expect(await shownAnswer(reader.claims)).not.toContain('noch geprüft');
		expect(await shownAnswer(asker.claims)).toContain('noch geprüft');
		expect(await shownAnswer(reader.claims)).not.toContain('noch geprüft');
	});

	it('renders the answers of a thread visitors may not see for each reader anew', async () => {
		await owner`update public.threads set removed_at = now(), removal_reason = 'Test' where id = ${threadId}`;
		try {
			expect(await shownAnswer(asker.claims)).toContain('am besten schriftlich');
			await owner`update public.posts set body_html = '<p>Neu gefasst.</p>' where id = ${answerId}`;
			expect(await shownAnswer(asker.claims)).toContain('Neu gefasst.');
		} finally {
			await owner`update public.threads set removed_at = null, removal_reason = null where id = ${threadId}`;
		}
	});

	it('sends no hydration markers: the thread page is never hydrated', async () => {
		expect(await shownAnswer(reader.claims)).not.toContain('<!--');
	});
});
