// POST /token?grant_type=refresh_token: rotation, the parent/child rule, the
// 10 s reuse interval of config.toml, and revocation of the session on abuse.
import { describe, expect, it } from 'vitest';
import { claimsOf, client, raw, signedInUser, sql } from './support.ts';

async function refresh(refreshToken: string) {
	return raw('/token?grant_type=refresh_token', { body: { refresh_token: refreshToken } });
}

/** Pretends the token was revoked longer ago than the reuse interval. */
async function ageToken(token: string, seconds: number) {
	await sql`update auth.refresh_tokens set updated_at = now() - make_interval(secs => ${seconds}) where token = ${token}`;
}

describe('refresh-token rotation', () => {
	it('rotates: the old token is revoked and becomes the parent of the new one', async () => {
		const { session } = await signedInUser();
		const supabase = client();
		const { data, error } = await supabase.auth.refreshSession({
			refresh_token: session!.refresh_token
		});
		expect(error).toBeNull();
		const next = data.session!;
		expect(next.refresh_token).toMatch(/^[a-z0-9]{12}$/);
		expect(next.refresh_token).not.toBe(session!.refresh_token);
		expect(claimsOf(next.access_token).session_id).toBe(claimsOf(session!.access_token).session_id);
		expect(claimsOf(next.access_token).amr).toEqual(claimsOf(session!.access_token).amr);
		expect(data.user?.id).toBe(session!.user.id);

		const rows = await sql`
			select token, parent, revoked from auth.refresh_tokens
			where session_id = ${claimsOf(next.access_token).session_id} order by id`;
		expect(rows).toEqual([
			{ token: session!.refresh_token, parent: null, revoked: true },
			{ token: next.refresh_token, parent: session!.refresh_token, revoked: false }
		]);
		const [stamped] =
			await sql`select refreshed_at from auth.sessions where id = ${claimsOf(next.access_token).session_id}`;
		expect(stamped.refreshed_at).not.toBeNull();
	});

	it('gives a client that lost the answer the same active child again', async () => {
		const { session } = await signedInUser();
		const first = await refresh(session!.refresh_token);
		const repeated = await refresh(session!.refresh_token);
		expect(first.status).toBe(200);
		expect(repeated.status).toBe(200);
		expect(repeated.json.refresh_token).toBe(first.json.refresh_token);
	});

	it('serves concurrent refreshes of one token (SSR requests) with one child', async () => {
		const { session } = await signedInUser();
		const answers = await Promise.all(
			Array.from({ length: 5 }, () => refresh(session!.refresh_token))
		);
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
		expect(new Set(answers.map((a) => a.json.refresh_token)).size).toBe(1);
		const children =
			await sql`select 1 from auth.refresh_tokens where parent = ${session!.refresh_token}`;
		expect(children).toHaveLength(1);
	});

	it('rotates a revoked token again inside the reuse interval', async () => {
		const { session } = await signedInUser();
		const b = await refresh(session!.refresh_token);
		const c = await refresh(b.json.refresh_token!);
		// The first token is no longer the parent of the active one, but it was revoked moments ago.
		const again = await refresh(session!.refresh_token);
		expect(again.status).toBe(200);
		expect(again.json.refresh_token).not.toBe(c.json.refresh_token);
		expect(again.json.refresh_token).not.toBe(b.json.refresh_token);
	});

	it('treats reuse outside the interval as abuse and revokes the whole session', async () => {
		const { session } = await signedInUser();
		const sessionId = claimsOf(session!.access_token).session_id;
		const b = await refresh(session!.refresh_token);
		const c = await refresh(b.json.refresh_token!);
		await ageToken(session!.refresh_token, 11);

		const reused = await refresh(session!.refresh_token);
		expect(reused.status).toBe(400);
		expect(reused.json).toEqual({
			code: 'refresh_token_already_used',
			message: 'Invalid Refresh Token: Already Used'
		});
		const active =
			await sql`select token from auth.refresh_tokens where session_id = ${sessionId} and not revoked`;
		expect(active).toEqual([]);

		// The newest token, once its own reuse interval is over, is dead as well.
		await ageToken(c.json.refresh_token!, 11);
		const viaClient = await client().auth.refreshSession({ refresh_token: c.json.refresh_token! });
		expect(viaClient.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' });
	});

	it('answers unknown, malformed, missing and orphaned tokens', async () => {
		const unknown = await refresh('abcdefghijkl');
		expect(unknown).toMatchObject({
			status: 400,
			json: {
				code: 'refresh_token_not_found',
				message: 'Invalid Refresh Token: Refresh Token Not Found'
			}
		});
		const malformed = await refresh('not a token');
		expect(malformed).toMatchObject({
			status: 400,
			json: { code: 'validation_failed', message: 'Refresh token is not valid' }
		});
		const missing = await refresh('');
		expect(missing).toMatchObject({
			status: 400,
			json: { error: 'invalid_request', error_description: 'refresh_token required' }
		});

		const { session } = await signedInUser();
		await sql`delete from auth.sessions where id = ${claimsOf(session!.access_token).session_id}`;
		// Sessions cascade to their refresh tokens, so a signed-out session's token is unknown.
		const gone = await refresh(session!.refresh_token);
		expect(gone.json.code).toBe('refresh_token_not_found');
	});
});
