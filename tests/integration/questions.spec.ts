import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as communities from '$lib/server/forum/communities';
import { transaction } from '$lib/server/data/db';
import * as posts from '$lib/server/forum/posts';
import * as threads from '$lib/server/forum/threads';
import { createMember, owner, type TestMember } from './support';

const communityId = '10000000-0000-4000-8000-000000000002'; // Pflege von Angehörigen (seed)
let asker: TestMember;
let peer: TestMember;
let outsider: TestMember;
let counsellor: TestMember;

const question = (title = `Wie beantrage ich den Pflegegrad ${randomUUID().slice(0, 6)}?`) => ({
	title,
	body: 'Meine Mutter braucht **Hilfe**. Was muss ich tun?',
	tags: ['pflegegrad'],
	anonymous: false,
	wantsProfessional: false,
	idempotencyKey: randomUUID()
});
const reply = (body: string, parentPostId: string | null = null) => ({
	body,
	parentPostId,
	idempotencyKey: randomUUID()
});

beforeAll(async () => {
	[asker, peer, outsider, counsellor] = await Promise.all([
		createMember(),
		createMember(),
		createMember(),
		createMember({ role: 'counsellor' })
	]);
	for (const member of [asker, peer, counsellor])
		await communities.join(member.claims, communityId);
});

describe('asking', () => {
	it('stores markdown with sanitised HTML, and the asker follows the thread', async () => {
		const { id } = await threads.ask(asker.claims, communityId, {
			...question(),
			body: 'Hallo <script>alert(1)</script> **du**'
		});
		const thread = await threads.read(asker.claims, id);
		expect(thread).toMatchObject({
			author: asker.pseudonym,
			isMine: true,
			follows: true,
			tags: ['pflegegrad']
		});
		expect(thread?.bodyHtml).toContain('<strong>du</strong>');
		expect(thread?.bodyHtml).not.toContain('<script');
	});

	it('creates one thread for a form submitted twice', async () => {
		const form = question();
		const [first, second] = await Promise.all([
			threads.ask(asker.claims, communityId, form),
			threads.ask(asker.claims, communityId, form)
		]);
		expect(second).toEqual(first);
		expect(first).toMatchObject({ crisis: false, held: false });
		const [{ n }] =
			await owner`select count(*)::int as n from public.threads where idempotency_key = ${form.idempotencyKey}`;
		expect(n).toBe(1);
	});

	it('is refused outside communities one joined', async () => {
		await expect(threads.ask(outsider.claims, communityId, question())).rejects.toMatchObject({
			code: '42501'
		});
	});

	it('hides the author of an anonymous thread from everyone, even through raw columns', async () => {
		const { id } = await threads.ask(asker.claims, communityId, { ...question(), anonymous: true });
		for (const claims of [null, peer.claims, asker.claims]) {
			expect((await threads.read(claims, id))?.author).toBeNull();
			await expect(
				transaction(claims, (tx) => tx`select author_id from public.threads where id = ${id}`)
			).rejects.toMatchObject({ code: '42501' });
			await expect(
				transaction(claims, (tx) => tx`select * from public.threads where id = ${id}`)
			).rejects.toMatchObject({ code: '42501' });
			const [row] = await transaction(
				claims,
				(tx) => tx`select shown_author_id from public.threads where id = ${id}`
			);
			expect(row.shown_author_id).toBeNull();
		}
		expect((await threads.read(asker.claims, id))?.isMine).toBe(true);
		expect((await threads.read(peer.claims, id))?.isMine).toBe(false);
	});

	it('limits questions per member and hour', async () => {
		const busy = await createMember();
		await communities.join(busy.claims, communityId);
		for (let i = 0; i < 5; i++) await threads.ask(busy.claims, communityId, question());
		await expect(threads.ask(busy.claims, communityId, question())).rejects.toMatchObject({
			hint: 'rate_limited'
		});
	});
});

