// Bad input is a clear answer, never a 500: NUL bytes in the forms that once failed in
// Postgres (a report's note, a reveal's reason, a counsellor's note), and session cookies
// with forged or broken tokens. (NULs in addresses: tests/e2e/security-input.e2e.ts.)
import { importJWK, SignJWT } from 'jose';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as escalations from '$lib/server/escalations';
import * as members from '$lib/server/members/members';
import * as session from '$lib/server/data/session';
import { createSupabase } from '$lib/server/data/supabase';
import * as threads from '$lib/server/forum/threads';
import { actions as counsellorActions } from '../../../src/routes/(member)/counsellor/[id]/+page.server';
import { actions as threadActions } from '../../../src/routes/t/[id]/+page.server';
import { stateDir } from '../../../supabase/local/env';
import {
	community,
	counsellor,
	member,
	owner,
	question,
	type TestMember
} from '../escalations/support';

/** A form posted by a signed-in member to a page's action. */
async function posted(
	by: TestMember,
	params: Record<string, string>,
	fields: Record<string, string>
) {
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) body.set(name, value);
	return {
		locals: { claims: by.claims, member: await members.current(by.claims) },
		params,
		url: new URL('http://localhost:4173/'),
		request: new Request('http://localhost:4173/', { method: 'POST', body })
	} as never;
}

let served: string;
let asker: TestMember;
let reader: TestMember;
let serving: TestMember;
let threadId: string;

beforeAll(async () => {
	served = await community();
	[asker, reader, serving] = await Promise.all([
		member(served),
		member(served),
		counsellor([served])
	]);
	threadId = (
		await threads.ask(asker.claims, served, question({ anonymous: true, wantsProfessional: true }))
	).id;
});

describe('NUL bytes in forms', () => {
	it('keeps a report’s note, without the NUL', async () => {
		const done = await threadActions.flag(
			await posted(reader, { id: threadId }, { note: 'Bitte\u0000 ansehen' })
		);
		expect(done).toEqual({ flagged: true });
		const [flag] = await owner<{ note: string }[]>`
			select note from public.flags where thread_id = ${threadId} and flagger_id = ${reader.id}`;
		expect(flag.note).toBe('Bitte ansehen');
	});

	it('takes a reveal’s reason with a NUL as written without it', async () => {
		const done = await threadActions.reveal(
			await posted(serving, { id: threadId }, { reason: 'Sorge um das\u0000 Wohl eines Kindes' })
		);
		expect(done).toMatchObject({ revealed: { target: threadId } });
	});

	it('keeps a counsellor’s note, without the NUL', async () => {
		const [item] = (await escalations.queue(serving.claims, { communityId: served })).items.filter(
			(each) => each.threadId === threadId
		);
		await escalations.claim(serving.claims, item.id);
		const done = await counsellorActions.note(
			await posted(serving, { id: item.id }, { body: 'Angerufen\u0000, Rückruf morgen' })
		);
		expect(done).toEqual({ done: true });
	});
});

describe('session cookies with bad tokens', () => {
	const authUrl = `${process.env.PUBLIC_SUPABASE_URL}/auth/v1`;
	const b64 = (value: string) => Buffer.from(value).toString('base64url');

	/** Who a request with this access token in its session cookie is. */
	async function whoWith(accessToken: string) {
		const cookie = {
			name: `sb-${new URL(authUrl).hostname.split('.')[0]}-auth-token`,
			value: `base64-${b64(
				JSON.stringify({
					access_token: accessToken,
					token_type: 'bearer',
					expires_in: 3600,
					expires_at: Math.floor(Date.now() / 1000) + 3600,
					refresh_token: 'abcdefghijkl',
					user: { id: '00000000-0000-0000-0000-000000000001' }
				})
			)}`
		};
		const event = {
			url: new URL('http://localhost:4173/'),
			cookies: { getAll: () => [cookie], set: () => {} },
			setHeaders: () => {},
			fetch,
			getClientAddress: () => '10.0.0.1'
		} as never;
		return session.load(
			() => createSupabase(event),
			() => [cookie],
			'GET'
		);
	}

	/** A token signed with Auth's own key, but an hour past its time (its refresh token is no more). */
	async function expiredToken() {
		const jwk = JSON.parse(readFileSync(path.join(stateDir, 'auth-signing-key.json'), 'utf8'));
		const key = await importJWK({ ...jwk, key_ops: ['sign'] }, 'ES256');
		const now = Math.floor(Date.now() / 1000);
		return new SignJWT({ role: 'authenticated', session_id: asker.claims.session_id })
			.setProtectedHeader({ alg: 'ES256', kid: jwk.kid, typ: 'JWT' })
			.setSubject(asker.id)
			.setAudience('authenticated')
			.setIssuedAt(now - 7200)
			.setExpirationTime(now - 3600)
			.sign(key);
	}

	it('takes every forged or broken token for a visitor', async () => {
		const { keys } = (await (await fetch(`${authUrl}/.well-known/jwks.json`)).json()) as {
			keys: { kid: string }[];
		};
		const kid = keys[0].kid;
		const claims = b64(
			JSON.stringify({
				sub: asker.id,
				role: 'authenticated',
				aud: 'authenticated',
				session_id: asker.claims.session_id,
				exp: Math.floor(Date.now() / 1000) + 3600
			})
		);
		const forged = [
			`${b64(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${claims}.`,
			`${b64(JSON.stringify({ alg: 'none', kid }))}.${claims}.`,
			`${b64(JSON.stringify({ alg: 'RS256', kid }))}.${claims}.AAAA`,
			`${b64(JSON.stringify({ alg: 'ES256', kid }))}.${claims}.${b64('not a signature')}`,
			`${b64(JSON.stringify({ alg: 'HS256' }))}.${claims}.${b64('wrong')}`,
			`${b64('no json')}.${claims}.`,
			'garbage',
			await expiredToken()
		];
		for (const token of forged) {
			expect(await whoWith(token), token).toEqual({ claims: null, member: null });
		}
	});
});
