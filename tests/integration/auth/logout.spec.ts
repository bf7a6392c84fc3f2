// POST /logout?scope=global|local|others and what a revoked session looks like
// afterwards: /user refuses its access token, PostgREST-style verification does not.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { admin, claimsOf, client, password, raw, sql, uniqueEmail, url } from './support.ts';

/** One user signed in on three "devices". */
async function threeSessions() {
	const email = uniqueEmail('logout');
	await admin().createUser({ email, password, email_confirm: true });
	const devices = [client(), client(), client()];
	const sessions = [];
	for (const device of devices) {
		const { data, error } = await device.auth.signInWithPassword({ email, password });
		if (error) throw error;
		sessions.push(data.session!);
	}
	return { devices, sessions, userId: sessions[0].user.id };
}

async function sessionIds(userId: string): Promise<string[]> {
	const rows = await sql<
		{ id: string }[]
	>`select id from auth.sessions where user_id = ${userId} order by created_at`;
	return rows.map((r) => r.id);
}

describe('sign-out', () => {
	it('scope local ends only the calling session', async () => {
		const { devices, sessions, userId } = await threeSessions();
		const { error } = await devices[0].auth.signOut({ scope: 'local' });
		expect(error).toBeNull();
		expect(await sessionIds(userId)).toEqual(
			sessions.slice(1).map((s) => claimsOf(s.access_token).session_id)
		);
		const refreshed = await client().auth.refreshSession({
			refresh_token: sessions[0].refresh_token
		});
		expect(refreshed.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
	});

	it('scope others keeps only the calling session', async () => {
		const { devices, sessions, userId } = await threeSessions();
		await devices[1].auth.signOut({ scope: 'others' });
		expect(await sessionIds(userId)).toEqual([claimsOf(sessions[1].access_token).session_id]);
	});

	it('scope global ends every session; /user then answers session_not_found', async () => {
		const { devices, sessions, userId } = await threeSessions();
		const response = await raw('/logout?scope=global', {
			method: 'POST',
			token: sessions[2].access_token
		});
		expect(response.status).toBe(204);
		expect(await sessionIds(userId)).toEqual([]);

		const user = await raw('/user', { token: sessions[0].access_token });
		expect(user.status).toBe(403);
		expect(user.json).toEqual({
			code: 'session_not_found',
			message: 'Session from session_id claim in JWT does not exist'
		});
		const viaClient = await devices[0].auth.getUser(sessions[0].access_token);
		// auth-js turns session_not_found into AuthSessionMissingError (and drops its stored session).
		expect(viaClient.error?.name).toBe('AuthSessionMissingError');

		// The access token itself stays valid until it expires (PostgREST would still accept it).
		const jwks = createRemoteJWKSet(new URL(`${url}/auth/v1/.well-known/jwks.json`));
		await expect(jwtVerify(sessions[0].access_token, jwks)).resolves.toBeTruthy();

		const [entry] = await sql`
			select payload from auth.audit_log_entries
			where payload->>'actor_id' = ${userId} and payload->>'action' = 'logout'`;
		expect(entry.payload).toMatchObject({
			log_type: 'account',
			actor_username: sessions[0].user.email
		});
	});

	it('treats a missing scope as global and rejects unknown scopes and missing tokens', async () => {
		const { sessions, userId } = await threeSessions();
		const unknown = await raw('/logout?scope=everywhere', {
			method: 'POST',
			token: sessions[0].access_token
		});
		expect(unknown).toMatchObject({
			status: 400,
			json: { code: 'validation_failed', message: 'Unsupported logout scope "everywhere"' }
		});
		const anonymous = await raw('/logout', { method: 'POST' });
		expect(anonymous).toMatchObject({
			status: 403,
			json: { code: 'bad_jwt', message: 'invalid claim: missing sub claim' }
		});

		expect((await raw('/logout', { method: 'POST', token: sessions[0].access_token })).status).toBe(
			204
		);
		expect(await sessionIds(userId)).toEqual([]);
	});
});
