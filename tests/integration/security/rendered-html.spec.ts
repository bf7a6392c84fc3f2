// One data path: what pages render as HTML comes only from the app's renderer, and every
// change of a text goes through the same checks. Replayed with a member's own token, as
// the hosted Data API would run it (role authenticated, the token's claims), whether the
// Data API is exposed or not (README, "A hosted Supabase project").
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction, type Claims } from '$lib/server/db';
import * as posts from '$lib/server/posts';
import * as threads from '$lib/server/threads';
import {
	community,
	member,
	moderator,
	owner,
	question,
	reply,
	type TestMember
} from '../escalations/support';

// What a visitor's browser would follow: the CSP stops scripts, not these.
const hostile = '<meta http-equiv="refresh" content="0;url=https://evil.example/">';

let home: string;
let author: TestMember;
let mod: TestMember;
let threadId: string;
let postId: string;
/** The author's claims as the app gets them: the Auth stand-in's token, verified with its keys. */
let verified: Claims;

beforeAll(async () => {
	home = await community();
	[author, mod] = await Promise.all([member(home), moderator(home)]);
	threadId = (await threads.ask(author.claims, home, question())).id;
	postId = (await posts.answer(author.claims, threadId, reply('Unsere Erfahrung.'))).id;
	const { data, error } = await author.client.auth.getClaims();
	if (error || !data) throw error ?? new Error('no claims');
	verified = data.claims as Claims;
});

const stored = async () => {
	const [row] = await owner<{ thread: string; post: string }[]>`
		select t.body_html as thread, p.body_html as post
		from public.threads t join public.posts p on p.thread_id = t.id where p.id = ${postId}`;
	return row;
};

describe('a member’s token', () => {
	it('cannot store HTML with a new thread or post', async () => {
		await expect(
			transaction(
				verified,
				(
					tx
				) => tx`insert into public.threads (community_id, author_id, title, body_markdown, body_html)
					values (${home}, ${author.id}, 'Eine harmlose Frage?', 'Harmlos.', ${hostile})`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			transaction(
				verified,
				(tx) => tx`insert into public.posts (thread_id, author_id, body_markdown, body_html)
					values (${threadId}, ${author.id}, 'Harmlos.', ${hostile})`
			)
		).rejects.toMatchObject({ code: '42501' });
		const [row] = await owner<{ n: number }[]>`
			select count(*)::int as n from public.posts where thread_id = ${threadId} and body_html like '%<meta%'`;
		expect(row.n).toBe(0);
	});

	it('cannot change only the HTML of its own thread or post', async () => {
		const before = await stored();
		await expect(
			transaction(
				verified,
				(tx) => tx`update public.posts set body_html = ${hostile} where id = ${postId}`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			transaction(
				verified,
				(tx) => tx`update public.threads set body_html = ${hostile} where id = ${threadId}`
			)
		).rejects.toMatchObject({ code: '42501' });
		expect(await stored()).toEqual(before);
	});

	it('cannot change the text without the app: no unchecked text, no stale HTML', async () => {
		// The app's renderer never saw this text, so no HTML exists for it.
		await expect(
			transaction(
				verified,
				(tx) =>
					tx`update public.posts set body_markdown = 'Neu, an allen Prüfungen vorbei.' where id = ${postId}`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			transaction(
				verified,
				(tx) => tx`insert into public.posts (thread_id, author_id, body_markdown)
					values (${threadId}, ${author.id}, 'Ohne die App geschrieben.')`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('cannot reuse HTML the app rendered for someone else’s text', async () => {
		const copied = 'Ein Text, den die App schon einmal gezeigt hat.';
		await posts.answer(mod.claims, threadId, reply(copied));
		await expect(
			transaction(
				verified,
				(tx) => tx`insert into public.posts (thread_id, author_id, body_markdown)
					values (${threadId}, ${author.id}, ${copied})`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('cannot take the role the app’s renderer writes HTML as', async () => {
		const [row] = await owner<{ members: string[] }[]>`
			select array(select r.rolname from pg_roles r
				where r.rolname in ('anon', 'authenticated', 'authenticator')
					and pg_has_role(r.oid, 'ratnetz_renderer', 'member') order by 1) as members`;
		expect(row.members).toEqual([]);
		await expect(
			transaction(verified, (tx) => tx`select public.store_rendered('Harmlos.', ${hostile})`)
		).rejects.toMatchObject({ code: '42501' });
	});
});

describe('a moderator’s token', () => {
	it('cannot put HTML into the text it edits out', async () => {
		await expect(
			transaction(
				mod.claims,
				(
					tx
				) => tx`select public.edit_content(${threadId}, ${postId}, null, 'Bearbeitet.', ${hostile}::text,
					'Persönliche Daten entfernt'::text)`
			)
		).rejects.toMatchObject({ code: expect.stringMatching(/^(42501|42883)$/) });
		expect((await stored()).post).not.toContain('<meta');
	});
});

describe('the Data API', () => {
	it('is not exposed: the config turns it off and the gateway serves no table', async () => {
		const config = parse(readFileSync('supabase/config.toml', 'utf8')) as {
			api: { enabled: boolean };
		};
		expect(config.api.enabled).toBe(false);
		const response = await fetch(
			`${process.env.PUBLIC_SUPABASE_URL}/rest/v1/threads?select=body_html`,
			{
				headers: { apikey: process.env.PUBLIC_SUPABASE_ANON_KEY! }
			}
		);
		expect(response.status).toBe(404);
	});
});
