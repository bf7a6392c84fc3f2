import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { transaction } from '$lib/server/db';
import { createMember, owner } from './support';

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
