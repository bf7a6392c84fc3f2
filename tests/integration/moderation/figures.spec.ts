// Figures per community: open items (and overdue ones), the median time to a
// moderator's first action over 30 days, and actions by type.
import { describe, expect, it } from 'vitest';
import * as moderation from '$lib/server/moderation';
import * as moderationActions from '$lib/server/moderation/actions';
import * as posts from '$lib/server/forum/posts';
import * as threads from '$lib/server/forum/threads';
import {
	atTime,
	community,
	flagPost,
	later,
	member,
	minutes,
	moderator,
	openItem,
	owner,
	question,
	reply
} from './support';

describe('moderation figures', () => {
	it('count open and overdue items, the median time to first action and actions by type', async () => {
		const home = await community();
		const [mod, asker, writer] = await Promise.all([moderator(home), member(home), member(home)]);
		const threadId = (await threads.ask(asker.claims, home, question())).id;
		const flagged = [];
		for (const text of ['eins', 'zwei', 'drei']) {
			const postId = (await posts.answer(writer.claims, threadId, reply(`Antwort ${text}`))).id;
			await flagPost((await member(home)).claims, postId);
			flagged.push((await openItem(mod.claims, { threadId, postId }))!);
		}
		// Acted on after 30 and 90 minutes; the third stays open.
		for (const [item, after] of [
			[flagged[0], 30],
			[flagged[1], 90]
		] as const) {
			await atTime(mod.claims, later(item.openedAt, minutes(after)), (tx) =>
				moderationActions.dismiss(mod.claims, { itemId: item.id, version: item.version }, null, tx)
			);
		}
		await moderationActions.setPinned(mod.claims, threadId, true, null, null);
		const [figures] = await moderation.figures(mod.claims, [home]);
		expect(figures).toEqual({
			communityId: home,
			openItems: 1,
			overdueItems: 0,
			medianMinutesToFirstAction: 60,
			actions: { dismissed: 2, pinned: 1 }
		});
		const twoDaysLater = later(new Date(), minutes(49 * 60));
		const [overdue] = await atTime(mod.claims, twoDaysLater, (tx) =>
			moderation.figures(mod.claims, [home], tx)
		);
		expect(overdue.overdueItems).toBe(1);
		const communitySlug = await slugOf(home);
		const queue = await atTime(
			mod.claims,
			twoDaysLater,
			async (tx) => (await moderation.queue(mod.claims, { communitySlug }, tx)).items
		);
		expect(queue.map((item) => item.overdue)).toEqual([true]);
	});
});

/** The queue is filtered by the community's slug, as its page has it. */
async function slugOf(communityId: string) {
	const [row] = await owner<
		{ slug: string }[]
	>`select slug from public.communities where id = ${communityId}`;
	return row.slug;
}
