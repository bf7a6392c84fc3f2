// Posts held for review: where a community holds posts with crisis words, only
// the writer, counsellors serving the community and its moderators see them
// until one of those (never anyone else) releases them.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '$lib/server/data/db';
import * as escalations from '$lib/server/escalations';
import * as notifications from '$lib/server/forum/notifications';
import * as posts from '$lib/server/forum/posts';
import * as safeguarding from '$lib/server/safeguarding';
import * as search from '$lib/server/forum/search';
import * as threads from '$lib/server/forum/threads';
import {
	anAdmin,
	community,
	counsellor,
	member,
	moderator,
	owner,
	question,
	reply,
	type TestMember
} from './support';

let holding: string;
let threadId: string;
let writer: TestMember;
let peer: TestMember;
let serving: TestMember;
let elsewhere: TestMember;
let mod: TestMember;
let admin: TestMember;

beforeAll(async () => {
	holding = await community({ crisisPolicy: 'hold' });
	[writer, peer, serving, elsewhere, mod, admin] = await Promise.all([
		member(holding),
		member(holding),
		counsellor([holding]),
		counsellor([await community()]),
		moderator(holding),
		anAdmin()
	]);
	threadId = (await threads.ask(peer.claims, holding, question())).id;
});

/** The member's notifications of an answer or reply to them about this post. */
const answerNotifications = async (someone: TestMember, postId: string) =>
	(await notifications.list(someone.claims)).filter((each) => each.postId === postId).length;

const sees = async (claims: Claims | null, postId: string) =>
	(await posts.readPage(claims, threadId)).answers.some((post) => post.id === postId);

describe('a held post', () => {
	let postId: string;
	beforeAll(async () => {
		const written = await posts.answer(writer.claims, threadId, reply('Ich habe Suizidgedanken.'));
		expect(written).toMatchObject({ crisis: true, held: true });
		postId = written.id;
	});

	it('is seen by its writer, serving counsellors and moderators, marked as held', async () => {
		for (const someone of [writer, serving, mod])
			expect(await sees(someone.claims, postId)).toBe(true);
		const [post] = (await posts.readPage(serving.claims, threadId)).answers.filter(
			(each) => each.id === postId
		);
		expect(post).toMatchObject({ held: true, bodyHtml: '<p>Ich habe Suizidgedanken.</p>' });
	});

	it('is not told to the asker while held: no notification, so no mail', async () => {
		expect(await answerNotifications(peer, postId)).toBe(0);
	});

	it('is hidden from visitors, members, counsellors serving elsewhere and admins', async () => {
		expect(await sees(null, postId)).toBe(false);
		for (const someone of [peer, elsewhere, admin])
			expect(await sees(someone.claims, postId)).toBe(false);
	});

	it('cannot be answered by others, nor released by them', async () => {
		const refusal = { code: '42501', hint: 'escalation_not_serving' };
		for (const someone of [writer, peer, elsewhere, admin]) {
			await expect(safeguarding.releaseHeld(someone.claims, { postId })).rejects.toMatchObject(
				refusal
			);
		}
		await expect(
			posts.answer(peer.claims, threadId, reply('Antwort auf Zurückgehaltenes', postId))
		).rejects.toMatchObject({ code: '42501' });
	});

	it('is published once a moderator releases it, which the item’s history records', async () => {
		await safeguarding.releaseHeld(mod.claims, { postId });
		expect(await sees(null, postId)).toBe(true);
		// Now the asker learns of the answer, once.
		expect(await answerNotifications(peer, postId)).toBe(1);
		const [item] = (await escalations.queue(serving.claims, { communityId: holding })).items;
		expect((await escalations.read(serving.claims, item.id))?.history.at(-1)).toMatchObject({
			kind: 'content_released',
			actor: mod.pseudonym,
			postId
		});
		await expect(safeguarding.releaseHeld(serving.claims, { postId })).rejects.toMatchObject({
			message: 'This post is not held'
		});
	});
});

describe('a held question', () => {
	it('is missing from lists and search for others until a counsellor releases it', async () => {
		const word = `zqheld${randomUUID().replace(/[^a-f]/g, '')}`; // letters only: one word
		const { id, held } = await threads.ask(
			writer.claims,
			holding,
			question({ title: `Wir wissen nicht weiter ${word}`, body: 'Er sagt, er will sterben.' })
		);
		expect(held).toBe(true);
		const [{ slug }] = await owner<{ slug: string }[]>`
			select slug from public.communities where id = ${holding}`;
		const listed = async (claims: Claims | null) =>
			(await threads.listInCommunity(claims, slug, 'new', null)).threads.map((t) => t.id);
		const found = async (claims: Claims | null) =>
			(await search.threads(claims, { q: word })).results.map((result) => result.id);
		expect(await listed(peer.claims)).not.toContain(id);
		expect(await found(peer.claims)).toEqual([]);
		expect(await listed(writer.claims)).toContain(id);

		await safeguarding.releaseHeld(serving.claims, { threadId: id });
		expect(await listed(null)).toContain(id);
		expect(await found(null)).toEqual([id]);
		expect(await threads.read(null, id)).toMatchObject({ held: false });
	});
});
