import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '$lib/server/db';
import { render } from '$lib/server/markdown';
import * as moderationActions from '$lib/server/moderation-actions';
import * as posts from '$lib/server/posts';
import * as threads from '$lib/server/threads';
import {
	community,
	member as joined,
	moderator as moderatorOf,
	question,
	reply
} from './escalations/support';
import { createMember, owner, type TestMember } from './support';

// The server's own connection, used the wrong way: without the transaction helper.
const bare = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
afterAll(() => bare.end());

describe('the data path', () => {
	it('connects as a NOINHERIT role that owns nothing', async () => {
		const [role] = await bare`select current_user as name, r.rolinherit, r.rolsuper, r.rolbypassrls
			from pg_roles r where r.rolname = current_user`;
		expect(role).toEqual({
			name: expect.any(String),
			rolinherit: false,
			rolsuper: false,
			rolbypassrls: false
		});
		const [owned] =
			await owner`select count(*)::int as n from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = ${role.name}`;
		expect(owned.n).toBe(0);
	});

	it.each([
		['public.members', 'select * from public.members'],
		['public.member_settings', 'select * from public.member_settings'],
		['public.rate_limit_hits', 'select * from public.rate_limit_hits'],
		['auth.users', 'select * from auth.users']
	])('reads nothing from %s outside the helper', async (_, query) => {
		await expect(bare.unsafe(query)).rejects.toMatchObject({ code: '42501' });
	});

	it('runs as anon for visitors and as the member with verified claims', async () => {
		const member = await createMember();
		const visitor = await transaction(
			null,
			(tx) => tx`select current_user as role, auth.uid() as uid`
		);
		expect(visitor[0]).toEqual({ role: 'anon', uid: null });
		const signedIn = await transaction(
			member.claims,
			(tx) => tx`select current_user as role, auth.uid() as uid`
		);
		expect(signedIn[0]).toEqual({ role: 'authenticated', uid: member.id });
	});
});

describe('what the database derives', () => {
	let member: TestMember;
	let moderator: TestMember;
	let threadId: string;
	let postId: string;

	beforeAll(async () => {
		const home = await community();
		[member, moderator] = await Promise.all([joined(home), moderatorOf(home)]);
		threadId = (await threads.ask(member.claims, home, question())).id;
		postId = (await posts.answer(member.claims, threadId, reply('Unsere Erfahrung.'))).id;
	});

	it('is never set by a member: counters, marks, authorship, times', async () => {
		const attempts = [
			['threads', 'post_count', 99],
			['threads', 'answer_count', 99],
			['threads', 'me_too_count', 99],
			['threads', 'last_activity_at', '2000-01-01'],
			['threads', 'created_at', '2000-01-01'],
			['threads', 'edited_at', null],
			['threads', 'held_at', null],
			['threads', 'version', 0],
			['threads', 'author_id', moderator.id],
			['threads', 'is_anonymous', true],
			['posts', 'helpful_count', 99],
			['posts', 'is_professional', true],
			['posts', 'shown_as_asker', true],
			['posts', 'thread_hidden', true],
			['posts', 'created_at', '2000-01-01'],
			['posts', 'edited_at', null],
			['posts', 'author_id', moderator.id],
			['posts', 'is_anonymous', true]
		] as const;
		for (const [table, column, value] of attempts) {
			const id = table === 'threads' ? threadId : postId;
			await expect(
				transaction(
					member.claims,
					(tx) => tx`update ${tx('public.' + table)} set ${tx(column)} = ${value} where id = ${id}`
				),
				`${table}.${column}`
			).rejects.toMatchObject({ code: '42501' });
		}
	});

	it('takes the renderer’s HTML for the app’s writes, with the edit mark and the revision', async () => {
		const edited = await posts.answer(member.claims, threadId, reply('Erst so.'));
		await posts.edit(member.claims, edited.id, 'Dann [so](javascript:alert(1)).');
		const [row] = await owner<{ html: string; edited: boolean; revisions: number }[]>`
			select p.body_html as html, p.edited_at is not null as edited,
				(select count(*)::int from public.revisions r where r.post_id = p.id) as revisions
			from public.posts p where p.id = ${edited.id}`;
		expect(row).toEqual({
			html: render('Dann [so](javascript:alert(1)).'),
			edited: true,
			revisions: 1
		});
		expect(row.html).not.toContain('javascript');
	});

	it('takes the renderer’s HTML for a moderator’s edit too, marked and kept', async () => {
		await moderationActions.edit(
			moderator.claims,
			{ threadId, postId },
			{ title: null, body: 'Ohne **Namen**.', reason: 'Persönliche Daten entfernt' },
			null
		);
		const [row] = await owner<{ html: string; marked: boolean; revisions: number }[]>`
			select p.body_html as html, p.moderator_edited_at is not null as marked,
				(select count(*)::int from public.revisions r where r.post_id = p.id) as revisions
			from public.posts p where p.id = ${postId}`;
		expect(row).toEqual({ html: render('Ohne **Namen**.'), marked: true, revisions: 1 });
	});

	it('leaves no rendered HTML behind once the text is written', async () => {
		const [row] = await owner<
			{ n: number }[]
		>`select count(*)::int as n from public.rendered_markdown`;
		expect(row.n).toBe(0);
	});
});
