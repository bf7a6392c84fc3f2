// Anonymity as a promise. An anonymous asker stays anonymous in their own thread unless
// they choose otherwise; moderators act on anonymous posts without learning who wrote
// them (nothing in an author's history, suspensions or the mod log links an anonymous
// post to their named ones); and a reveal gives the name only once its log entry is
// committed, which keeps who revealed.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '$lib/server/data/db';
import * as moderation from '$lib/server/moderation';
import * as moderationActions from '$lib/server/moderation/actions';
import * as posts from '$lib/server/forum/posts';
import * as privacy from '$lib/server/members/privacy';
import * as safeguarding from '$lib/server/safeguarding';
import * as threads from '$lib/server/forum/threads';
import { anAdmin } from '../escalations/support';
import {
	community,
	flagPost,
	member,
	moderator,
	openItem,
	threadItem,
	owner,
	question,
	reply,
	type TestMember
} from '../moderation/support';

const reason = 'Sorge um das Kind, Gefahr möglich';

describe('an anonymous asker in their own thread', () => {
	let home: string;
	let asker: TestMember;
	let peer: TestMember;
	let threadId: string;

	beforeAll(async () => {
		home = await community();
		[asker, peer] = await Promise.all([member(home), member(home)]);
		threadId = (await threads.ask(asker.claims, home, question({ anonymous: true }))).id;
	});

	const shown = async (postId: string) => {
		const page = await posts.readPage(null, threadId, { postId });
		return [...page.answers, ...page.answers.flatMap((answer) => answer.replies)].find(
			(post) => post.id === postId
		);
	};

	it('answers and replies as “the asker” unless they choose their pseudonym', async () => {
		const answer = await posts.answer(asker.claims, threadId, reply('Nachtrag von mir.'));
		const peerAnswer = await posts.answer(peer.claims, threadId, reply('Uns ging es ähnlich.'));
		const thanks = await posts.answer(asker.claims, threadId, reply('Danke!', peerAnswer.id));
		for (const id of [answer.id, thanks.id]) {
			expect(await shown(id)).toMatchObject({ author: null, anonymous: true, asker: true });
		}
		const named = await posts.answer(asker.claims, threadId, {
			...reply('Jetzt mit Namen.'),
			anonymous: false
		});
		expect(await shown(named.id)).toMatchObject({
			author: asker.pseudonym,
			anonymous: false,
			asker: false
		});
	});

	it('is never linked to a named asker: their anonymous answers say only “anonymous”', async () => {
		const named = (await threads.ask(asker.claims, home, question())).id;
		const post = await posts.answer(asker.claims, named, {
			...reply('Lieber ohne Namen.'),
			anonymous: true
		});
		const page = await posts.readPage(null, named);
		expect(page.answers.find((answer) => answer.id === post.id)).toMatchObject({
			author: null,
			anonymous: true,
			asker: false
		});
	});
});

