// The author undoes a withdrawal within 24 hours, enforced in Postgres: only the author,
// only in time by public.clock(), only back to the text the withdrawal kept. The undo
// writes no version, leaves the edit mark, and every count and state that followed the
// withdrawal follows it back: answer counts, peer answers, search, answering, crisis
// items and holds, watched words, the unanswered escalation.
import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as communities from '$lib/server/forum/communities';
import { transaction } from '$lib/server/data/db';
import { storeRendered } from '$lib/server/forum/markdown';
import * as posts from '$lib/server/forum/posts';
import * as safeguarding from '$lib/server/safeguarding';
import * as search from '$lib/server/forum/search';
import * as threads from '$lib/server/forum/threads';
import {
	askedAgo,
	atTime,
	community,
	escalationsOf,
	later,
	member,
	moderator,
	owner,
	question,
	reply,
	rolledBackAt,
	type TestMember
} from './escalations/support';

const hours = (n: number) => n * 3_600_000;
/** A word of letters no other text has, for search. */
const unique = (stem: string) => {
	const letters = randomUUID().replace(/[^a-f]/g, '');
	return `${stem}${letters.slice(0, 6)}x`;
};
const refused = { code: '42501', hint: 'withdrawn_unchangeable' };

let place: string;
let slug: string;
let asker: TestMember;
let peer: TestMember;
let other: TestMember;
let keeper: TestMember;
beforeAll(async () => {
	// Crisis words hold a post here until someone has looked; no peer answer in 48 hours escalates.
	place = await community({ crisisPolicy: 'hold' });
	[{ slug }] = await owner<{ slug: string }[]>`
		select slug from public.communities where id = ${place}`;
	[peer, other, keeper] = await Promise.all([member(place), member(place), moderator(place)]);
});
// An asker per test: members ask at most 5 questions an hour.
beforeEach(async () => {
	asker = await member(place);
});

const threadState = async (id: string) =>
	(
		await owner`select title, body_markdown, edited_at, withdrawn_at, answer_count, peer_answered,
			accepted_post_id, version from public.threads where id = ${id}`
	)[0];
const postState = async (id: string) =>
	(
		await owner`select body_markdown, body_html, edited_at, withdrawn_at, held_at
			from public.posts where id = ${id}`
	)[0];
const revisionCount = async (column: 'thread_id' | 'post_id', id: string) =>
	(await owner`select count(*)::int as n from public.revisions where ${owner(column)} = ${id}`)[0]
		.n;
const found = async (word: string) =>
	(await search.threads(null, { q: word, communitySlug: slug })).results.map((r) => r.id);

describe('undoing an answer’s withdrawal in time', () => {
	it('brings back its text and HTML without a new version, edit mark, counts and search as before', async () => {
		const word = unique('pflegedienst');
		const { id: threadId } = await threads.ask(asker.claims, place, question());
		const { id } = await posts.answer(peer.claims, threadId, reply(`Unser **${word}** half.`));
		await threads.accept(asker.claims, threadId, id);
		const before = await postState(id);
		expect(await threadState(threadId)).toMatchObject({
			answer_count: 1,
			peer_answered: true,
			accepted_post_id: id
		});
		expect(await found(word)).toEqual([threadId]);

		await posts.withdraw(peer.claims, id);
		const withdrawn = await threadState(threadId);
		expect(withdrawn).toMatchObject({
			answer_count: 0,
			peer_answered: false,
			accepted_post_id: null
		});
		expect(await found(word)).toEqual([]);

		await posts.undoWithdrawal(peer.claims, id);
		expect(await postState(id)).toEqual({ ...before, withdrawn_at: null });
		expect(before.body_html).toContain(`<strong>${word}</strong>`);
		expect(await revisionCount('post_id', id)).toBe(1);
		const undone = await threadState(threadId);
		// Not accepted again by itself: the asker may have chosen another meanwhile.
		expect(undone).toMatchObject({ answer_count: 1, peer_answered: true, accepted_post_id: null });
		expect(Number(undone.version)).toBeGreaterThan(Number(withdrawn.version));
		expect(await found(word)).toEqual([threadId]);
		await threads.accept(asker.claims, threadId, id);
		expect((await threadState(threadId)).accepted_post_id).toBe(id);
		// The page shows the author the undo no longer: it is not withdrawn.
		const page = await posts.readPage(peer.claims, threadId);
		expect(page.answers[0]).toMatchObject({ id, withdrawn: false, undoUntil: null });
	});

	it('is offered to the author alone, with its end', async () => {
		const { id: threadId } = await threads.ask(asker.claims, place, question());
		const { id } = await posts.answer(peer.claims, threadId, reply('Eine Antwort.'));
		await posts.withdraw(peer.claims, id);
		const [{ withdrawn_at }] = await owner`select withdrawn_at from public.posts where id = ${id}`;
		const mine = (await posts.readPage(peer.claims, threadId)).answers[0];
		expect(mine.undoUntil).toEqual(later(withdrawn_at, hours(24)));
		for (const reader of [other.claims, keeper.claims, null]) {
			expect((await posts.readPage(reader, threadId)).answers[0].undoUntil).toBeNull();
		}
	});
});

