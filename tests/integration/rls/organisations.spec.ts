// Row-level security and rules of organisations, per role: visitors, members, counsellors
// and moderators read verified organisations only and change nothing; admins read every
// one and its history, and change them through the functions alone. Nobody writes the
// tables directly, nor the organisation an answer or a check keeps.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction, type Claims, type Tx } from '$lib/server/data/db';
import * as organisations from '$lib/server/members/organisations';
import {
	anAdmin,
	community,
	counsellor,
	member,
	moderator,
	type TestMember
} from '../escalations/support';

let peer: TestMember;
let professional: TestMember;
let keeper: TestMember;
let admin: TestMember;
let shown: string;
let waiting: string;

const asVisitor = null;
const nonAdmins = () => [asVisitor, peer.claims, professional.claims, keeper.claims];
const details = () => ({
	name: `Verein ${randomUUID().slice(0, 8)}`,
	kind: 'association' as const,
	region: null,
	website: null
});

beforeAll(async () => {
	const place = await community();
	[peer, professional, keeper, admin] = await Promise.all([
		member(place),
		counsellor([place]),
		moderator(place),
		anAdmin()
	]);
	[shown, waiting] = await Promise.all([
		organisations.add(admin.claims, details()),
		organisations.add(admin.claims, details())
	]);
	await organisations.verify(admin.claims, shown, true);
	await organisations.assign(admin.claims, professional.id, shown);
});

const read = (claims: Claims | null, id: string) =>
	transaction(claims, (tx) => tx`select id from public.organisations where id = ${id}`);
const events = (claims: Claims | null, id: string) =>
	transaction(
		claims,
		(tx) => tx`select id from public.organisation_events where organisation_id = ${id}`
	);

describe('reading', () => {
	it('shows verified organisations to everyone, unverified ones to admins alone', async () => {
		for (const claims of nonAdmins()) {
			expect(await read(claims, shown)).toHaveLength(1);
			expect(await read(claims, waiting)).toHaveLength(0);
		}
		expect(await read(admin.claims, waiting)).toHaveLength(1);
	});

	it('shows what happened to an organisation to admins alone', async () => {
		for (const claims of nonAdmins()) expect(await events(claims, shown)).toHaveLength(0);
		expect((await events(admin.claims, shown)).length).toBeGreaterThanOrEqual(3);
	});
});

describe('writing', () => {
	const writes = (id: string) =>
		[
			(tx) => tx`insert into public.organisations (name, kind) values ('Eigenbau e. V.', 'other')`,
			(tx) =>
				tx`update public.organisations set verified_at = now(), verified_by = (select auth.uid()) where id = ${id}`,
			(tx) => tx`delete from public.organisations where id = ${id}`,
			(tx) =>
				tx`insert into public.organisation_events (organisation_id, action) values (${id}, 'verified')`,
			(tx) =>
				tx`update public.counsellor_profiles set organisation_id = ${id} where member_id = (select auth.uid())`,
			(tx) => tx`update public.idea_answers set organisation_id = ${id}`,
			(tx) => tx`update public.guide_reviews set organisation_id = ${id}`
		] satisfies ((tx: Tx) => unknown)[];

	it('refuses direct writes to every API role, admins included', async () => {
		for (const claims of [...nonAdmins(), admin.claims]) {
			for (const write of writes(waiting)) {
				await expect(transaction(claims, write)).rejects.toMatchObject({ code: '42501' });
			}
		}
		expect(await read(asVisitor, waiting)).toHaveLength(0);
	});

	it('refuses the functions to visitors (no grant) and to members, counsellors and moderators (not admins)', async () => {
		const calls = [
			(tx: Tx) => tx`select public.save_organisation(null, 'Neu e. V.', 'other', null, null)`,
			(tx: Tx) =>
				tx`select public.save_organisation(${shown}, 'Umbenannt e. V.', 'other', null, null)`,
			(tx: Tx) => tx`select public.verify_organisation(${waiting}, true)`,
			(tx: Tx) => tx`select public.verify_organisation(${shown}, false)`,
			(tx: Tx) => tx`select public.set_counsellor_organisation(${professional.id}, null)`
		];
		for (const call of calls) {
			await expect(transaction(asVisitor, call)).rejects.toMatchObject({ code: '42501' });
			for (const claims of [peer.claims, professional.claims, keeper.claims]) {
				await expect(transaction(claims, call)).rejects.toMatchObject({
					code: '42501',
					hint: 'organisation_admins_only'
				});
			}
		}
		expect(await organisations.page(null, shown)).toMatchObject({
			counsellors: [{ id: professional.id }]
		});
	});

	it('keeps the trigger that records an organisation out of everyone’s reach', async () => {
		for (const claims of [...nonAdmins(), admin.claims]) {
			await expect(
				transaction(claims, (tx) => tx`select public.check_organisation_admin()`)
			).rejects.toMatchObject({ code: '42501' });
		}
	});
});
