// Automatic protection before a moderator looks: hiding after enough flags, holding
// a new member's first post, and watched words that block, hold or flag.
import { beforeAll, describe, expect, it } from 'vitest';
import * as moderationActions from '$lib/server/moderation/actions';
import * as posts from '$lib/server/forum/posts';
import * as threads from '$lib/server/forum/threads';
import {
	community,
	flagPost,
	member,
	moderator,
	notificationsOf,
	openItem,
	owner,
	question,
	reply,
	settle,
	type TestMember
} from './support';

let home: string;
let asker: TestMember;
let writer: TestMember;
let reader: TestMember;
let mod: TestMember;
let threadId: string;

beforeAll(async () => {
	home = await community();
	[asker, writer, reader, mod] = await Promise.all([
		member(home),
		member(home),
		member(home),
		moderator(home)
	]);
	threadId = (await threads.ask(asker.claims, home, question())).id;
});

const seenBy = async (claims: TestMember['claims'] | null, postId: string) =>
	(await posts.readPage(claims, threadId)).answers.some((post) => post.id === postId);

describe('hiding after flags', () => {
	it('hides a post pending review once as many members flagged it as the community says', async () => {
		await settle(home, { threshold: 2 });
		const { id: postId } = await posts.answer(writer.claims, threadId, reply('Grenzwertig.'));
		const [first, second] = await Promise.all([member(home), member(home)]);
		await flagPost(first.claims, postId, 'abuse');
		expect(await seenBy(reader.claims, postId)).toBe(true);
		await flagPost(second.claims, postId, 'spam');
		expect(await seenBy(reader.claims, postId)).toBe(false);
		expect(await seenBy(null, postId)).toBe(false);
		expect(await seenBy(writer.claims, postId)).toBe(true);
		const item = await openItem(mod.claims, { threadId, postId });
		expect(item).toMatchObject({ held: true, automatic: ['auto_hidden'] });
		// Dismissing the flags approves the post: it is back for everyone.
		await moderationActions.dismiss(mod.claims, { itemId: item!.id, version: item!.version }, null);
		expect(await seenBy(reader.claims, postId)).toBe(true);
		await settle(home, {});
	});

	it('counts one flag per member, and not "needs a professional"', async () => {
		const { id: postId } = await posts.answer(writer.claims, threadId, reply('Auch grenzwertig.'));
		const flaggers = await Promise.all([member(home), member(home), member(home)]);
		await flagPost(flaggers[0].claims, postId, 'abuse');
		await expect(flagPost(flaggers[0].claims, postId, 'spam')).rejects.toMatchObject({
			code: '23505'
		});
		await flagPost(flaggers[1].claims, postId, 'needs_professional');
		expect(await seenBy(reader.claims, postId)).toBe(true);
		await flagPost(flaggers[2].claims, postId, 'off_topic');
		expect(await seenBy(reader.claims, postId)).toBe(true);
	});
});

describe('a new member’s first post', () => {
	it('waits for approval where the community asks for it; later ones do not', async () => {
		const held = await community();
		await settle(held, { holdFirstPosts: true });
		const [newcomer, heldMod] = await Promise.all([member(held), moderator(held)]);
		const question1 = await threads.ask(newcomer.claims, held, question());
		expect(question1.held).toBe(true);
		expect(await threads.read(reader.claims, question1.id)).toBeNull();
		const item = await openItem(heldMod.claims, { threadId: question1.id });
		expect(item?.automatic).toEqual(['held_first_post']);
		await moderationActions.dismiss(
			heldMod.claims,
			{ itemId: item!.id, version: item!.version },
			null
		);
		expect(await threads.read(reader.claims, question1.id)).not.toBeNull();
		const second = await posts.answer(newcomer.claims, question1.id, reply('Nachtrag'));
		expect(second.held).toBe(false);
	});

	it('tells the asker of a held first answer only once a moderator let it through', async () => {
		const held = await community();
		await settle(held, { holdFirstPosts: true });
		// The asker is the moderator: a moderator's question is never held.
		const [newcomer, heldMod] = await Promise.all([member(held), moderator(held)]);
		const asked = await threads.ask(heldMod.claims, held, question());
		const answered = await posts.answer(newcomer.claims, asked.id, reply('Erste Antwort'));
		expect(answered.held).toBe(true);
		const answers = async () =>
			(await notificationsOf(heldMod.id)).filter((n) => n.kind === 'answer').length;
		expect(await answers()).toBe(0);
		const item = await openItem(heldMod.claims, { threadId: asked.id, postId: answered.id });
		await moderationActions.dismiss(
			heldMod.claims,
			{ itemId: item!.id, version: item!.version },
			null
		);
		expect(await answers()).toBe(1);
	});

	it('does not hold posts where the community does not ask for it', async () => {
		const newcomer = await member(home);
		expect((await posts.answer(newcomer.claims, threadId, reply('Hallo zusammen'))).held).toBe(
			false
		);
	});
});

describe('watched words', () => {
	let words: string;
	beforeAll(async () => {
		words = await community();
		await owner`
			insert into public.watched_words (community_id, word, action) values
				(${words}, 'Vollidiot', 'block'), (${words}, 'kauf*', 'hold'), (${words}, 'Anwalt Müller', 'flag')`;
	});

	it('blocks a text with a blocked word and names the word (any case or accent)', async () => {
		const writer = await member(words);
		await expect(
			threads.ask(writer.claims, words, question({ body: 'So ein VOLLIDIÓT!' }))
		).rejects.toMatchObject({ hint: 'moderation_watched_word_blocked', detail: 'Vollidiot' });
	});

	it('leaves words that only contain a watched word alone', async () => {
		const writer = await member(words);
		const asked = await threads.ask(
			writer.claims,
			words,
			question({ body: 'Ein Vollidiotentest ist das nicht.' })
		);
		expect(asked.held).toBe(false);
	});

	it('holds a text with a held word (and its longer forms) for approval', async () => {
		const [writer, wordsMod] = await Promise.all([member(words), moderator(words)]);
		const asked = await threads.ask(
			writer.claims,
			words,
			question({ body: 'Hier kaufen Sie günstig!' })
		);
		expect(asked.held).toBe(true);
		expect((await openItem(wordsMod.claims, { threadId: asked.id }))?.automatic).toEqual([
			'held_watched_word'
		]);
	});

	it('puts a text with a flagged word in the queue without hiding it', async () => {
		const [writer, wordsMod] = await Promise.all([member(words), moderator(words)]);
		const asked = await threads.ask(
			writer.claims,
			words,
			question({ body: 'Anwalt Müller hat uns gut beraten.' })
		);
		expect(asked.held).toBe(false);
		expect((await openItem(wordsMod.claims, { threadId: asked.id }))?.automatic).toEqual([
			'flagged_watched_word'
		]);
	});

	it('checks edits too', async () => {
		const writer = await member(words);
		const asked = await threads.ask(writer.claims, words, question());
		await expect(
			threads.edit(writer.claims, asked.id, {
				title: 'Eine ganz normale Frage hier',
				body: 'Du Vollidiot',
				tags: []
			})
		).rejects.toMatchObject({ hint: 'moderation_watched_word_blocked' });
	});

	it('does not apply to the community’s moderators', async () => {
		const wordsMod = await moderator(words);
		const asked = await threads.ask(
			wordsMod.claims,
			words,
			question({ body: 'Bitte nicht "Vollidiot" schreiben.' })
		);
		expect(asked.held).toBe(false);
	});
});
