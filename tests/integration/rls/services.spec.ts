// Row-level security and rules of services, per role: everyone reads the services of
// verified organisations; the organisation's counsellors and admins add, change, confirm
// and withdraw them through the functions alone, and read withdrawn ones and those of an
// unverified organisation; other counsellors, members, moderators and visitors change
// nothing. Nobody writes the table directly.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction, type Claims, type Tx } from '$lib/server/data/db';
import * as services from '$lib/server/directory/services';
import * as organisations from '$lib/server/members/organisations';
import {
	anAdmin,
	community,
	counsellor,
	member,
	moderator,
	owner,
	type TestMember
} from '../escalations/support';

let peer: TestMember;
let keeper: TestMember;
let outsider: TestMember;
let moderatorOf: TestMember;
let admin: TestMember;
let shown: string;
let waiting: string;
let open: string;
let hidden: string;

const asVisitor = null;
const organisation = () => ({
	name: `Beratung ${randomUUID().slice(0, 8)}`,
	kind: 'counselling_service' as const,
	region: null,
	website: null
});
const serviceInput = (overrides: Partial<services.ServiceInput> = {}): services.ServiceInput => ({
	name: 'Offene Sprechstunde Autismus',
	kind: 'counselling',
	description: 'Beratung für Eltern autistischer Kinder.',
	topics: ['autismus', 'schule'],
	onSite: true,
	online: false,
	street: 'Karl-Liebknecht-Straße 12',
	postcode: '04107',
	place: 'Leipzig',
	hours: ['9–12 Uhr', '', '14–18 Uhr', '', '', '', ''],
	languages: ['de', 'en'],
	accessibility: 'Stufenloser Zugang',
	phone: '0341 123456',
	email: null,
	website: null,
	...overrides
});

beforeAll(async () => {
	const place = await community();
	[peer, keeper, outsider, moderatorOf, admin] = await Promise.all([
		member(place),
		counsellor([place]),
		counsellor([place]),
		moderator(place),
		anAdmin()
	]);
	[shown, waiting] = await Promise.all([
		organisations.add(admin.claims, organisation()),
		organisations.add(admin.claims, organisation())
	]);
	await organisations.verify(admin.claims, shown, true);
	await organisations.assign(admin.claims, keeper.id, shown);
	open = await services.add(keeper.claims, shown, serviceInput());
	hidden = await services.add(admin.claims, waiting, serviceInput({ name: 'Noch nicht geprüft' }));
});

const read = (claims: Claims | null, id: string) =>
	transaction(claims, (tx) => tx`select id from public.services where id = ${id}`);
const others = () => [asVisitor, peer.claims, outsider.claims, moderatorOf.claims];

describe('reading', () => {
	it('shows services of verified organisations to everyone, others to their keepers', async () => {
		for (const claims of others()) {
			expect(await read(claims, open)).toHaveLength(1);
			expect(await read(claims, hidden)).toHaveLength(0);
		}
		expect(await read(admin.claims, hidden)).toHaveLength(1);
	});

	it('derives the Kreis and the centre from the postcode', async () => {
		const service = await services.read(asVisitor, open);
		expect(service).toMatchObject({ regionLabel: 'Leipzig, Stadt', mayKeep: false });
		expect(service!.lat).toBeCloseTo(51.34, 1);
		expect(service!.lon).toBeCloseTo(12.37, 1);
		expect((await services.read(keeper.claims, open))?.mayKeep).toBe(true);
	});

	it('names a service for a referral: name, organisation, address and contact', async () => {
		expect(await services.summary(peer.claims, open)).toMatchObject({
			id: open,
			name: 'Offene Sprechstunde Autismus',
			address: 'Karl-Liebknecht-Straße 12, 04107 Leipzig',
			phone: '0341 123456',
			hours: ['9–12 Uhr', '', '14–18 Uhr', '', '', '', '']
		});
		expect(await services.summary(peer.claims, hidden)).toBeNull();
	});

	it('takes a withdrawn service out of the directory; its keepers still read it', async () => {
		const gone = await services.add(keeper.claims, shown, serviceInput({ name: 'Alt' }));
		await services.withdraw(keeper.claims, gone, true);
		for (const claims of others()) expect(await read(claims, gone)).toHaveLength(0);
		expect(await read(keeper.claims, gone)).toHaveLength(1);
		await services.withdraw(admin.claims, gone, false);
		expect(await read(asVisitor, gone)).toHaveLength(1);
	});
});