describe('moderators acting on an anonymous post', () => {
	let home: string;
	let writer: TestMember;
	let mod: TestMember;
	let flagger: TestMember;
	let namedPost: string;
	let anonymousPost: string;
	let laterNamedPost: string;
	let anonymousThread: string;
	let namedThread: string;
	let suspensionId: string;

	beforeAll(async () => {
		home = await community();
		[writer, mod, flagger] = await Promise.all([member(home), moderator(home), member(home)]);
		const asker = await member(home);
		namedThread = (await threads.ask(asker.claims, home, question())).id;
		anonymousThread = (await threads.ask(asker.claims, home, question())).id;
		namedPost = (await posts.answer(writer.claims, namedThread, reply('Mit Namen, unhöflich.'))).id;
		await moderationActions.remove(
			mod.claims,
			{ threadId: namedThread, postId: namedPost },
			'Beleidigung mit Namen',
			null
		);
		anonymousPost = (
			await posts.answer(writer.claims, anonymousThread, {
				...reply('Anonym und unhöflich.'),
				anonymous: true
			})
		).id;
		laterNamedPost = (await posts.answer(writer.claims, namedThread, reply('Wieder mit Namen.')))
			.id;
		await flagPost(flagger.claims, anonymousPost);
	});

	it('shows no history of the author’s named posts with it', async () => {
		const item = await openItem(mod.claims, { threadId: anonymousThread, postId: anonymousPost });
		const detail = await threadItem(mod.claims, item!.id);
		expect(detail?.authorHistory).toEqual([]);
	});

	it('suspends “an anonymous author”: never named in the list, the table or the log', async () => {
		suspensionId = await moderationActions.suspend(
			mod.claims,
			{ threadId: anonymousThread, postId: anonymousPost },
			'7 days',
			'Wiederholt unhöflich',
			null
		);
		const list = await moderation.suspensions(mod.claims, home);
		expect(list.find((suspension) => suspension.id === suspensionId)).toMatchObject({
			member: null
		});
		// As through the Data API, with the moderator's token.
		const rows = await transaction(
			mod.claims,
			(tx) => tx`select member_id from public.suspensions where id = ${suspensionId}`
		);
		expect(rows).toEqual([]);

		await moderationActions.liftSuspension(mod.claims, suspensionId, 'Entschuldigung');
		const logged = await owner<{ action: string; member: string | null }[]>`
			select action, member_id as member from public.mod_log
			where community_id = ${home} and action in ('suspended', 'suspension_lifted')`;
		expect(logged).toHaveLength(2);
		expect(logged.every((entry) => entry.member === null)).toBe(true);
		const { entries } = await moderation.log(mod.claims, home);
		expect(entries.some((entry) => entry.member === writer.pseudonym)).toBe(false);
	});

	it('shows with the author’s named posts nothing of what was done about the anonymous one', async () => {
		suspensionId = await moderationActions.suspend(
			mod.claims,
			{ threadId: anonymousThread, postId: anonymousPost },
			'30 days',
			'Wieder unhöflich',
			null
		);
		await flagPost(flagger.claims, laterNamedPost);
		const item = await openItem(mod.claims, { threadId: namedThread, postId: laterNamedPost });
		const detail = await threadItem(mod.claims, item!.id);
		expect(detail?.authorHistory.map((entry) => entry.action)).toEqual(['removed']);
		expect(detail?.authorSuspendedUntil).toBeNull();
	});
});

describe('revealing an anonymous author', () => {
	let home: string;
	let writer: TestMember;
	let mod: TestMember;
	let threadId: string;

	beforeAll(async () => {
		home = await community();
		[writer, mod] = await Promise.all([member(home), moderator(home)]);
		threadId = (await threads.ask(writer.claims, home, question({ anonymous: true }))).id;
	});

	it('gives no name in a transaction that is then rolled back', async () => {
		const seen: unknown[] = [];
		await transaction(mod.claims, async (tx) => {
			const [row] = await tx<{ result: unknown }[]>`
				select public.reveal_author(${threadId}, null, ${reason}) as result`;
			seen.push(row.result);
			const [named] = await tx<{ name: unknown }[]>`
				select public.revealed_author(${row.result as string}) as name`;
			seen.push(named.name);
			throw new Error('rolled back by the caller');
		}).catch(() => {});
		expect(seen).not.toContain(writer.pseudonym);
		const [log] = await owner<{ n: number }[]>`
			select count(*)::int as n from public.author_reveals where thread_id = ${threadId}`;
		expect(log.n).toBe(0);
	});

	it('keeps who revealed after that account is deleted', async () => {
		const revealer = await moderator(home);
		expect(await safeguarding.revealAuthor(revealer.claims, { threadId }, reason)).toBe(
			writer.pseudonym
		);
		await privacy.deleteAccount(revealer.claims);
		const { entries } = await safeguarding.revealLog((await anAdmin()).claims);
		expect(entries.find((entry) => entry.threadId === threadId)).toMatchObject({
			revealedBy: revealer.pseudonym,
			reason
		});
	});

	it('names nobody to a second moderator who did not reveal', async () => {
		const other = await moderator(home);
		const [reveal] = await owner<{ id: string }[]>`
			select id::text from public.author_reveals where thread_id = ${threadId} limit 1`;
		await expect(
			transaction(
				other.claims,
				(tx) => tx`select public.revealed_author(${reveal?.id ?? randomUUID()}) as name`
			)
		).rejects.toMatchObject({ code: '42501' });
	});
});
