// Visitors' thread pages are kept as rendered and reused only while nothing they show
// has changed: every change to the thread, its posts, a pseudonym or a professional's
// badge gives the page a new version, and the next visitor gets a fresh page.
import { randomUUID } from 'node:crypto';
import zlib from 'node:zlib';
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

/** A visitor's request through the hook, as the server's response. */
async function request(path: string, claims: Claims | null, headers: HeadersInit = {}) {
	const url = new URL(path, 'http://localhost');
	const event = {
		request: new Request(url, { headers }),
		url,
		locals: { claims },
		isDataRequest: false,
		route: { id: '/t/[id]' },
		params: { id: url.pathname.split('/')[2] }
	} as unknown as RequestEvent;
	return handleVisitorPages({
		event,
		resolve: async () =>
			new Response(`page ${++renders} ${'Antwort '.repeat(100)}`, {
				headers: { 'content-type': 'text/html', etag: `"${renders}"` }
			})
	});
}

/** The page a visitor reads; it says how many renders came before it. */
async function visit(path = `/t/${threadId}`, claims: Claims | null = null) {
	return (await request(path, claims)).text();
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

	it('are kept compressed too: sent in brotli or gzip as they are, never compressed again', async () => {
		const page = await visit();
		for (const encoding of ['br', 'gzip'] as const) {
			const before = renders;
			const response = await request(`/t/${threadId}`, null, {
				'accept-encoding': encoding === 'br' ? 'gzip, deflate, br' : 'gzip'
			});
			expect(renders).toBe(before);
			expect(response.headers.get('content-encoding')).toBe(encoding);
			expect(response.headers.get('vary')).toBe('Accept-Encoding');
			expect(response.headers.get('etag')).toMatch(new RegExp(`-${encoding}"$`));
			const body = Buffer.from(await response.arrayBuffer());
			expect(body.length).toBeLessThan(page.length / 4);
			const decode = encoding === 'br' ? zlib.brotliDecompressSync : zlib.gunzipSync;
			expect(decode(body).toString()).toBe(page);
		}
		const plain = await request(`/t/${threadId}`, null, { 'accept-encoding': 'identity' });
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.text()).toBe(page);
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
