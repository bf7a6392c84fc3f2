// Who may moderate: only a community's moderators act in it (not members, not
// moderators of other communities, not visitors); owners and admins appoint moderators.
import { beforeAll, describe, expect, it } from 'vitest';
import * as communities from '$lib/server/communities';
import { transaction } from '$lib/server/db';
import * as escalations from '$lib/server/escalations';
import * as moderation from '$lib/server/moderation';
import * as ownFlags from '$lib/server/own-flags';
import * as moderationActions from '$lib/server/moderation-actions';
import * as posts from '$lib/server/posts';
import * as threads from '$lib/server/threads';
import {
	community,
	flagPost,
	member,
	moderator,
	owner,
	question,
	reply,
	type TestMember
} from './support';
import { anAdmin } from '../escalations/support';

let home: string;
let other: string;
let mod: TestMember;
let otherMod: TestMember;
let peer: TestMember;
let threadId: string;
let postId: string;
let itemId: string;

beforeAll(async () => {
	[home, other] = await Promise.all([community(), community()]);
	[mod, otherMod, peer] = await Promise.all([moderator(home), moderator(other), member(home)]);
	threadId = (await threads.ask(peer.claims, home, question())).id;
	postId = (await posts.answer((await member(home)).claims, threadId, reply('Spam spam'))).id;
	await flagPost(peer.claims, postId, 'spam');
	[{ id: itemId }] = await owner`select id from public.moderation_items where post_id = ${postId}`;
});

const notModerator = { hint: 'moderation_not_moderator' };
const target = () => ({ threadId, postId });

describe('acting', () => {
	for (const [who, claims] of [
		['a member', () => peer.claims],
		['a moderator of another community', () => otherMod.claims]
	] as const) {
		it(`is refused to ${who}`, async () => {
			await expect(
				moderationActions.remove(claims(), target(), 'Spam', null)
			).rejects.toMatchObject(notModerator);
			await expect(
				moderationActions.setLocked(claims(), threadId, true, null, null)
			).rejects.toMatchObject(notModerator);
			await expect(
				moderationActions.suspend(claims(), target(), '24 hours', 'Spam', null)
			).rejects.toMatchObject(notModerator);
			await expect(moderationActions.warn(claims(), target(), 'Spam', null)).rejects.toMatchObject(
				notModerator
			);
			await expect(moderation.figures(claims(), [home])).rejects.toMatchObject(notModerator);
		});
	}

	it('is refused to visitors', async () => {
		await expect(
			transaction(null, (tx) => tx`select public.remove_content(${threadId}, ${postId}, 'Spam')`)
		).rejects.toMatchObject({ code: '42501' });
	});
});

describe('reading', () => {
	it('shows the queue, its items and flags only to the community’s moderators', async () => {
		expect((await moderation.queue(mod.claims)).items.map((item) => item.id)).toContain(itemId);
		expect((await moderation.queue(otherMod.claims)).items.map((item) => item.id)).not.toContain(
			itemId
		);
		expect((await moderation.queue(peer.claims)).items).toEqual([]);
		expect(await moderation.item(otherMod.claims, itemId)).toBeNull();
		const flagsSeen = await transaction(
			otherMod.claims,
			(tx) => tx`select id from public.flags where post_id = ${postId}`
		);
		expect(flagsSeen).toHaveLength(0);
	});

	it('takes a moved thread’s flags and escalation, its posts’ flags too, to the new community', async () => {
		const moved = (await threads.ask(peer.claims, home, question())).id;
		const movedPost = (await posts.answer((await member(home)).claims, moved, reply('Werbung'))).id;
		const flagger = await member(home);
		await flagPost(flagger.claims, movedPost, 'spam');
		await escalations.flag(flagger.claims, { threadId: moved }, { reason: 'spam', note: null });
		const seenBy = (claims: TestMember['claims']) =>
			transaction(
				claims,
				(tx) => tx<{ id: string }[]>`
				select id from public.flags where thread_id = ${moved} or post_id = ${movedPost}`
			);
		expect(await seenBy(mod.claims)).toHaveLength(2);
		expect(await seenBy(otherMod.claims)).toHaveLength(0);
		// Asking for a professional opens an escalation, which moves along too.
		const worried = await member(home);
		await escalations.flag(worried.claims, { threadId: moved }, { reason: 'needs_professional' });

		// Moved by a moderator of both communities: moves go only where the mover moderates.
		const ofBoth = await moderator(home);
		await owner`insert into public.community_moderators (community_id, member_id) values (${other}, ${ofBoth.id})`;
		await moderationActions.move(ofBoth.claims, moved, other, 'Passt besser dorthin', null);
		expect(await seenBy(otherMod.claims)).toHaveLength(3);
		expect(await seenBy(mod.claims)).toHaveLength(0);
		expect(
			await owner`select community_id from public.escalations where thread_id = ${moved}`
		).toEqual([{ community_id: other }]);
	});

	it('keeps flaggers’ flags their own', async () => {
		const mine = (await ownFlags.myFlags(peer.claims)).flags;
		expect(mine.map((flag) => flag.threadId)).toContain(threadId);
		const someoneElse = await member(home);
		expect((await ownFlags.myFlags(someoneElse.claims)).flags).toEqual([]);
	});

	it('never gives moderators the author of an anonymous post through the history', async () => {
		const detail = await moderation.item(mod.claims, itemId);
		expect(Object.keys(detail!)).not.toContain('authorId');
		expect(JSON.stringify(detail)).not.toContain((await member(home)).id);
	});
});

describe('appointing moderators', () => {
	it('lets admins and the community’s owner appoint and remove moderators, nobody else', async () => {
		const [owning, candidate, admin] = await Promise.all([member(home), member(home), anAdmin()]);
		await owner`insert into public.community_moderators (community_id, member_id, is_owner)
			values (${home}, ${owning.id}, true)`;
		expect(await communities.appointModerator(owning.claims, home, candidate.pseudonym)).toBe(true);
		await expect(
			communities.appointModerator(mod.claims, home, peer.pseudonym)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			communities.removeModerator(mod.claims, home, candidate.pseudonym)
		).rejects.toThrow();
		await communities.removeModerator(owning.claims, home, candidate.pseudonym);
		expect(await communities.appointModerator(admin.claims, other, candidate.pseudonym)).toBe(true);
		const logged = await owner`select action from public.mod_log
			where community_id = ${home} and member_id = ${candidate.id} order by at, id`;
		expect(logged.map((row) => row.action)).toEqual(['moderator_appointed', 'moderator_removed']);
	});
});
