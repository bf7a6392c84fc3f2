// Two moderators act on the same item at once: one wins, the other is told the item
// was already handled, and the history shows only what happened.
import { beforeAll, describe, expect, it } from 'vitest';
import * as moderationActions from '$lib/server/moderation/actions';
import * as posts from '$lib/server/forum/posts';
import * as threads from '$lib/server/forum/threads';
import {
	community,
	flagPost,
	member,
	moderator,
	openItem,
	owner,
	question,
	reply,
	type TestMember
} from './support';

let home: string;
let first: TestMember;
let second: TestMember;

beforeAll(async () => {
	home = await community();
	[first, second] = await Promise.all([moderator(home), moderator(home)]);
});

async function flagged() {
	const [asker, writer, flagger] = await Promise.all([member(home), member(home), member(home)]);
	const threadId = (await threads.ask(asker.claims, home, question())).id;
	const postId = (await posts.answer(writer.claims, threadId, reply('Unfreundlich'))).id;
	await flagPost(flagger.claims, postId);
	const item = (await openItem(first.claims, { threadId, postId }))!;
	return { threadId, postId, item, seen: { itemId: item.id, version: item.version } };
}

describe('concurrent actions on one item', () => {
	it('lets the first of two simultaneous removals through and tells the second', async () => {
		const { threadId, postId, item, seen } = await flagged();
		const results = await Promise.allSettled([
			moderationActions.remove(first.claims, { threadId, postId }, 'Beleidigung', seen),
			moderationActions.remove(second.claims, { threadId, postId }, 'Beleidigung', seen)
		]);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
		const [rejected] = results.filter((result) => result.status === 'rejected');
		expect((rejected as PromiseRejectedResult).reason).toMatchObject({
			hint: 'moderation_already_handled'
		});
		const events = await owner`
			select action from public.moderation_events where item_id = ${item.id} and action = 'removed'`;
		expect(events).toHaveLength(1);
	});

	it('tells a moderator who acts on what they saw before someone dismissed it', async () => {
		const { threadId, postId, seen } = await flagged();
		await moderationActions.dismiss(second.claims, seen, 'Kein Verstoß');
		await expect(
			moderationActions.remove(first.claims, { threadId, postId }, 'Doch entfernen', seen)
		).rejects.toMatchObject({ hint: 'moderation_already_handled' });
		expect((await posts.readPage(null, threadId)).answers.some((post) => post.id === postId)).toBe(
			true
		);
	});

	it('gathers a flag arriving meanwhile on the item and makes a stale action fail', async () => {
		const { threadId, postId, seen } = await flagged();
		await flagPost((await member(home)).claims, postId, 'spam');
		await expect(moderationActions.dismiss(first.claims, seen, null)).rejects.toMatchObject({
			hint: 'moderation_already_handled'
		});
		const fresh = (await openItem(first.claims, { threadId, postId }))!;
		expect(fresh.reasons).toEqual({ abuse: 1, spam: 1 });
		await moderationActions.dismiss(
			first.claims,
			{ itemId: fresh.id, version: fresh.version },
			null
		);
		expect(await openItem(first.claims, { threadId, postId })).toBeUndefined();
	});
});
