// Least privilege for the API roles, replayed as the attacks that worked: emptying a
// table past its policies, reading the thread of a removed post, moving a thread into a
// community one does not moderate, naming someone else as the appointer of a moderator,
// a proposal that says it was decided, me-toos and follows on threads one may not see.
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '$lib/server/data/db';
import * as moderationActions from '$lib/server/moderation/actions';
import * as posts from '$lib/server/forum/posts';
import * as threads from '$lib/server/forum/threads';
import {
	community,
	member,
	moderator,
	owner,
	question,
	reply,
	type TestMember
} from '../escalations/support';

const apiRoles = ['anon', 'authenticated'];

/** Ends the owner's arranging transaction, carrying what it found. */
class RolledBack {
	constructor(readonly rows: unknown[]) {}
}

describe('what the API roles hold', () => {
	it('lists every grant of anon and authenticated: none is TRUNCATE, TRIGGER or REFERENCES', async () => {
		// Table and column privileges, from the catalogue itself (PUBLIC counts for everyone).
		const grants = await owner<{ relation: string; role: string; privilege: string }[]>`
			select c.relname as relation, coalesce(r.rolname, 'PUBLIC') as role, a.privilege_type as privilege
			from pg_class c cross join aclexplode(c.relacl) a left join pg_roles r on r.oid = a.grantee
			where c.relnamespace = 'public'::regnamespace and (r.rolname = any (${apiRoles}) or a.grantee = 0)
			union
			select c.relname || '.' || t.attname, coalesce(r.rolname, 'PUBLIC'), a.privilege_type
			from pg_attribute t join pg_class c on c.oid = t.attrelid
			cross join aclexplode(t.attacl) a left join pg_roles r on r.oid = a.grantee
			where c.relnamespace = 'public'::regnamespace and (r.rolname = any (${apiRoles}) or a.grantee = 0)`;
		expect(grants.length).toBeGreaterThan(0);
		expect(
			grants.filter((grant) => ['TRUNCATE', 'TRIGGER', 'REFERENCES'].includes(grant.privilege))
		).toEqual([]);
	});

	it('gives tables created later none of them either, nor their sequences an UPDATE', async () => {
		// Created by the owner as a migration would, and rolled back.
		const held = await owner
			.begin(async (tx) => {
				await tx`create table public.later_subject (id bigint generated always as identity primary key)`;
				const rows = await tx<{ role: string; privilege: string; held: boolean }[]>`
					select r.role, p.privilege, case when p.privilege = 'UPDATE'
						then has_sequence_privilege(r.role, 'public.later_subject_id_seq', 'update')
						else has_table_privilege(r.role, 'public.later_subject', p.privilege) end as held
					from unnest(${apiRoles}::text[]) r(role)
					cross join unnest(array['TRUNCATE', 'TRIGGER', 'REFERENCES', 'UPDATE']) p(privilege)`;
				throw new RolledBack(rows.filter((row) => row.held));
			})
			.catch((end: unknown) => (end instanceof RolledBack ? end.rows : Promise.reject(end)));
		expect(held).toEqual([]);
	});

	it('lets no API role set a sequence', async () => {
		const sequences = await owner<{ name: string }[]>`
			select c.relname as name from pg_class c
			where c.relkind = 'S' and c.relnamespace = 'public'::regnamespace
				and (has_sequence_privilege('anon', c.oid, 'update') or has_sequence_privilege('authenticated', c.oid, 'update'))`;
		expect(sequences).toEqual([]);
	});

	it('lets visitors call only the checks their pages and policies ask', async () => {
		const callable = await owner<{ name: string }[]>`
			select distinct p.proname as name from pg_proc p
			where p.pronamespace = 'public'::regnamespace and p.prosecdef
				and has_function_privilege('anon', p.oid, 'execute')
			order by 1`;
		expect(callable.map((row) => row.name)).toEqual([
			// The thread page and its policies (threads.read, posts.readPage).
			'can_review_held',
			'can_safeguard',
			'is_community_member',
			'is_moderator',
			'is_thread_author',
			// Lists of communities mark the ones joined (communities.list).
			'joined_communities',
			// Whether a text mentions a crisis, as every write path asks (crisisWords.mentioned).
			'mentions_crisis',
			'my_posts_in',
			// Sign-up checks a pseudonym before there is an account.
			'pseudonym_available',
			// An organisation's page says how often it lent and borrowed (bookings.figures).
			'sharing_figures',
			// The search's "did you mean" (search.threads): words of shown titles only.
			'spelling_suggestion',
			'thread_page_version',
			// A mail's unsubscribe link works without signing in (its token decides).
			'unsubscribe',
			'unsubscribe_kinds'
		]);
	});

	it('keeps the database’s own helpers from members: the thread or author of any post', async () => {
		const helpers = await owner<{ name: string }[]>`
			select p.proname as name from pg_proc p
			where p.pronamespace = 'public'::regnamespace
				and p.proname in ('thread_of', 'author_of', 'store_rendered')
				and (has_function_privilege('authenticated', p.oid, 'execute')
					or has_function_privilege('anon', p.oid, 'execute'))`;
		expect(helpers).toEqual([]);
	});
});