describe('writing', () => {
	const writes = (id: string) =>
		[
			(tx) =>
				tx`insert into public.services (organisation_id, name, kind, topics, online, email)
				values (${shown}, 'Eigenbau', 'other', '{test}', true, 'a@b.de')`,
			(tx) => tx`update public.services set confirmed_at = now() where id = ${id}`,
			(tx) => tx`delete from public.services where id = ${id}`
		] satisfies ((tx: Tx) => unknown)[];

	it('refuses direct writes to every API role, keepers included', async () => {
		for (const claims of [...others(), keeper.claims, admin.claims]) {
			for (const write of writes(open)) {
				await expect(transaction(claims, write)).rejects.toMatchObject({ code: '42501' });
			}
		}
	});

	it('refuses the functions to visitors (no grant) and to everyone but the keepers', async () => {
		const calls = [
			(tx: Tx) => tx`select public.save_service(null, ${shown}, ${tx.json({ name: 'Neu' })})`,
			(tx: Tx) => tx`select public.save_service(${open}, null, ${tx.json({ name: 'Neu' })})`,
			(tx: Tx) => tx`select public.confirm_service(${open})`,
			(tx: Tx) => tx`select public.withdraw_service(${open}, true)`
		];
		for (const call of calls) {
			await expect(transaction(asVisitor, call)).rejects.toMatchObject({ code: '42501' });
			for (const claims of [peer.claims, outsider.claims, moderatorOf.claims]) {
				await expect(transaction(claims, call)).rejects.toMatchObject({
					code: '42501',
					hint: 'service_keepers_only'
				});
			}
		}
		expect(await read(asVisitor, open)).toHaveLength(1);
	});

	it('refuses an unknown postcode, details that make no service, and a missing service', async () => {
		await expect(
			services.add(keeper.claims, shown, serviceInput({ postcode: '00000' }))
		).rejects.toMatchObject({ hint: 'postcode_unknown' });
		await expect(
			services.add(keeper.claims, shown, serviceInput({ phone: null }))
		).rejects.toMatchObject({ hint: 'service_invalid' });
		await expect(
			services.add(keeper.claims, shown, serviceInput({ topics: ['Groß Schreiben'] }))
		).rejects.toMatchObject({ hint: 'service_invalid' });
		await expect(services.confirm(keeper.claims, randomUUID())).rejects.toMatchObject({
			hint: 'service_not_found'
		});
	});

	it('lets an online service go without an address', async () => {
		const online = await services.add(
			keeper.claims,
			shown,
			serviceInput({ onSite: false, online: true, street: null, postcode: null, place: null })
		);
		expect(await services.read(asVisitor, online)).toMatchObject({ lat: null, online: true });
	});

	it('keeps the helpers and the scheduled job out of everyone’s reach', async () => {
		for (const claims of [...others(), keeper.claims, admin.claims]) {
			await expect(
				transaction(claims, (tx) => tx`select public.check_keeps_services(${shown})`)
			).rejects.toMatchObject({ code: '42501' });
			await expect(
				transaction(claims, (tx) => tx`select public.service_organisation(${open})`)
			).rejects.toMatchObject({ code: '42501' });
			await expect(
				transaction(claims, (tx) => tx`select public.ask_service_confirmations()`)
			).rejects.toMatchObject({ code: '42501' });
		}
		const [row] = await owner`select count(*)::int as n from public.services where id = ${open}`;
		expect(row.n).toBe(1);
	});
});
