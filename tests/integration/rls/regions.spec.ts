// Regions are open reference data nobody but a migration writes; a member's own region is
// theirs alone until they choose to show it (public.shown_regions).
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '$lib/server/data/db';
import * as regions from '$lib/server/forum/regions';
import { createMember, type TestMember } from '../support';

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

const shown = (reader: TestMember | null, of: TestMember) =>
	transaction(
		reader?.claims ?? null,
		(tx) => tx`select region, label from public.shown_regions where member_id = ${of.id}`
	);

describe('regions and postcodes', () => {
	it('are read by visitors and members alike', async () => {
		const [land] = await transaction(
			null,
			(tx) => tx`select label from public.regions where ags = '14'`
		);
		expect(land.label).toBe('Sachsen');
		const [postcode] = await transaction(
			member.claims,
			(tx) => tx`select ags from public.postcodes where postcode = '04109' and is_primary`
		);
		expect(postcode.ags).toBe('14713');
	});

	it('are written by nobody, not even an admin', async () => {
		for (const reader of [null, member, admin]) {
			const claims = reader?.claims ?? null;
			await expect(
				transaction(claims, (tx) => tx`update public.regions set name = 'X' where ags = '14'`)
			).rejects.toMatchObject({ code: '42501' });
			await expect(
				transaction(
					claims,
					(tx) => tx`insert into public.postcodes (postcode, ags) values ('00000', '14')`
				)
			).rejects.toMatchObject({ code: '42501' });
		}
	});
});

describe("a member's region", () => {
	it('is theirs alone while they do not show it', async () => {
		await regions.setMine(member.claims, '14713', false);
		expect((await regions.mine(member.claims)).region?.label).toBe('Leipzig, Stadt');
		for (const reader of [null, other, admin]) expect(await shown(reader, member)).toEqual([]);
		// Nobody reads another member's settings, the region among them.
		const rows = await transaction(
			other.claims,
			(tx) => tx`select region from public.member_settings where member_id = ${member.id}`
		);
		expect(rows).toEqual([]);
	});

	it('is seen by everyone once they show it, and hidden again when they stop', async () => {
		await regions.setMine(member.claims, '14713', true);
		for (const reader of [null, other, admin])
			expect(await shown(reader, member)).toEqual([{ region: '14713', label: 'Leipzig, Stadt' }]);
		await regions.setMine(member.claims, '14713', false);
		expect(await shown(other, member)).toEqual([]);
	});

	it('is changed by its member only, and is a Kreis', async () => {
		const changed = await transaction(
			other.claims,
			(tx) =>
				tx`update public.member_settings set show_region = true where member_id = ${member.id}`
		);
		expect(changed.count).toBe(0);
		await expect(regions.setMine(member.claims, '14', false)).rejects.toMatchObject({
			code: '23503'
		});
		await expect(regions.setMine(member.claims, '99999', false)).rejects.toSatisfy(
			regions.isUnknownRegion
		);
	});
});