describe('answering', () => {
	let threadId: string;
	beforeAll(async () => {
		threadId = (await threads.ask(asker.claims, communityId, question())).id;
	});

	it('orders accepted first, then professional, then helpful, then time; replies under their answer', async () => {
		const early = (await posts.answer(peer.claims, threadId, reply('Früh und ohne Stimmen.'))).id;
		const helpful = await posts.answer(outsider.claims, threadId, reply('x')).catch(() => null);
		expect(helpful).toBeNull(); // outsiders cannot answer
		const voted = (await posts.answer(peer.claims, threadId, reply('Später, aber hilfreich.'))).id;
		const professional = (
			await posts.answer(counsellor.claims, threadId, reply('Aus der Beratung.'))
		).id;
		await posts.answer(asker.claims, threadId, reply('Danke, eine Rückfrage.', voted));
		await posts.setHelpful(asker.claims, voted, true);
		let list = (await posts.readPage(null, threadId)).answers;
		expect(list.map((p) => p.id)).toEqual([professional, voted, early]);
		const [answered] =
			await owner`select is_professional from public.posts where id = ${professional}`;
		expect(answered.is_professional).toBe(true);
		expect(list[1].replies.map((r) => r.bodyHtml)).toEqual(['<p>Danke, eine Rückfrage.</p>']);

		await threads.accept(asker.claims, threadId, early);
		list = (await posts.readPage(null, threadId)).answers;
		expect(list.map((p) => p.id)).toEqual([early, professional, voted]);
		expect((await threads.read(null, threadId))?.solved).toBe(true);
	});

	it('lets only the asker accept, one answer at a time, changeably', async () => {
		const [a, b] = [
			(await posts.answer(peer.claims, threadId, reply('A'))).id,
			(await posts.answer(counsellor.claims, threadId, reply('B'))).id
		];
		await expect(threads.accept(peer.claims, threadId, a)).rejects.toThrow('Not allowed');
		await threads.accept(asker.claims, threadId, a);
		await threads.accept(asker.claims, threadId, b);
		const [row] = await owner`select accepted_post_id from public.threads where id = ${threadId}`;
		expect(row.accepted_post_id).toBe(b);
	});

	it('counts one helpful vote per member, never on one’s own answer', async () => {
		const { id } = await posts.answer(peer.claims, threadId, reply('Zählt genau.'));
		await posts.setHelpful(asker.claims, id, true);
		await posts.setHelpful(asker.claims, id, true);
		await posts.setHelpful(counsellor.claims, id, true);
		await expect(posts.setHelpful(peer.claims, id, true)).rejects.toMatchObject({ code: '42501' });
		const [row] = await owner`select helpful_count from public.posts where id = ${id}`;
		expect(row.helpful_count).toBe(2);
		await posts.setHelpful(asker.claims, id, false);
		const [after] = await owner`select helpful_count from public.posts where id = ${id}`;
		expect(after.helpful_count).toBe(1);
	});

	it('keeps previous versions on edit and empties a withdrawn post without breaking the thread', async () => {
		const { id } = await posts.answer(peer.claims, threadId, reply('Erste Fassung.'));
		await expect(posts.edit(asker.claims, id, 'Fremd bearbeitet.')).rejects.toThrow('Not allowed');
		await posts.edit(peer.claims, id, 'Zweite Fassung.');
		await posts.withdraw(peer.claims, id);
		const [post] =
			await owner`select body_markdown, body_html, edited_at, withdrawn_at from public.posts where id = ${id}`;
		expect(post).toMatchObject({ body_markdown: '', body_html: '' });
		expect(post.withdrawn_at).not.toBeNull();
		const history = await transaction(
			peer.claims,
			(tx) =>
				tx`select body_markdown from public.revisions where post_id = ${id} order by replaced_at, id`
		);
		expect(history.map((r) => r.body_markdown)).toEqual(['Erste Fassung.', 'Zweite Fassung.']);
		expect(
			await transaction(
				asker.claims,
				(tx) => tx`select 1 from public.revisions where post_id = ${id}`
			)
		).toEqual([]);
		await expect(posts.edit(peer.claims, id, 'Nach dem Zurückziehen.')).rejects.toMatchObject({
			code: '42501'
		});
		expect((await posts.readPage(null, threadId)).answers.find((p) => p.id === id)).toMatchObject({
			withdrawn: true,
			bodyHtml: ''
		});
	});
});

describe('me too', () => {
	it('counts once per member, is undoable, follows the thread, and not on one’s own question', async () => {
		const { id } = await threads.ask(asker.claims, communityId, question());
		await threads.setMeToo(peer.claims, id, true);
		await threads.setMeToo(peer.claims, id, true);
		await threads.setMeToo(counsellor.claims, id, true);
		expect(await threads.read(peer.claims, id)).toMatchObject({
			meTooCount: 2,
			saidMeToo: true,
			follows: true
		});
		await threads.setMeToo(counsellor.claims, id, false);
		expect((await threads.read(null, id))?.meTooCount).toBe(1);
		await expect(threads.setMeToo(asker.claims, id, true)).rejects.toMatchObject({ code: '42501' });
	});
});

describe('community pages', () => {
	it('page through tabs by keyset without repeats', async () => {
		const slug = `test-${randomUUID().slice(0, 8)}`;
		const [community] =
			await owner`insert into public.communities (slug, name, topic) values (${slug}, 'Testgemeinschaft', 'Test') returning id`;
		await communities.join(peer.claims, community.id);
		// All asked within one millisecond, microseconds apart: a page's position keeps them apart.
		await owner`insert into public.threads (community_id, author_id, title, body_markdown, body_html, created_at)
			select ${community.id}, ${peer.id}, 'Frage Nummer ' || n, 'x', '<p>x</p>',
				timestamptz '2026-11-20 12:00:00.123' + (46 - n) * interval '1 microsecond'
			from generate_series(1, 45) n`;
		const seen: string[] = [];
		let after: string | null = null;
		do {
			const page: Awaited<ReturnType<typeof threads.listInCommunity>> =
				await threads.listInCommunity(null, slug, 'new', after);
			seen.push(...page.threads.map((t) => t.title));
			after = page.next;
		} while (after);
		expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => `Frage Nummer ${i + 1}`));
		expect(new Set(seen).size).toBe(45);
		expect((await threads.listInCommunity(null, slug, 'solved', null)).threads).toEqual([]);
		expect(
			(await threads.listInCommunity(null, slug, 'unanswered', 'kaputt')).threads
		).toHaveLength(20);
	});
});
