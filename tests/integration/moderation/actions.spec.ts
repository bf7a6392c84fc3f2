// Every moderator action on a queue item or thread: what it changes, who is told,
// what the item's history and the community's mod log keep.
import { beforeAll, describe, expect, it } from 'vitest';
import * as moderation from '$lib/server/moderation';
import * as ownFlags from '$lib/server/moderation/own-flags';
import * as moderationActions from '$lib/server/moderation/actions';
import * as posts from '$lib/server/forum/posts';
import * as threads from '$lib/server/forum/threads';
import { allPages } from '../support';
import {
	community,
	flagPost,
	member,
	moderator,
	notificationsOf,
	openItem,
	threadItem,
	owner,
	question,
	reply,
	type TestMember
} from './support';

let home: string;
let other: string;
let author: TestMember;
let flagger: TestMember;
let reader: TestMember;
let mod: TestMember;

beforeAll(async () => {
	[home, other] = await Promise.all([community(), community()]);
	[author, flagger, reader, mod] = await Promise.all([
		member(home),
		member(home),
		member(home),
		moderator(home)
	]);
});

async function flaggedAnswer(body = 'Du bist wirklich zu dumm für diese Welt.') {
	// A new asker each time: asking is limited per hour.
	const asker = await member(home);
	const threadId = (await threads.ask(asker.claims, home, question())).id;
	const postId = (await posts.answer(author.claims, threadId, reply(body))).id;
	await flagPost(flagger.claims, postId, 'abuse', 'Beleidigend');
	const item = await openItem(mod.claims, { threadId, postId });
	if (!item) throw new Error('no item');
	return { threadId, postId, item, target: { threadId, postId } };
}

const visibleTo = async (claims: TestMember['claims'] | null, threadId: string, postId: string) =>
	(await posts.readPage(claims, threadId)).answers.some((answer) => answer.id === postId);

describe('the queue', () => {
	it('gathers a post’s flags with reasons on one open item and shows its age', async () => {
		const { postId, item } = await flaggedAnswer();
		const second = await member(home);
		await flagPost(second.claims, postId, 'spam');
		const detail = await threadItem(mod.claims, item.id);
		expect(detail?.reasons).toEqual({ abuse: 1, spam: 1 });
		expect(detail?.flags.map((flag) => flag.note)).toContain('Beleidigend');
		expect(detail?.post?.bodyHtml).toContain('zu dumm');
		expect(detail?.thread.bodyHtml).toBeTruthy();
		expect(detail?.overdue).toBe(false);
		expect(detail?.history.map((event) => event.action)).toEqual(['flagged', 'flagged']);
	});

	it('tells the community’s moderators of a new item', async () => {
		await flaggedAnswer();
		expect((await notificationsOf(mod.id)).map((n) => n.kind)).toContain('moderation_item');
	});

	it('comes a page at a time across communities: open oldest first, resolved newest first, each once', async () => {
		// Two communities' 120 items, opened and resolved microseconds apart within one
		// millisecond (which a Date cannot tell apart), many at the same instant.
		const [first, second] = await Promise.all([community(), community()]);
		const both = await member(first, second);
		await owner`insert into public.community_moderators (community_id, member_id)
			values (${first}, ${both.id}), (${second}, ${both.id})`;
		await owner`
			with asked as (
				insert into public.threads (community_id, author_id, title, body_markdown, body_html)
				select c, ${author.id}, 'Gemeldet ' || n, 'Text', '<p>Text</p>'
				from unnest(array[${first}, ${second}]::uuid[]) c cross join generate_series(1, 60) n
				returning id, community_id, substring(title from '\\d+$')::int as n
			)
			insert into public.moderation_items (community_id, thread_id, state, resolution, opened_at, resolved_at)
			select community_id, id, case when n <= 30 then 'open' else 'resolved' end::public.moderation_state,
				case when n > 30 then 'dismissed' end::public.moderation_resolution,
				timestamptz '2026-11-20 12:00:00.123' + interval '1 microsecond' * (n % 9 + 1),
				case when n > 30 then timestamptz '2026-11-21 08:00:00.456' + interval '1 microsecond' * (n % 4 + 1) end
			from asked`;
		for (const [state, order] of [
			['open', owner`i.opened_at, i.id`],
			['resolved', owner`i.resolved_at desc, i.id`]
		] as const) {
			const pages = await allPages((after) => moderation.queue(both.claims, { state, after }));
			expect(pages.map((page) => page.items.length)).toEqual([50, 10]);
			const [everything] = await owner<{ ids: string[] }[]>`
				select array_agg(i.id order by ${order}) as ids from public.moderation_items i
				where i.community_id in (${first}, ${second}) and i.state = ${state}`;
			expect(pages.flatMap((page) => page.items.map((item) => item.id))).toEqual(everything.ids);
		}
	});
});

