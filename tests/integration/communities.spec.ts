import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as communities from '$lib/server/forum/communities';
import { transaction } from '$lib/server/data/db';
import { createMember, type TestMember } from './support';

let admin: TestMember;
let member: TestMember;
let other: TestMember;
const slug = () => `test-${randomUUID().slice(0, 8)}`;
const community = (s = slug()) => ({
	slug: s,
	name: 'Testgemeinschaft',
	description: 'Zum Testen',
	rules: '',
	topic: 'Test',
	region: '14713' as string | null // Leipzig, Stadt
});

beforeAll(async () => {
	[admin, member, other] = await Promise.all([
		createMember({ role: 'admin' }),
		createMember(),
		createMember()
	]);
});

describe('creating communities', () => {
	it('is for admins, who can appoint a first moderator', async () => {
		const s = slug();
		await communities.create(admin.claims, community(s), member.pseudonym);
		const created = await communities.read(member.claims, s);
		expect(created).toMatchObject({
			name: 'Testgemeinschaft',
			moderates: true,
			moderators: [member.pseudonym]
		});
		await expect(communities.create(member.claims, community(), null)).rejects.toMatchObject({
			code: '42501'
		});
	});

	it('lists by words and region', async () => {
		const s = slug();
		await communities.create(
			admin.claims,
			{ ...community(s), name: `Zwillinge ${s}`, region: '14729' },
			null
		);
		expect((await communities.list(null, { q: `zwillinge ${s}` })).map((c) => c.slug)).toEqual([s]);
		const inKreis = await communities.list(null, { region: '14729' });
		expect(inKreis.find((c) => c.slug === s)).toMatchObject({ regionLabel: 'Landkreis Leipzig' });
		expect((await communities.list(null, { region: '14713' })).map((c) => c.slug)).not.toContain(s);
	});
});

describe('membership', () => {
	it('counts joins and leaves, and keeps who joined private', async () => {
		const s = slug();
		const id = await communities.create(admin.claims, community(s), null);
		await communities.join(member.claims, id);
		await communities.join(member.claims, id);
		await communities.join(other.claims, id);
		expect(await communities.read(null, s)).toMatchObject({ memberCount: 2, joined: false });
		expect((await communities.read(member.claims, s))?.joined).toBe(true);
		const visible = await transaction(
			member.claims,
			(tx) => tx`select member_id from public.community_members where community_id = ${id}`
		);
		expect(visible.map((row) => row.member_id)).toEqual([member.id]);
		await expect(
			transaction(
				member.claims,
				(tx) =>
					tx`insert into public.community_members (community_id, member_id) values (${id}, ${other.id})`
			)
		).rejects.toMatchObject({ code: '42501' });
		await communities.leave(member.claims, id);
		expect((await communities.read(null, s))?.memberCount).toBe(1);
	});
});

describe('proposals', () => {
	it('go from a member to the admins, who approve them with the proposer as moderator', async () => {
		const name = `Vorschlag ${randomUUID().slice(0, 8)}`;
		await communities.propose(member.claims, {
			name,
			description: 'Eine neue Gemeinschaft.',
			topic: 'Familie',
			region: null
		});
		const mine = await communities.proposals(member.claims);
		expect(mine.map((p) => p.name)).toContain(name);
		expect((await communities.proposals(other.claims)).map((p) => p.name)).not.toContain(name);
		const proposal = (await communities.proposals(admin.claims)).find((p) => p.name === name)!;
		await expect(communities.approve(member.claims, proposal.id, slug())).rejects.toThrow(
			'Only admins can approve communities'
		);
		const s = slug();
		await communities.approve(admin.claims, proposal.id, s);
		expect(await communities.read(member.claims, s)).toMatchObject({
			name,
			joined: true,
			moderates: true
		});
		await expect(communities.reject(admin.claims, proposal.id)).rejects.toThrow(
			'This proposal was already decided'
		);
	});
});
