// Every version of a question, answer or reply, for its author and the community's
// moderators only: another member, a visitor and another community's moderator find no
// page. A withdrawal keeps its text as a version, shown once however often it is
// withdrawn and undone.
import { beforeAll, describe, expect, it } from 'vitest';
import * as posts from '$lib/server/posts';
import * as threads from '$lib/server/threads';
import * as versions from '$lib/server/versions';
import {
	community,
	member,
	moderator,
	question,
	reply,
	type TestMember
} from './escalations/support';

let place: string;
let asker: TestMember;
let peer: TestMember;
let other: TestMember;
let keeper: TestMember;
let elsewhere: TestMember;

beforeAll(async () => {
	place = await community();
	[asker, peer, other, keeper, elsewhere] = await Promise.all([
		member(place),
		member(place),
		member(place),
		moderator(place),
		community().then(moderator)
	]);
});

const bodies = (shown: versions.Versions | null) => shown?.versions.map((v) => v.body);

describe('versions of a question', () => {
	it('are read by the asker and the community’s moderators, with the changes marked', async () => {
		const first = question({ title: 'Wie beantrage ich den Pflegegrad für Oma?' });
		const { id } = await threads.ask(asker.claims, place, first);
		await threads.edit(asker.claims, id, {
			title: 'Wie beantrage ich den Pflegegrad für Opa?',
			body: 'Wir warten auf den Bescheid.',
			tags: []
		});
		await threads.edit(asker.claims, id, {
			title: 'Wie beantrage ich den Pflegegrad für Opa?',
			body: 'Wir warten seit Mai auf den Bescheid.',
			tags: []
		});
		const shown = await versions.ofThread(asker.claims, id);
		expect(shown).toMatchObject({ threadId: id, kind: 'question', withdrawnAt: null });
		expect(bodies(shown)).toEqual([
			'Wir warten seit Mai auf den Bescheid.',
			'Wir warten auf den Bescheid.',
			first.body
		]);
		const [third, second, original] = shown!.versions;
		expect(third.titleChanges).toBeNull();
		expect(third.bodyChanges?.filter((c) => c.kind !== 'same')).toEqual([
			{ text: 'seit Mai ', kind: 'added' }
		]);
		expect(second.titleChanges?.filter((c) => c.kind !== 'same')).toEqual([
			{ text: 'Oma', kind: 'removed' },
			{ text: 'Opa', kind: 'added' }
		]);
		expect(original).toMatchObject({ number: 1, bodyChanges: null, title: first.title });
		expect(await versions.ofThread(keeper.claims, id)).toEqual(shown);
	});

	it('are no page for another member, a visitor, or another community’s moderator', async () => {
		const { id } = await threads.ask(asker.claims, place, question());
		await threads.edit(asker.claims, id, {
			title: 'Eine bearbeitete Frage zum Pflegegrad',
			body: 'Neuer Text.',
			tags: []
		});
		expect(await versions.ofThread(other.claims, id)).toBeNull();
		expect(await versions.ofThread(null, id)).toBeNull();
		expect(await versions.ofThread(elsewhere.claims, id)).toBeNull();
		expect(await versions.ofThread(peer.claims, id)).toBeNull();
	});
});

describe('versions of an answer or reply', () => {
	it('are read by its author and the moderators, not by the asker or others', async () => {
		const { id: threadId } = await threads.ask(asker.claims, place, question());
		const { id: answerId } = await posts.answer(peer.claims, threadId, reply('Erste Fassung.'));
		const { id: replyId } = await posts.answer(
			other.claims,
			threadId,
			reply('Eine Rückfrage.', answerId)
		);
		await posts.edit(peer.claims, answerId, 'Zweite Fassung.');
		for (const reader of [peer, keeper]) {
			expect(await versions.ofPost(reader.claims, answerId)).toMatchObject({
				threadId,
				kind: 'answer',
				versions: [
					{ number: 2, body: 'Zweite Fassung.', title: null },
					{ number: 1, body: 'Erste Fassung.' }
				]
			});
		}
		for (const reader of [asker, other, elsewhere]) {
			expect(await versions.ofPost(reader.claims, answerId)).toBeNull();
		}
		expect(await versions.ofPost(null, answerId)).toBeNull();
		expect(await versions.ofPost(other.claims, replyId)).toMatchObject({
			kind: 'reply',
			versions: [{ number: 1, body: 'Eine Rückfrage.' }]
		});
	});

	it('show a withdrawn text once, however often it was withdrawn and undone', async () => {
		const { id: threadId } = await threads.ask(asker.claims, place, question());
		const { id } = await posts.answer(peer.claims, threadId, reply('Erste Fassung.'));
		await posts.edit(peer.claims, id, 'Zweite Fassung.');
		await posts.withdraw(peer.claims, id);
		await posts.undoWithdrawal(peer.claims, id);
		await posts.withdraw(peer.claims, id);
		const shown = await versions.ofPost(keeper.claims, id);
		expect(shown?.withdrawnAt).toBeInstanceOf(Date);
		expect(bodies(shown)).toEqual(['Zweite Fassung.', 'Erste Fassung.']);
		await posts.undoWithdrawal(peer.claims, id);
		expect(await versions.ofPost(peer.claims, id)).toMatchObject({
			withdrawnAt: null,
			versions: [{ number: 2, body: 'Zweite Fassung.' }, { number: 1 }]
		});
	});
});
