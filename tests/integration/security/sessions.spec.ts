// Sessions end: after [auth.sessions] timebox and inactivity_timeout (Auth refuses to
// refresh them and to vouch for their tokens), everywhere at once when the member asks,
// and the app's session cookie lives no longer than an unused session.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import * as accounts from '$lib/server/members/accounts';
import { sessionCookieMaxAge, type Supabase } from '$lib/server/data/supabase';
import { parseGoDuration } from '../../../supabase/local/auth/duration';
import { projectRoot } from '../../../supabase/local/env';
import { authClient, createMember, owner, signIn } from '../support';

const config = parse(readFileSync(path.join(projectRoot, 'supabase/config.toml'), 'utf8')) as {
	auth: { sessions: { timebox: string; inactivity_timeout: string } };
};
const seconds = (duration: string) => parseGoDuration(duration) / 1000;

/** A fresh session of a new member: its client (with the refresh token) and its id. */
async function session() {
	const member = await createMember();
	const { data } = await member.client.auth.getSession();
	return { member, session: data.session!, id: member.claims.session_id! };
}

describe('session lifetime', () => {
	it('is configured: a month at most, two weeks without a visit', () => {
		expect(seconds(config.auth.sessions.timebox)).toBe(30 * 24 * 3600);
		expect(seconds(config.auth.sessions.inactivity_timeout)).toBe(14 * 24 * 3600);
		// The cookie lives as long as an unused session, not @supabase/ssr's 400 days.
		expect(sessionCookieMaxAge).toBe(seconds(config.auth.sessions.inactivity_timeout));
	});

	it('ends a session past its timebox: no refresh, and its token is no longer vouched for', async () => {
		const { member, session: current, id } = await session();
		await owner`update auth.sessions set created_at = now() - interval '31 days' where id = ${id}`;
		const refreshed = await authClient().auth.refreshSession({
			refresh_token: current.refresh_token
		});
		expect(refreshed.error).toMatchObject({
			status: 400,
			code: 'session_expired',
			message: 'Invalid Refresh Token: Session Expired'
		});
		const user = await member.client.auth.getUser(current.access_token);
		expect(user.error).toMatchObject({ status: 403, code: 'session_expired' });
	});

	it('ends a session not refreshed within the inactivity timeout', async () => {
		const { session: current, id } = await session();
		await owner`update auth.sessions set created_at = now() - interval '20 days',
			refreshed_at = (now() - interval '15 days') at time zone 'UTC' where id = ${id}`;
		await owner`update auth.refresh_tokens set updated_at = now() - interval '15 days' where session_id = ${id}`;
		const refreshed = await authClient().auth.refreshSession({
			refresh_token: current.refresh_token
		});
		expect(refreshed.error).toMatchObject({
			code: 'session_expired',
			message: 'Invalid Refresh Token: Session Expired (Inactivity)'
		});
	});

	it('keeps a session used within the timeout', async () => {
		const { session: current, id } = await session();
		await owner`update auth.sessions set created_at = now() - interval '20 days',
			refreshed_at = (now() - interval '13 days') at time zone 'UTC' where id = ${id}`;
		const refreshed = await authClient().auth.refreshSession({
			refresh_token: current.refresh_token
		});
		expect(refreshed.error).toBeNull();
	});
});

describe('signing out everywhere', () => {
	it('ends every session of the member, on every device', async () => {
		const member = await createMember();
		await signIn(member.email, member.password);
		const sessions = () => owner`select id from auth.sessions where user_id = ${member.id}`;
		expect(await sessions()).toHaveLength(2);
		await accounts.signOut(member.client as unknown as Supabase, 'global');
		expect(await sessions()).toHaveLength(0);
	});
});