describe('undoing a question’s withdrawal in time', () => {
	it('brings back title and text as withdrawn, found and answerable again, the edit mark kept', async () => {
		const word = unique('widerspruch');
		const { id } = await threads.ask(asker.claims, place, question());
		await threads.edit(asker.claims, id, {
			title: 'Unsere geänderte Frage zum Bescheid',
			body: `Wir schreiben einen ${word}.`,
			tags: []
		});
		const before = await threadState(id);
		const [{ thread_count: count }] = await owner`
			select thread_count from public.communities where id = ${place}`;
		await threads.withdraw(asker.claims, id);
		expect(await found(word)).toEqual([]);
		await expect(posts.answer(peer.claims, id, reply('Zu spät.'))).rejects.toMatchObject({
			code: '42501'
		});
		expect((await threads.read(asker.claims, id))?.undoUntil).toBeInstanceOf(Date);
		expect((await threads.read(keeper.claims, id))?.undoUntil).toBeNull();

		await threads.undoWithdrawal(asker.claims, id);
		const undone = await threadState(id);
		expect(undone).toMatchObject({
			title: 'Unsere geänderte Frage zum Bescheid',
			body_markdown: `Wir schreiben einen ${word}.`,
			edited_at: before.edited_at,
			withdrawn_at: null
		});
		expect(await revisionCount('thread_id', id)).toBe(2);
		expect((await threads.read(null, id))?.bodyHtml).toContain(word);
		expect(await found(word)).toEqual([id]);
		const [{ thread_count: after }] = await owner`
			select thread_count from public.communities where id = ${place}`;
		expect(after).toBe(count);
		await posts.answer(peer.claims, id, reply('Jetzt wieder möglich.'));
		expect((await communities.read(null, slug))?.threadCount).toBe(after);
	});

	it('lets the unanswered escalation find it again once undone', async () => {
		const { id } = await threads.ask(asker.claims, place, question());
		await askedAgo(id, hours(49));
		await threads.withdraw(asker.claims, id);
		// The job as of now, rolled back: it changes nothing for other tests.
		const escalatedNow = async () => {
			let opened = 0;
			await rolledBackAt(new Date(), async (tx) => {
				await tx`select public.open_unanswered_escalations()`;
				opened = (await tx`select 1 from public.escalations where thread_id = ${id}`).length;
			});
			return opened;
		};
		expect(await escalatedNow()).toBe(0);
		await threads.undoWithdrawal(asker.claims, id);
		expect(await escalatedNow()).toBe(1);
	});
});

