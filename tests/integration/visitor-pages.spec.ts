// Visitors' thread pages are kept as rendered and reused only while nothing they show
// has changed: every change to the thread, its posts, a pseudonym or a professional's
// badge gives the page a new version, and the next visitor gets a fresh page.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import type { Claims } from '$lib/server/db';
import * as posts from '$lib/server/posts';
import { handleVisitorPages } from '$lib/server/visitor-pages';
import { community, member, owner } from './escalations/support';

let threadId: string;
let writer: { id: string; claims: Claims };
let reader: { id: string; claims: Claims };
let answerId: string;
let renders = 0;

/** A visitor's request through the hook; the "page" says how many renders came before it. */
async function visit(path = `/t/${threadId}`, claims: Claims | null = null) {
	const url = new URL(path, 'http://localhost');
	const event = {
		request: new Request(url),
		url,
		locals: { claims },
		isDataRequest: false,
		route: { id: '/t/[id]' },
		params: { id: url.pathname.split('/')[2] }
	} as unknown as RequestEvent;
	const response = await handleVisitorPages({
		event,
		resolve: async () =>
			new Response(`page ${++renders}`, { headers: { 'content-type': 'text/html' } })
	});
	return response.text();
}

const version = async () =>
	(await owner<{ v: string | null }[]>`select public.thread_page_version(${threadId}) as v`)[0].v;

beforeAll(async () => {
	const id = await community();
	[writer, reader] = await Promise.all([member(id), member(id)]);
	[{ id: threadId }] = await owner<{ id: string }[]>`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html)
		values (${id}, ${writer.id}, 'Eine Frage für Besucher', 'Text', '<p>Text</p>') returning id`;
	answerId = (
		await posts.answer(reader.claims, threadId, {
			body: 'Eine Antwort',
			parentPostId: null,
			idempotencyKey: randomUUID()
		})
	).id;
});

describe("visitors' thread pages", () => {
	it('are rendered once and then reused while nothing changed', async () => {
		const first = await visit();
		expect(await visit()).toBe(first);
		expect(await visit(`/t/${threadId}?page=2`)).not.toBe(first);
	});

	it('are rendered again after an answer, a vote, an edit or a removal', async () => {
		const changes = [
			() =>
				posts.answer(writer.claims, threadId, {
					body: 'Noch eine',
					parentPostId: null,
					idempotencyKey: randomUUID()
				}),
			() => posts.setHelpful(writer.claims, answerId, true),
			() => posts.edit(reader.claims, answerId, 'Eine bessere Antwort'),
			() =>
				owner`update public.posts set removed_at = now(), removal_reason = 'Regeln' where id = ${answerId}`
		];
		for (const change of changes) {
			const before = await visit();
			await change();
			const after = await visit();
			expect(after).not.toBe(before);
			expect(await visit()).toBe(after);
		}
	});

	it('change version with a pseudonym or a professional badge anywhere', async () => {
		const before = await version();
		await owner`update public.members set pseudonym = ${`Neu_${randomUUID().slice(0, 8)}`} where id = ${reader.id}`;
		const renamed = await version();
		expect(renamed).not.toBe(before);
		await owner`update public.counsellor_profiles set organisation = organisation where false`;
		expect(await version()).not.toBe(renamed);
	});

	it('are never kept for members, and not for threads visitors may not see', async () => {
		const kept = await visit();
		expect(await visit(`/t/${threadId}`, reader.claims)).not.toBe(kept);
		await owner`update public.threads set held_at = now() where id = ${threadId}`;
		expect(await version()).toBeNull();
		const first = await visit();
		expect(await visit()).not.toBe(first);
	});
});