describe('attacks with a member’s token', () => {
	let home: string;
	let elsewhere: string;
	let mod: TestMember;
	let asker: TestMember;
	let peer: TestMember;
	let threadId: string;
	let removedPostId: string;
	let removedThreadId: string;

	beforeAll(async () => {
		[home, elsewhere] = await Promise.all([community(), community()]);
		[mod, asker, peer] = await Promise.all([moderator(home), member(home), member(home)]);
		threadId = (await threads.ask(asker.claims, home, question())).id;
		removedPostId = (await posts.answer(asker.claims, threadId, reply('Wird entfernt.'))).id;
		await moderationActions.remove(mod.claims, { threadId, postId: removedPostId }, 'Test', null);
		removedThreadId = (await threads.ask(asker.claims, home, question())).id;
		await moderationActions.remove(
			mod.claims,
			{ threadId: removedThreadId, postId: null },
			'Test',
			null
		);
	});

	it('cannot empty a table past its policies', async () => {
		await threads.setMeToo(peer.claims, threadId, true);
		for (const claims of [null, peer.claims]) {
			await expect(
				transaction(claims, (tx) => tx`truncate public.me_toos, public.thread_follows`)
			).rejects.toMatchObject({ code: '42501' });
		}
		const [row] = await owner<{ n: number }[]>`
			select count(*)::int as n from public.me_toos where thread_id = ${threadId}`;
		expect(row.n).toBe(1);
	});

	it('cannot learn the thread of a removed post', async () => {
		await expect(
			transaction(
				peer.claims,
				(tx) => tx<{ thread: string | null }[]>`select public.thread_of(${removedPostId}) as thread`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('cannot move a thread into a community the moderator does not moderate', async () => {
		await expect(
			moderationActions.move(mod.claims, threadId, elsewhere, 'Passt dort besser', null)
		).rejects.toMatchObject({ code: '42501', hint: 'moderation_not_moderator' });
		const [thread] = await owner<{ community: string }[]>`
			select community_id as community from public.threads where id = ${threadId}`;
		expect(thread.community).toBe(home);
	});

	it('cannot name someone else as the appointer of a moderator', async () => {
		await owner`update public.community_moderators set is_owner = true
			where community_id = ${home} and member_id = ${mod.id}`;
		const appointed = await member(home);
		await expect(
			transaction(
				mod.claims,
				(tx) => tx`insert into public.community_moderators (community_id, member_id, appointed_by)
					values (${home}, ${appointed.id}, ${peer.id})`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			transaction(
				mod.claims,
				(tx) => tx`insert into public.community_moderators (community_id, member_id, appointed_at)
					values (${home}, ${appointed.id}, '2000-01-01')`
			)
		).rejects.toMatchObject({ code: '42501' });
		const rows =
			await owner`select 1 from public.community_moderators where member_id = ${appointed.id}`;
		expect(rows).toHaveLength(0);
	});

	it('cannot propose a community that says it was already decided', async () => {
		for (const decided of [
			{ decided_by: peer.id, decided_at: null },
			{ decided_by: null, decided_at: new Date() }
		]) {
			await expect(
				transaction(
					peer.claims,
					(tx) => tx`insert into public.community_proposals
						(proposed_by, name, description, topic, decided_by, decided_at)
					values (${peer.id}, 'Entschieden', 'Schon entschieden, sagt der Antrag.', 'Test',
						${decided.decided_by}, ${decided.decided_at})`
				)
			).rejects.toMatchObject({ code: '42501' });
		}
	});

	it('cannot say me too on, or follow, a thread it may not see', async () => {
		for (const table of ['me_toos', 'thread_follows']) {
			await expect(
				transaction(
					peer.claims,
					(tx) => tx`insert into ${tx('public.' + table)} (thread_id, member_id)
						values (${removedThreadId}, ${peer.id})`
				),
				table
			).rejects.toMatchObject({ code: '42501' });
		}
	});
});
