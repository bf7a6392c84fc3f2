// Row-level security of the moderation tables, per role: visitors and members read
// nothing of the queue, suspensions (but their own), watched words or the raw log;
// nobody writes them except through the moderation functions; a moderator reads
// only their own community's.
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction, type Claims } from '$lib/server/db';
import * as moderation from '$lib/server/moderation';
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
} from '../moderation/support';

let home: string;
let other: string;
let mod: TestMember;
let otherMod: TestMember;
let author: TestMember;
let peer: TestMember;
let postId: string;
let threadId: string;

const tables = ['moderation_items', 'moderation_events', 'mod_log', 'watched_words', 'suspensions'];

beforeAll(async () => {
	[home, other] = await Promise.all([community(), community()]);
	[mod, otherMod, author, peer] = await Promise.all([
		moderator(home),
		moderator(other),
		member(home),
		member(home)
	]);
	threadId = (await threads.ask(peer.claims, home, question())).id;
	postId = (await posts.answer(author.claims, threadId, reply('Unfreundlich'))).id;
	await flagPost(peer.claims, postId);
	await owner`insert into public.watched_words (community_id, word, action) values (${home}, 'Testwort', 'flag')`;
	await moderationActions.suspend(mod.claims, { threadId, postId }, '24 hours', 'Test', null);
});

/** Rows of the table about the test's community the given reader sees. */
const count = (claims: Claims | null, table: string) =>
	transaction(claims, async (tx) => {
		const [row] = await tx<{ n: number }[]>`
			select count(*)::int as n from ${tx('public.' + table)} x
			where ${
				table === 'moderation_events'
					? tx`exists (select 1 from public.moderation_items i where i.id = x.item_id and i.community_id = ${home})`
					: tx`x.community_id = ${home}`
			}`;
		return row.n;
	});

describe('reading the moderation tables', () => {
	it('shows visitors nothing', async () => {
		for (const table of tables) {
			await expect(count(null, table), table).rejects.toMatchObject({ code: '42501' });
		}
	});

	it('shows members only their own suspension', async () => {
		for (const table of ['moderation_items', 'mod_log', 'watched_words']) {
			expect(await count(peer.claims, table), table).toBe(0);
		}
		expect(await count(peer.claims, 'suspensions')).toBe(0);
		expect(await count(author.claims, 'suspensions')).toBe(1);
	});

	it('shows a moderator of another community nothing of this one', async () => {
		for (const table of ['moderation_items', 'mod_log', 'watched_words', 'suspensions']) {
			expect(await count(otherMod.claims, table), table).toBe(0);
		}
	});

	it('shows the community’s moderators everything of it, suspensions through the list that names no anonymous author', async () => {
		for (const table of ['moderation_items', 'mod_log', 'watched_words']) {
			expect(await count(mod.claims, table), table).toBeGreaterThan(0);
		}
		expect(await count(mod.claims, 'suspensions')).toBe(0);
		expect(await moderation.suspensions(mod.claims, home)).toHaveLength(1);
		await expect(moderation.suspensions(otherMod.claims, home)).rejects.toMatchObject({
			code: '42501'
		});
	});
});

describe('writing them directly', () => {
	it('is refused to members and moderators alike: only the functions write', async () => {
		for (const claims of [peer.claims, mod.claims]) {
			await expect(
				transaction(
					claims,
					(tx) => tx`insert into public.mod_log (community_id, action) values (${home}, 'removed')`
				)
			).rejects.toMatchObject({ code: '42501' });
			await expect(
				transaction(
					claims,
					(tx) =>
						tx`insert into public.suspensions (community_id, member_id, reason) values (${home}, ${peer.id}, 'Test')`
				)
			).rejects.toMatchObject({ code: '42501' });
			await expect(
				transaction(
					claims,
					(tx) =>
						tx`insert into public.moderation_items (community_id, thread_id) values (${home}, ${threadId})`
				)
			).rejects.toMatchObject({ code: '42501' });
			await expect(
				transaction(
					claims,
					(tx) => tx`update public.posts set removed_at = now() where id = ${postId}`
				)
			).rejects.toMatchObject({ code: '42501' });
		}
	});

	it('lets only moderators add watched words to their community', async () => {
		await expect(
			transaction(
				peer.claims,
				(tx) =>
					tx`insert into public.watched_words (community_id, word, action) values (${home}, 'Peerwort', 'block')`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			transaction(
				otherMod.claims,
				(tx) =>
					tx`insert into public.watched_words (community_id, word, action) values (${home}, 'Fremdwort', 'block')`
			)
		).rejects.toMatchObject({ code: '42501' });
		const added = await transaction(
			mod.claims,
			(tx) =>
				tx`insert into public.watched_words (community_id, word, action) values (${home}, 'Modwort', 'hold')`
		);
		expect(added.count).toBe(1);
	});
});

describe('flagging', () => {
	it('is limited to 20 flags an hour per member', async () => {
		const busy = await member(home);
		// Arranged as the owner: 21 answers to report, past anyone's posting limit.
		const ids = (
			await owner<{ id: string }[]>`
				insert into public.posts (thread_id, author_id, body_markdown, body_html)
				select ${threadId}, ${mod.id}, 'Antwort ' || n, '<p>Antwort</p>' from generate_series(1, 21) n
				returning id`
		).map((row) => row.id);
		for (const id of ids.slice(0, 20)) await flagPost(busy.claims, id, 'spam');
		await expect(flagPost(busy.claims, ids[20], 'spam')).rejects.toMatchObject({
			hint: 'rate_limited'
		});
	});
});
