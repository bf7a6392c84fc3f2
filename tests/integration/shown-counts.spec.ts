// Lists count what their readers see: a thread's answers and a community's questions leave
// out those held until someone has looked, removed, or (answers) withdrawn, and follow
// each change of state through the real steps.
import { beforeAll, describe, expect, it } from 'vitest';
import * as actions from '$lib/server/moderation-actions';
import * as communities from '$lib/server/communities';
import * as posts from '$lib/server/posts';
import * as safeguarding from '$lib/server/safeguarding';
import * as threads from '$lib/server/threads';
import {
	community,
	member,
	moderator,
	owner,
	question,
	reply,
	type TestMember
} from './escalations/support';

let place: string;
let slug: string;
let keeper: TestMember;
let asker: TestMember;
let peer: TestMember;

beforeAll(async () => {
	// Crisis words hold a post here until a counsellor or moderator has looked.
	place = await community({ crisisPolicy: 'hold' });
	[{ slug }] = await owner<
		{ slug: string }[]
	>`select slug from public.communities where id = ${place}`;
	keeper = await moderator(place);
	[asker, peer] = await Promise.all([member(place), member(place)]);
});

/** What a visitor reads: the thread's count in its community's list, and the community's. */
async function shown(threadId: string) {
	const { threads: listed } = await threads.listInCommunity(null, slug, 'new', null);
	const community = await communities.read(null, slug);
	return {
		answers: listed.find((thread) => thread.id === threadId)?.answerCount ?? null,
		questions: community!.threadCount
	};
}

describe('counts in lists', () => {
	it('leave out held, removed and withdrawn answers, and count them again once shown', async () => {
		const { id } = await threads.ask(asker.claims, place, question());
		await posts.answer(
			peer.claims,
			id,
			reply('Wir haben gute Erfahrungen mit der Beratungsstelle.')
		);
		const crisis = await posts.answer(peer.claims, id, reply('Ich möchte nicht mehr leben.'));
		expect(crisis.held).toBe(true);
		expect((await shown(id)).answers).toBe(1);
		// The page counts what its reader sees: the writer sees their held answer.
		expect((await posts.readPage(null, id)).answerCount).toBe(1);
		expect((await posts.readPage(peer.claims, id)).answerCount).toBe(2);

		await safeguarding.releaseHeld(keeper.claims, { postId: crisis.id });
		expect((await shown(id)).answers).toBe(2);

		const target = { threadId: id, postId: crisis.id };
		await actions.remove(keeper.claims, target, 'Bitte wende dich an die Hilfetelefone.', null);
		expect((await shown(id)).answers).toBe(1);
		await actions.restore(keeper.claims, target, null, null);
		expect((await shown(id)).answers).toBe(2);

		await posts.withdraw(peer.claims, crisis.id);
		expect((await shown(id)).answers).toBe(1);
		// Replies are not answers.
		const [first] = (await posts.readPage(null, id)).answers;
		await posts.answer(asker.claims, id, reply('Danke, das probiere ich.', first.id));
		expect((await shown(id)).answers).toBe(1);
	});

	it('count a community’s questions that readers see, held, removed and moved ones left out', async () => {
		const before = (await shown('')).questions;
		const { id } = await threads.ask(
			asker.claims,
			place,
			question({ title: 'Ich will nicht mehr leben, wer hilft?' })
		);
		expect((await shown(id)).questions).toBe(before);
		await safeguarding.releaseHeld(keeper.claims, { threadId: id });
		expect((await shown(id)).questions).toBe(before + 1);

		await actions.remove(keeper.claims, { threadId: id, postId: null }, 'Nicht hier, bitte.', null);
		expect((await shown(id)).questions).toBe(before);
		await actions.restore(keeper.claims, { threadId: id, postId: null }, null, null);
		expect((await shown(id)).questions).toBe(before + 1);

		const elsewhere = await community();
		await owner`insert into public.community_moderators (community_id, member_id) values (${elsewhere}, ${keeper.id})`;
		const [{ thread_count: there }] = await owner<{ thread_count: number }[]>`
			select thread_count from public.communities where id = ${elsewhere}`;
		await actions.move(keeper.claims, id, elsewhere, null, null);
		expect((await shown(id)).questions).toBe(before);
		const [{ thread_count: after }] = await owner<{ thread_count: number }[]>`
			select thread_count from public.communities where id = ${elsewhere}`;
		expect(after).toBe(there + 1);
	});
});
