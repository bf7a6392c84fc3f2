// What happens when a crisis is written or reported: edits tell the writer as new posts
// do, harmless contexts go to a counsellor's review instead of being held, a crisis wins
// over a blocked watched word, and a crisis report reaches the counsellors, urgent, even
// after the same member flagged the thread for another reason.
import { beforeAll, describe, expect, it } from 'vitest';
import * as escalations from '$lib/server/escalations';
import * as moderation from '$lib/server/moderation';
import * as ownFlags from '$lib/server/own-flags';
import * as posts from '$lib/server/posts';
import * as threads from '$lib/server/threads';
import {
	community,
	counsellor,
	escalationsOf,
	historyKinds,
	member,
	moderator,
	owner,
	question,
	reply,
	type TestMember
} from './support';

let holding: string; // holds posts with crisis words
let professional: TestMember;

beforeAll(async () => {
	holding = await community({ crisisPolicy: 'hold' });
	professional = await counsellor([holding]);
});

const itemFor = async (threadId: string) =>
	(await escalations.queue(professional.claims)).items.find((item) => item.threadId === threadId);

describe('an edit that adds crisis words', () => {
	it('tells the writer of a question, holds it and makes its item urgent', async () => {
		const asker = await member(holding);
		const { id } = await threads.ask(asker.claims, holding, question());
		const edited = await threads.edit(asker.claims, id, {
			title: 'Ich weiß nicht mehr weiter',
			body: 'Ich habe schon einen Abschiedsbrief geschrieben.',
			tags: []
		});
		expect(edited).toEqual({ id, crisis: true, held: true });
		expect(await itemFor(id)).toMatchObject({ priority: 'urgent', triggers: ['crisis'] });
	});

	it('tells the writer of an answer; an edit without them tells nothing', async () => {
		const [asker, peer] = await Promise.all([member(holding), member(holding)]);
		const { id } = await threads.ask(asker.claims, holding, question());
		const answer = await posts.answer(peer.claims, id, reply('Wir kennen das gut.'));
		expect(
			await posts.edit(peer.claims, answer.id, 'Wir kennen das, bei uns war es schwer.')
		).toEqual({
			id: answer.id,
			crisis: false,
			held: false
		});
		expect(await posts.edit(peer.claims, answer.id, 'I can’t keep myself safe tonight.')).toEqual({
			id: answer.id,
			crisis: true,
			held: true
		});
	});
});

describe('a crisis subject in a harmless context', () => {
	it('is published and goes to a counsellor for review, not urgent', async () => {
		const asker = await member(holding);
		const written = await threads.ask(
			asker.claims,
			holding,
			question({ body: 'Unsere Schule lädt zu einem Elternabend über Suizidprävention ein.' })
		);
		expect(written).toMatchObject({ crisis: false, held: false });
		expect(await threads.read(null, written.id)).toMatchObject({ held: false });
		const item = await itemFor(written.id);
		expect(item).toMatchObject({ priority: 'normal', triggers: ['crisis_review'] });
		expect((await escalations.read(professional.claims, item!.id))?.history[0]).toMatchObject({
			kind: 'opened',
			trigger: 'crisis_review',
			detail: 'suizidpraevention'
		});
	});

	it('becomes urgent when an edit says someone is at risk', async () => {
		const asker = await member(holding);
		const { id } = await threads.ask(
			asker.claims,
			holding,
			question({ body: 'Training for staff on recognising self-harm is on Tuesday.' })
		);
		await threads.edit(asker.claims, id, {
			title: 'After the training',
			body: 'After the training on self-harm my daughter told me she cuts herself.',
			tags: []
		});
		const [item] = await escalationsOf(id);
		expect(item.priority).toBe('urgent');
		// Raised to urgent, the item alerts its counsellors at once.
		expect(await historyKinds(item.id)).toEqual(['opened', 'raised', 'alerted']);
	});
});

describe('a crisis and a blocked watched word', () => {
	let words: string;
	let mod: TestMember;
	let watcher: TestMember;
	beforeAll(async () => {
		words = await community();
		[mod, watcher] = await Promise.all([moderator(words), counsellor([words])]);
		await owner`insert into public.watched_words (community_id, word, action) values (${words}, 'suizid*', 'block')`;
	});

	it('holds the text instead of refusing it, and keeps the urgent item', async () => {
		const writer = await member(words);
		const written = await threads.ask(
			writer.claims,
			words,
			question({ body: 'Ich denke jeden Tag an Suizid und will nicht mehr leben.' })
		);
		expect(written).toMatchObject({ crisis: true, held: true });
		expect(await threads.read(null, written.id)).toBeNull();
		const items = (await escalations.queue(watcher.claims)).items;
		expect(items.find((item) => item.threadId === written.id)).toMatchObject({
			priority: 'urgent'
		});
		const { items: moderated } = await moderation.queue(mod.claims);
		expect(moderated.find((item) => item.threadId === written.id)).toMatchObject({
			automatic: ['held_watched_word']
		});
	});

	it('still refuses the word where no crisis is', async () => {
		const writer = await member(words);
		await expect(
			threads.ask(writer.claims, words, question({ body: 'Ein Vortrag zur Suizidprävention.' }))
		).rejects.toMatchObject({ hint: 'moderation_watched_word_blocked', detail: 'suizid*' });
	});
});

describe('a crisis report', () => {
	it('follows a member’s “needs a professional” on the same thread and makes the item urgent', async () => {
		const [asker, peer] = await Promise.all([member(holding), member(holding)]);
		const { id } = await threads.ask(asker.claims, holding, question());
		await escalations.flag(peer.claims, { threadId: id });
		expect(await itemFor(id)).toMatchObject({ priority: 'normal' });
		await escalations.flag(
			peer.claims,
			{ threadId: id },
			{ reason: 'crisis', note: 'Sie hat von Tabletten geschrieben.' }
		);
		const item = await itemFor(id);
		expect(item).toMatchObject({ priority: 'urgent' });
		expect(item!.dueAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);
		await expect(
			escalations.flag(peer.claims, { threadId: id }, { reason: 'crisis' })
		).rejects.toMatchObject({ code: '23505' });
		await expect(
			escalations.flag(peer.claims, { threadId: id }, { reason: 'spam' })
		).rejects.toMatchObject({ code: '23505' });
	});

	it('goes to the counsellors, not to the moderators’ queue, and is known to its reporter alone', async () => {
		const [asker, peer, other, mod] = await Promise.all([
			member(holding),
			member(holding),
			member(holding),
			moderator(holding)
		]);
		const { id } = await threads.ask(asker.claims, holding, question());
		const answer = await posts.answer(asker.claims, id, reply('Danke euch allen.'));
		await escalations.flag(peer.claims, { postId: answer.id }, { reason: 'crisis' });
		expect(await itemFor(id)).toMatchObject({ priority: 'urgent', triggers: ['flag'] });
		const { items } = await moderation.queue(mod.claims);
		expect(items.filter((item) => item.threadId === id)).toEqual([]);
		const target = { threadId: id, postId: answer.id, reason: 'crisis' };
		expect(await ownFlags.reported(peer.claims, target)).toBe(true);
		expect(await ownFlags.reported(other.claims, target)).toBe(false);
		expect(await ownFlags.reported(peer.claims, { ...target, postId: null })).toBe(false);
		expect(await ownFlags.reported(peer.claims, { ...target, reason: 'spam' })).toBe(false);
	});
});