describe('removing and restoring', () => {
	it('removes with a reason: hidden from readers, kept for moderators, the author told why', async () => {
		const { threadId, postId, item, target } = await flaggedAnswer();
		await moderationActions.remove(mod.claims, target, 'Beleidigung anderer Mitglieder', {
			itemId: item.id,
			version: item.version
		});
		expect(await visibleTo(reader.claims, threadId, postId)).toBe(false);
		expect(await visibleTo(null, threadId, postId)).toBe(false);
		expect(await visibleTo(mod.claims, threadId, postId)).toBe(true);
		expect(await visibleTo(author.claims, threadId, postId)).toBe(true);
		const [told] = await notificationsOf(author.id);
		expect(told).toEqual({ kind: 'post_removed', reason: 'Beleidigung anderer Mitglieder' });
		const decided = (await ownFlags.myFlags(flagger.claims)).flags;
		expect(decided.find((flag) => flag.threadId === threadId)?.decision).toBe('removed');
		expect((await notificationsOf(flagger.id))[0].kind).toBe('flag_decided');
		const [row] =
			await owner`select state, resolution from public.moderation_items where id = ${item.id}`;
		expect(row).toEqual({ state: 'resolved', resolution: 'removed' });
	});

	it('refuses a removal without a reason', async () => {
		const { target, item } = await flaggedAnswer();
		await expect(
			moderationActions.remove(mod.claims, target, ' ', { itemId: item.id, version: item.version })
		).rejects.toMatchObject({ hint: 'moderation_reason_required' });
	});

	it('restores a removed post, and the author is told', async () => {
		const { threadId, postId, item, target } = await flaggedAnswer();
		await moderationActions.remove(mod.claims, target, 'Versehen', null);
		await moderationActions.restore(mod.claims, target, 'Doch in Ordnung', null);
		expect(await visibleTo(reader.claims, threadId, postId)).toBe(true);
		expect((await notificationsOf(author.id))[0]).toEqual({
			kind: 'post_restored',
			reason: 'Doch in Ordnung'
		});
		const detail = await threadItem(mod.claims, item.id);
		expect(detail?.resolution).toBe('restored');
		expect(detail?.history.map((event) => event.action)).toEqual([
			'flagged',
			'removed',
			'restored'
		]);
	});

	it('removes a whole thread', async () => {
		const threadId = (await threads.ask((await member(home)).claims, home, question())).id;
		await moderationActions.remove(mod.claims, { threadId, postId: null }, 'Werbung', null);
		expect(await threads.read(reader.claims, threadId)).toBeNull();
		expect(await threads.read(mod.claims, threadId)).not.toBeNull();
	});
});

describe('dismissing', () => {
	it('keeps the post, decides the flags and closes the item', async () => {
		const { threadId, postId, item } = await flaggedAnswer('Eine ehrliche, aber harte Antwort.');
		await moderationActions.dismiss(
			mod.claims,
			{ itemId: item.id, version: item.version },
			'Kein Verstoß'
		);
		expect(await visibleTo(reader.claims, threadId, postId)).toBe(true);
		const flags = (await ownFlags.myFlags(flagger.claims)).flags;
		expect(flags.find((flag) => flag.threadId === threadId)?.decision).toBe('dismissed');
		expect(await openItem(mod.claims, { threadId, postId })).toBeUndefined();
	});
});

describe('editing out personal data', () => {
	it('replaces the text, keeps the original for moderators', async () => {
		const { postId, item, target } = await flaggedAnswer(
			'Ruf doch Frau Meier an, Tel. 0171 2345678.'
		);
		await moderationActions.edit(
			mod.claims,
			target,
			{ title: null, body: 'Ruf doch [entfernt] an.', reason: 'Telefonnummer Dritter' },
			{ itemId: item.id, version: item.version }
		);
		const [post] =
			await owner`select body_markdown, moderator_edited_at from public.posts where id = ${postId}`;
		expect(post.body_markdown).toBe('Ruf doch [entfernt] an.');
		expect(post.moderator_edited_at).not.toBeNull();
		const detail = await threadItem(mod.claims, item.id);
		expect(detail?.revisions.map((revision) => revision.bodyMarkdown)).toContain(
			'Ruf doch Frau Meier an, Tel. 0171 2345678.'
		);
	});
});

