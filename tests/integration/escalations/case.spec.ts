// The whole case for the counsellor: the posts that raised the item, and whether members
// already solved the thread (in the queue and on the item).
import { beforeAll, describe, expect, it } from 'vitest';
import * as escalations from '$lib/server/escalations';
import * as posts from '$lib/server/posts';
import * as threads from '$lib/server/threads';
import { community, counsellor, member, question, reply, type TestMember } from './support';

let served: string;
let anna: TestMember;

beforeAll(async () => {
	served = await community();
	anna = await counsellor([served]);
});

const itemFor = async (threadId: string) =>
	(await escalations.queue(anna.claims, { communityId: served })).items.find(
		(each) => each.threadId === threadId
	)!;

describe('a case', () => {
	it('holds the posts that raised it, held ones too, and nothing else', async () => {
		const [asker, peer] = await Promise.all([member(served), member(served)]);
		const { id: threadId } = await threads.ask(asker.claims, served, question());
		const quiet = await posts.answer(peer.claims, threadId, reply('Wir hatten das auch.'));
		const flagged = await posts.answer(peer.claims, threadId, reply('Gib ihm einfach Tabletten.'));
		await escalations.flag(asker.claims, { postId: flagged.id }, { reason: 'dangerous_advice' });
		const item = await escalations.read(anna.claims, (await itemFor(threadId)).id);
		expect(item!.posts.map((post) => post.id)).toEqual([flagged.id]);
		expect(item!.posts[0]).toMatchObject({ held: false, removed: false, withdrawn: false });
		expect(item!.posts[0].bodyHtml).toContain('Tabletten');
		expect(item!.posts.map((post) => post.id)).not.toContain(quiet.id);
	});

	it('says when members already solved the thread, in the queue and on the item', async () => {
		const [asker, peer] = await Promise.all([member(served), member(served)]);
		const { id: threadId } = await threads.ask(
			asker.claims,
			served,
			question({ wantsProfessional: true })
		);
		expect(await itemFor(threadId)).toMatchObject({ solved: false });
		const answer = await posts.answer(peer.claims, threadId, reply('So ging es bei uns.'));
		await threads.accept(asker.claims, threadId, answer.id);
		const queued = await itemFor(threadId);
		expect(queued).toMatchObject({ solved: true });
		expect(await escalations.read(anna.claims, queued.id)).toMatchObject({
			solved: true,
			posts: []
		});
	});
});
