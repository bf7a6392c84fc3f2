import { beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '$lib/server/data/db';
import { createMember, owner, type TestMember } from '../support';

let member: TestMember;
let other: TestMember;
let admin: TestMember;

beforeAll(async () => {
	[member, other, admin] = await Promise.all([
		createMember(),
		createMember(),
		createMember({ role: 'admin' })
	]);
});

describe('members as a visitor', () => {
	it('sees pseudonyms and roles, never settings', async () => {
		const rows = await transaction(
			null,
			(tx) => tx`select pseudonym, site_role from public.members where id = ${member.id}`
		);
		expect(rows).toEqual([{ pseudonym: member.pseudonym, site_role: 'member' }]);
		await expect(
			transaction(null, (tx) => tx`select * from public.member_settings`)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('cannot change anything', async () => {
		await expect(
			transaction(null, (tx) => tx`update public.members set bio = 'x'`)
		).rejects.toMatchObject({ code: '42501' });
	});
});

describe('members as a member', () => {
	it('edits their own profile and settings', async () => {
		await transaction(
			member.claims,
			(tx) => tx`update public.members set bio = 'Hallo' where id = ${member.id}`
		);
		await transaction(
			member.claims,
			(tx) => tx`update public.member_settings set locale = 'en' where member_id = ${member.id}`
		);
		const [row] =
			await owner`select m.bio, s.locale from public.members m join public.member_settings s on s.member_id = m.id where m.id = ${member.id}`;
		expect(row).toEqual({ bio: 'Hallo', locale: 'en' });
	});

	it("cannot edit another member's profile or read their settings", async () => {
		const updated = await transaction(
			member.claims,
			(tx) => tx`update public.members set bio = 'gehackt' where id = ${other.id}`
		);
		expect(updated.count).toBe(0);
		const settings = await transaction(
			member.claims,
			(tx) => tx`select member_id from public.member_settings`
		);
		expect(settings.map((row) => row.member_id)).toEqual([member.id]);
	});

	it('cannot give themselves a site role', async () => {
		await expect(
			transaction(
				member.claims,
				(tx) => tx`update public.members set site_role = 'admin' where id = ${member.id}`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			transaction(member.claims, (tx) => tx`select public.set_site_role(${member.id}, 'admin')`)
		).rejects.toThrow('Only admins can change site roles');
	});

	it('keeps pseudonyms unique regardless of case', async () => {
		await expect(
			transaction(
				member.claims,
				(tx) =>
					tx`update public.members set pseudonym = ${other.pseudonym.toUpperCase()} where id = ${member.id}`
			)
		).rejects.toMatchObject({ code: '23505' });
	});

	it('cannot read the site role log or the rate limits', async () => {
		expect(
			await transaction(member.claims, (tx) => tx`select * from public.site_role_changes`)
		).toEqual([]);
		await expect(
			transaction(member.claims, (tx) => tx`select * from public.rate_limit_hits`)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			transaction(
				member.claims,
				(tx) => tx`select public.take_rate_limit('sign_in:ip', 'x', 1, '1 minute')`
			)
		).rejects.toMatchObject({ code: '42501' });
	});
});

describe('site roles as an admin', () => {
	it('changes a role and the change is logged', async () => {
		const target = await createMember();
		await transaction(
			admin.claims,
			(tx) => tx`select public.set_site_role(${target.id}, 'counsellor')`
		);
		const [row] = await owner`select site_role from public.members where id = ${target.id}`;
		expect(row.site_role).toBe('counsellor');
		const log = await transaction(
			admin.claims,
			(tx) =>
				tx`select changed_by, old_role, new_role from public.site_role_changes where member_id = ${target.id}`
		);
		expect(log).toEqual([{ changed_by: admin.id, old_role: 'member', new_role: 'counsellor' }]);
	});

	it('cannot change their own role', async () => {
		await expect(
			transaction(admin.claims, (tx) => tx`select public.set_site_role(${admin.id}, 'member')`)
		).rejects.toThrow('Admins cannot change their own site role');
	});
});

describe('sessions', () => {
	it('are active until signed out', async () => {
		const isActive = () =>
			transaction(other.claims, (tx) => tx`select public.session_is_active() as active`).then(
				([row]) => row.active
			);
		expect(await isActive()).toBe(true);
		await other.client.auth.signOut();
		expect(await isActive()).toBe(false);
	});
});

describe('every table', () => {
	it('has row level security enabled', async () => {
		const tables =
			await owner`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = 'public' and c.relkind = 'r' and not c.relrowsecurity`;
		expect(tables).toEqual([]);
	});
});