describe('thread actions', () => {
	it('locks a thread against answers (except from moderators) and unlocks it', async () => {
		const threadId = (await threads.ask((await member(home)).claims, home, question())).id;
		await moderationActions.setLocked(mod.claims, threadId, true, 'Alles gesagt', null);
		await expect(posts.answer(reader.claims, threadId, reply('Noch etwas'))).rejects.toMatchObject({
			hint: 'moderation_thread_locked'
		});
		await posts.answer(mod.claims, threadId, reply('Hinweis der Moderation'));
		await moderationActions.setLocked(mod.claims, threadId, false, null, null);
		await posts.answer(reader.claims, threadId, reply('Jetzt geht es wieder'));
	});

	it('pins a thread to the top of its community', async () => {
		const threadId = (await threads.ask((await member(home)).claims, home, question())).id;
		await moderationActions.setPinned(mod.claims, threadId, true, null, null);
		expect(
			(await threads.pinned(reader.claims, await slugOf(home))).map((thread) => thread.id)
		).toContain(threadId);
		await moderationActions.setPinned(mod.claims, threadId, false, null, null);
		expect(
			(await threads.pinned(reader.claims, await slugOf(home))).map((thread) => thread.id)
		).not.toContain(threadId);
	});

	it('moves a thread to another community, counted and logged in both', async () => {
		const threadId = (await threads.ask((await member(home)).claims, home, question())).id;
		const count = async (id: string) =>
			(await owner`select thread_count from public.communities where id = ${id}`)[0].thread_count;
		const [before, beforeOther] = [await count(home), await count(other)];
		// Only into a community the moderator moderates too.
		const ofBoth = await moderator(home);
		await owner`insert into public.community_moderators (community_id, member_id) values (${other}, ${ofBoth.id})`;
		await moderationActions.move(ofBoth.claims, threadId, other, 'Passt dort besser', null);
		expect((await threads.read(reader.claims, threadId))?.communityId).toBe(other);
		expect([await count(home), await count(other)]).toEqual([before - 1, beforeOther + 1]);
		const logged =
			await owner`select community_id from public.mod_log where thread_id = ${threadId} and action = 'moved'`;
		expect(logged.map((row) => row.community_id).sort()).toEqual([home, other].sort());
	});

	it('warns the author with a reason', async () => {
		const { target } = await flaggedAnswer();
		await moderationActions.warn(mod.claims, target, 'Bitte freundlich bleiben', null);
		expect((await notificationsOf(author.id))[0]).toEqual({
			kind: 'warning',
			reason: 'Bitte freundlich bleiben'
		});
	});
});

describe('the mod log', () => {
	it('shows every action to the community’s members, without moderators’ names unless the community names them', async () => {
		const { target } = await flaggedAnswer();
		await moderationActions.remove(mod.claims, target, 'Beleidigung', null);
		const seenByMember = (await moderation.log(reader.claims, home)).entries;
		const entry = seenByMember.find(
			(row) => row.postId === target.postId && row.action === 'removed'
		);
		expect(entry).toMatchObject({ reason: 'Beleidigung', moderator: null });
		const seenByModerator = (await moderation.log(mod.claims, home)).entries;
		expect(
			seenByModerator.find((row) => row.postId === target.postId && row.action === 'removed')
				?.moderator
		).toBe(mod.pseudonym);
		await owner`update public.communities set mod_log_names_moderators = true where id = ${home}`;
		const named = (await moderation.log(reader.claims, home)).entries;
		expect(
			named.find((row) => row.postId === target.postId && row.action === 'removed')?.moderator
		).toBe(mod.pseudonym);
		await owner`update public.communities set mod_log_names_moderators = false where id = ${home}`;
	});

	it('is not for people outside the community', async () => {
		const outsider = await member(other);
		await expect(moderation.log(outsider.claims, home)).rejects.toMatchObject({
			hint: 'moderation_log_members_only'
		});
	});
});

/** Pinned threads are read by the community's slug, as its page has it. */
async function slugOf(communityId: string) {
	const [row] = await owner<
		{ slug: string }[]
	>`select slug from public.communities where id = ${communityId}`;
	return row.slug;
}
