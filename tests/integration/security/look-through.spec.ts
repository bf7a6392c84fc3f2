// Policies that look through to the thread: what hangs off a removed or held thread
// (its answers and replies, votes, me-toos, follows, earlier versions) is as hidden as
// the thread itself from everyone who may not see it.
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction, type Claims } from '$lib/server/db';
import * as moderationActions from '$lib/server/moderation-actions';
import * as posts from '$lib/server/posts';
import * as threads from '$lib/server/threads';
import {
	community,
	counsellor,
	member,
	moderator,
	owner,
	question,
	reply,
	type TestMember
} from '../escalations/support';

let home: string;
let asker: TestMember;
let peer: TestMember;
let voter: TestMember;
let mod: TestMember;
let serving: TestMember;
let removedThread: string;
let heldThread: string;
let answers: Record<string, string>;

beforeAll(async () => {
	home = await community();
	[asker, peer, voter, mod, serving] = await Promise.all([
		member(home),
		member(home),
		member(home),
		moderator(home),
		counsellor([home], [home])
	]);
	removedThread = (await threads.ask(asker.claims, home, question())).id;
	heldThread = (await threads.ask(asker.claims, home, question())).id;
	answers = {};
	for (const thread of [removedThread, heldThread]) {
		const answer = await posts.answer(peer.claims, thread, reply('Eine Antwort aus Erfahrung.'));
		answers[thread] = answer.id;
		await posts.answer(asker.claims, thread, reply('Danke!', answer.id));
		await posts.edit(peer.claims, answer.id, 'Eine Antwort aus Erfahrung, ergänzt.');
		await posts.setHelpful(voter.claims, answer.id, true);
		await threads.setMeToo(voter.claims, thread, true);
	}
	await moderationActions.remove(
		mod.claims,
		{ threadId: removedThread, postId: null },
		'Verstößt gegen die Regeln',
		null
	);
	await owner`update public.threads set held_at = now() where id = ${heldThread}`;
});

/** Rows of a table about the test's two threads that the reader sees. */
async function seen(claims: Claims | null, table: string) {
	const ids = [removedThread, heldThread];
	return transaction(claims, async (tx) => {
		const about = {
			posts: tx`thread_id = any (${ids}::uuid[])`,
			visible_posts: tx`thread_id = any (${ids}::uuid[])`,
			helpful_votes: tx`post_id = any (${Object.values(answers)}::uuid[])`,
			me_toos: tx`thread_id = any (${ids}::uuid[])`,
			thread_follows: tx`thread_id = any (${ids}::uuid[])`,
			revisions: tx`post_id = any (${Object.values(answers)}::uuid[])`
		}[table];
		const [row] = await tx<{ n: number }[]>`
			select count(*)::int as n from ${tx('public.' + table)} where ${about!}`;
		return row.n;
	});
}

describe('a removed or held thread', () => {
	it('hides its answers and replies from visitors, and from search', async () => {
		expect(await seen(null, 'posts')).toBe(0);
		expect(await seen(null, 'visible_posts')).toBe(0);
	});

	it('hides them from members who may not see the thread, their own included', async () => {
		const other = await member(home);
		expect(await seen(other.claims, 'posts')).toBe(0);
		// The peer wrote the answers, but may see neither thread any more.
		expect(await seen(peer.claims, 'posts')).toBe(0);
		expect(await seen(peer.claims, 'visible_posts')).toBe(0);
		// Who may see the threads still sees all four posts: the asker (both are theirs),
		// the community's moderators and the counsellors serving it.
		for (const who of [asker, mod, serving]) expect(await seen(who.claims, 'posts')).toBe(4);
	});

	it('hides votes, me-toos, follows and earlier versions with it', async () => {
		for (const table of ['helpful_votes', 'me_toos', 'thread_follows']) {
			expect(await seen(voter.claims, table), table).toBe(0);
		}
		expect(await seen(peer.claims, 'revisions')).toBe(0);
	});
});
