// /admin/users with the service_role key: create, list with pagination headers,
// get, update (metadata, password, e-mail, ban), hard and soft delete.
import { describe, expect, it } from 'vitest';
import {
	admin,
	anonKey,
	client,
	password,
	raw,
	serviceKey,
	signedInUser,
	sql,
	uniqueEmail
} from './support.ts';

const asAdmin = { token: serviceKey, headers: { apikey: serviceKey } };

describe('admin API', () => {
	it('creates users as GoTrue does: identity, merged app_metadata, optional confirmation', async () => {
		const email = uniqueEmail('admin-create');
		const { data, error } = await admin().createUser({
			email,
			password,
			user_metadata: { display_name: 'Dora' },
			app_metadata: { plan: 'pro', provider: 'email' }
		});
		expect(error).toBeNull();
		expect(data.user).toMatchObject({
			email,
			role: 'authenticated',
			app_metadata: { provider: 'email', providers: ['email'], plan: 'pro' },
			user_metadata: { display_name: 'Dora' },
			identities: [
				{ provider: 'email', identity_data: { email, sub: data.user!.id, email_verified: false } }
			]
		});
		expect(data.user?.email_confirmed_at).toBeUndefined();
		expect((await client().auth.signInWithPassword({ email, password })).error?.code).toBe(
			'email_not_confirmed'
		);

		const duplicate = await admin().createUser({ email: email.toUpperCase(), password });
		expect(duplicate.error).toMatchObject({ status: 422, code: 'email_exists' });
		const nothing = await raw('/admin/users', { ...asAdmin, body: {} });
		expect(nothing).toMatchObject({
			status: 400,
			json: {
				code: 'validation_failed',
				message: 'Cannot create a user without either an email or phone'
			}
		});
	});

	it('lists newest first with X-Total-Count and Link headers auth-js can read', async () => {
		// Other test files create users concurrently, so this looks at its own two via `filter`.
		const tag = crypto.randomUUID().slice(0, 8);
		const emails = [uniqueEmail(`list${tag}`), uniqueEmail(`list${tag}`)];
		for (const email of emails) await admin().createUser({ email, password });
		const first = await raw(`/admin/users?filter=${tag}&page=1&per_page=1`, asAdmin);
		expect(first.status).toBe(200);
		expect(first.headers.get('x-total-count')).toBe('2');
		expect(first.headers.get('link')).toBe(
			`</admin/users?filter=${tag}&page=2&per_page=1>; rel="next", </admin/users?filter=${tag}&page=2&per_page=1>; rel="last"`
		);
		expect(first.json).toMatchObject({ aud: 'authenticated', users: [{ email: emails[1] }] });
		const second = await raw(`/admin/users?filter=${tag}&page=2&per_page=1`, asAdmin);
		expect((second.json.users as { email: string }[]).map((u) => u.email)).toEqual([emails[0]]);
		expect(second.headers.get('link')).toBe(
			`</admin/users?filter=${tag}&page=2&per_page=1>; rel="last"`
		);

		// auth-js reads the page numbers from the Link header of an unfiltered list.
		const { data, error } = await admin().listUsers({ page: 1, perPage: 1 });
		if (error) throw error;
		expect(data.users).toHaveLength(1);
		expect(data.total).toBeGreaterThanOrEqual(2);
		// auth-js takes only the first digit after `page=` (a known quirk hosted shares).
		expect(data).toMatchObject({
			aud: 'authenticated',
			nextPage: 2,
			lastPage: Number(String(data.total)[0])
		});
	});

	it('gets and updates a user: metadata merge, confirmation, e-mail, password', async () => {
		const { user, session } = await signedInUser();
		expect((await admin().getUserById(user.id)).data.user?.email).toBe(user.email);

		const newEmail = uniqueEmail('renamed');
		const { data, error } = await admin().updateUserById(user.id, {
			email: newEmail,
			user_metadata: { nickname: 'E' },
			app_metadata: { plan: 'team', providers: null },
			password: 'admin-set-pass-9'
		});
		expect(error).toBeNull();
		expect(data.user).toMatchObject({ email: newEmail, user_metadata: { nickname: 'E' } });
		expect(data.user?.app_metadata).toEqual({ provider: 'email', plan: 'team' });
		expect(data.user?.identities?.[0].identity_data).toMatchObject({ email: newEmail });
		// An admin password change ends the user's sessions.
		expect((await raw('/user', { token: session!.access_token })).json.code).toBe(
			'session_not_found'
		);
		expect(
			(await client().auth.signInWithPassword({ email: newEmail, password: 'admin-set-pass-9' }))
				.error
		).toBeNull();
	});

	it('bans and unbans a user', async () => {
		const { user, session } = await signedInUser();
		const banned = await admin().updateUserById(user.id, { ban_duration: '24h' });
		expect(Date.parse(banned.data.user!.banned_until!)).toBeGreaterThan(Date.now() + 23 * 3600_000);
		const login = await client().auth.signInWithPassword({ email: user.email!, password });
		expect(login.error).toMatchObject({
			status: 400,
			code: 'user_banned',
			message: 'User is banned'
		});
		const refresh = await raw('/token?grant_type=refresh_token', {
			body: { refresh_token: session!.refresh_token }
		});
		expect(refresh.json).toEqual({
			code: 'user_banned',
			message: 'Invalid Refresh Token: User Banned'
		});
		expect((await raw('/user', { token: session!.access_token })).json).toEqual({
			code: 'user_banned',
			message: 'User is banned'
		});
		const badDuration = await raw(`/admin/users/${user.id}`, {
			...asAdmin,
			method: 'PUT',
			body: { ban_duration: 'forever' }
		});
		expect(badDuration.json).toEqual({
			code: 'validation_failed',
			message: 'invalid format for ban duration: time: invalid duration "forever"'
		});

		const lifted = await admin().updateUserById(user.id, { ban_duration: 'none' });
		expect(lifted.data.user?.banned_until).toBeUndefined();
		expect(
			(await client().auth.signInWithPassword({ email: user.email!, password })).error
		).toBeNull();
	});

	it('deletes hard (cascading to sessions) and soft (anonymised row)', async () => {
		const hard = await signedInUser();
		expect((await admin().deleteUser(hard.user.id)).error).toBeNull();
		expect(await sql`select 1 from auth.users where id = ${hard.user.id}`).toHaveLength(0);
		expect(await sql`select 1 from auth.sessions where user_id = ${hard.user.id}`).toHaveLength(0);
		expect((await raw('/user', { token: hard.session!.access_token })).json.code).toBe(
			'user_not_found'
		);

		const soft = await signedInUser();
		expect((await admin().deleteUser(soft.user.id, true)).error).toBeNull();
		const [row] =
			await sql`select email, encrypted_password, deleted_at, raw_user_meta_data from auth.users where id = ${soft.user.id}`;
		expect(row.email).not.toBe(soft.user.email);
		expect(row.encrypted_password).toBeNull();
		expect(row.deleted_at).not.toBeNull();
		expect(row.raw_user_meta_data).toEqual({});
		expect(await sql`select 1 from auth.sessions where user_id = ${soft.user.id}`).toHaveLength(0);
		expect(
			(await client().auth.signInWithPassword({ email: soft.user.email!, password })).error?.code
		).toBe('invalid_credentials');
	});

	it('refuses non-admin tokens and bad ids', async () => {
		const { session } = await signedInUser();
		for (const token of [anonKey, session!.access_token]) {
			const response = await raw('/admin/users', { token });
			expect(response).toMatchObject({
				status: 403,
				json: { code: 'not_admin', message: 'User not allowed' }
			});
		}
		const badId = await raw('/admin/users/not-a-uuid', asAdmin);
		expect(badId).toMatchObject({
			status: 404,
			json: { code: 'validation_failed', message: 'user_id must be an UUID' }
		});
		const missing = await raw(`/admin/users/${crypto.randomUUID()}`, asAdmin);
		expect(missing).toMatchObject({
			status: 404,
			json: { code: 'user_not_found', message: 'User not found' }
		});
	});
});
