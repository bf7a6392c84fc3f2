// The auth schema of supabase/local/sql/20-auth.sql as app SQL sees it: the
// auth.uid()/role()/email()/jwt() helpers, privileges, RLS and GoTrue's constraints.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { admin, password, sql, uniqueEmail } from './support.ts';

describe('auth schema', () => {
	it('reads the request claims in auth.uid(), auth.role(), auth.email() and auth.jwt()', async () => {
		const sub = randomUUID();
		const claims = { sub, role: 'authenticated', email: 'eva@example.org', aal: 'aal1' };
		const [row] = await sql.begin(async (tx) => {
			await tx`set local role authenticated`;
			await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
			return tx`select auth.uid() as uid, auth.role() as role, auth.email() as email, auth.jwt() ->> 'aal' as aal`;
		});
		expect(row).toEqual({ uid: sub, role: 'authenticated', email: 'eva@example.org', aal: 'aal1' });

		// The old per-claim settings still win where present, as in GoTrue's definitions.
		const [legacy] = await sql.begin(async (tx) => {
			await tx`select set_config('request.jwt.claim.sub', ${sub}, true)`;
			return tx`select auth.uid() as uid, auth.jwt() as jwt`;
		});
		expect(legacy).toEqual({ uid: sub, jwt: null });
	});

	it('lets the API roles use the schema but not read its tables', async () => {
		for (const role of ['anon', 'authenticated', 'service_role']) {
			const error = await sql
				.begin(async (tx) => {
					await tx.unsafe(`set local role ${role}`);
					return tx`select id from auth.users limit 1`;
				})
				.catch((e: { code?: string }) => e);
			expect((error as { code?: string }).code).toBe('42501');
		}
		const tables = await sql<{ relname: string; owner: string; rls: boolean }[]>`
			select c.relname, pg_get_userbyid(c.relowner) as owner, c.relrowsecurity as rls
			from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = 'auth' and c.relkind = 'r' order by c.relname`;
		expect(tables.map((t) => t.relname)).toEqual([
			'audit_log_entries',
			'flow_state',
			'identities',
			'instances',
			'mfa_amr_claims',
			'one_time_tokens',
			'refresh_tokens',
			'schema_migrations',
			'sessions',
			'users'
		]);
		expect(tables.every((t) => t.owner === 'supabase_auth_admin' && t.rls)).toBe(true);
		const [grant] = await sql`
			select privilege_type, is_grantable from information_schema.role_table_grants
			where table_schema = 'auth' and table_name = 'users' and grantee = 'postgres' and privilege_type = 'SELECT'`;
		expect(grant).toEqual({ privilege_type: 'SELECT', is_grantable: 'YES' });
	});

	it('keeps GoTrue’s generated columns and unique e-mail', async () => {
		const email = uniqueEmail('schema');
		const { data } = await admin().createUser({ email, password, email_confirm: true });
		const [user] =
			await sql`select confirmed_at = email_confirmed_at as same from auth.users where id = ${data.user!.id}`;
		expect(user.same).toBe(true);
		const [identity] =
			await sql`select email from auth.identities where user_id = ${data.user!.id}`;
		expect(identity.email).toBe(email);
		const duplicate = await sql`
			insert into auth.users (instance_id, id, aud, role, email) values
			('00000000-0000-0000-0000-000000000000', ${randomUUID()}, 'authenticated', 'authenticated', ${email})`.catch(
			(e: { constraint_name?: string }) => e
		);
		expect((duplicate as { constraint_name?: string }).constraint_name).toBe(
			'users_email_partial_key'
		);
	});
});