describe('refused undos', () => {
	it('after 24 hours by the database’s clock, as for an answer and a question', async () => {
		const { id: threadId } = await threads.ask(asker.claims, place, question());
		const { id } = await posts.answer(peer.claims, threadId, reply('Eine Antwort.'));
		await posts.withdraw(peer.claims, id);
		await threads.withdraw(asker.claims, threadId);
		const tooLate = later(new Date(), hours(24) + 60_000);
		await expect(
			atTime(peer.claims, tooLate, (tx) => posts.undoWithdrawal(peer.claims, id, tx))
		).rejects.toMatchObject(refused);
		await expect(
			atTime(asker.claims, tooLate, (tx) => threads.undoWithdrawal(asker.claims, threadId, tx))
		).rejects.toMatchObject(refused);
		// Past its end the page no longer offers it either.
		const page = await atTime(peer.claims, tooLate, (tx) =>
			posts.readPage(peer.claims, threadId, {}, tx)
		);
		expect(page.answers[0].undoUntil).toBeNull();
		const inTime = later(new Date(), hours(23));
		await atTime(peer.claims, inTime, (tx) => posts.undoWithdrawal(peer.claims, id, tx));
		await atTime(asker.claims, inTime, (tx) => threads.undoWithdrawal(asker.claims, threadId, tx));
		expect((await postState(id)).withdrawn_at).toBeNull();
		expect((await threadState(threadId)).withdrawn_at).toBeNull();
	});

	it('for anyone but the author: another member, the moderator, and in the database itself', async () => {
		const { id: threadId } = await threads.ask(asker.claims, place, question());
		const { id } = await posts.answer(peer.claims, threadId, reply('Eine Antwort.'));
		await posts.withdraw(peer.claims, id);
		await threads.withdraw(asker.claims, threadId);
		for (const someone of [other, keeper, asker]) {
			await expect(posts.undoWithdrawal(someone.claims, id)).rejects.toThrow('Not allowed');
		}
		for (const someone of [other, keeper, peer]) {
			await expect(threads.undoWithdrawal(someone.claims, threadId)).rejects.toThrow('Not allowed');
		}
		// Past the policies (as a security definer function would be), the trigger still asks who.
		await expect(
			owner.begin(async (tx) => {
				await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub: keeper.id, role: 'authenticated' })}, true)`;
				await tx`update public.posts set withdrawn_at = null, body_markdown = 'Eine Antwort.' where id = ${id}`;
			})
		).rejects.toMatchObject(refused);
		expect((await postState(id)).withdrawn_at).not.toBeNull();
	});

	it('back to any text but the one withdrawn: a new one, an earlier version, or none', async () => {
		const { id: threadId } = await threads.ask(asker.claims, place, question());
		const { id } = await posts.answer(peer.claims, threadId, reply('Erste Fassung.'));
		await posts.edit(peer.claims, id, 'Zweite Fassung.');
		await posts.withdraw(peer.claims, id);
		const restore = (body: string) =>
			transaction(peer.claims, async (tx) => {
				await Promise.all([
					storeRendered(tx, body),
					tx`update public.posts set withdrawn_at = null, body_markdown = ${body} where id = ${id}`
				]);
			});
		for (const body of ['Ganz neuer Text.', 'Erste Fassung.']) {
			await expect(restore(body)).rejects.toMatchObject(refused);
		}
		await expect(
			transaction(
				peer.claims,
				(tx) => tx`update public.posts set withdrawn_at = null where id = ${id}`
			)
		).rejects.toMatchObject(refused);
		// A question's title belongs to its text: another title is refused too.
		await threads.withdraw(asker.claims, threadId);
		const [{ title, body_markdown: body }] = await owner`
			select title, body_markdown from public.revisions where thread_id = ${threadId}
			order by replaced_at desc, id desc limit 1`;
		await expect(
			transaction(asker.claims, async (tx) => {
				await Promise.all([
					storeRendered(tx, body),
					tx`update public.threads set withdrawn_at = null, title = ${`${title} neu`}, body_markdown = ${body}
						where id = ${threadId}`
				]);
			})
		).rejects.toMatchObject(refused);
		await restore('Zweite Fassung.');
		expect((await postState(id)).body_markdown).toBe('Zweite Fassung.');
	});
});

describe('an undone withdrawal and the checks the text passed when written', () => {
	it('opens no new crisis item and does not hold a released post again', async () => {
		const { id: threadId } = await threads.ask(asker.claims, place, question());
		const { id } = await posts.answer(peer.claims, threadId, reply('Er sagt, er will sterben.'));
		expect((await postState(id)).held_at).not.toBeNull();
		await safeguarding.releaseHeld(keeper.claims, { postId: id });
		const items = (await escalationsOf(threadId)).length;
		expect(items).toBeGreaterThan(0);
		await posts.withdraw(peer.claims, id);
		await posts.undoWithdrawal(peer.claims, id);
		expect(await postState(id)).toMatchObject({
			held_at: null,
			body_markdown: 'Er sagt, er will sterben.'
		});
		expect(await escalationsOf(threadId)).toHaveLength(items);
	});

	it('adds nothing to a watched word’s moderation item', async () => {
		const word = unique('zankwort');
		await owner`insert into public.watched_words (community_id, word, action) values (${place}, ${word}, 'flag')`;
		const { id: threadId } = await threads.ask(asker.claims, place, question());
		const { id } = await posts.answer(peer.claims, threadId, reply(`Das ist ${word}.`));
		const events = async () =>
			(
				await owner`select count(*)::int as n from public.moderation_events e
					join public.moderation_items i on i.id = e.item_id where i.post_id = ${id}`
			)[0].n;
		expect(await events()).toBe(1);
		await posts.withdraw(peer.claims, id);
		await posts.undoWithdrawal(peer.claims, id);
		expect(await events()).toBe(1);
	});
});
