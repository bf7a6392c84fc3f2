// Row-level security of sharing, per role: visitors and members read the resources and
// requests of verified organisations but no booking; a counsellor of the owning or the
// borrowing organisation reads the booking in every state; a counsellor of another
// organisation reads confirmed bookings only (when a resource is taken); admins read all.
// Nobody writes the tables directly, and only counsellors of a verified organisation call
// the functions.
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction, type Claims, type Tx } from '$lib/server/data/db';
import * as bookings from '$lib/server/sharing/bookings';
import * as sharingPages from '$lib/server/sharing/pages';
import * as resources from '$lib/server/sharing/resources';
import { anAdmin, community, counsellor, member, type TestMember } from '../escalations/support';
import { room, sharingOrganisation, span, type Sharing } from '../sharing/support';

let lender: Sharing;
let borrower: Sharing;
let bystander: Sharing;
let peer: TestMember;
let unaffiliated: TestMember;
let admin: TestMember;
let resource: string;
let requested: string;
let confirmed: string;
let asked: string;

beforeAll(async () => {
	const place = await community();
	[lender, borrower, bystander, peer, unaffiliated, admin] = await Promise.all([
		sharingOrganisation(),
		sharingOrganisation(),
		sharingOrganisation(),
		member(place),
		counsellor([place]),
		anAdmin()
	]);
	const lending = lender.counsellors[0].claims;
	resource = await resources.offer(lending, room());
	asked = await resources.ask(borrower.counsellors[0].claims, {
		kind: 'vehicle',
		title: 'Kleinbus für einen Ausflug',
		description: '',
		region: null
	});
	requested = await bookings.request(borrower.counsellors[0].claims, resource, span());
	confirmed = await bookings.request(borrower.counsellors[0].claims, resource, span());
	await bookings.decide(lending, confirmed, true, null);
});

const rows = (claims: Claims | null, table: string, id: string) =>
	transaction(claims, (tx) => tx`select id from ${tx(`public.${table}`)} where id = ${id}`);

describe('reading', () => {
	it('shows resources and requests of verified organisations to everyone', async () => {
		for (const claims of [
			null,
			peer.claims,
			unaffiliated.claims,
			bystander.counsellors[0].claims
		]) {
			expect(await rows(claims, 'shared_resources', resource)).toHaveLength(1);
			expect(await rows(claims, 'resource_requests', asked)).toHaveLength(1);
		}
	});

	it('shows no booking to visitors, members and counsellors of no organisation', async () => {
		for (const claims of [null, peer.claims, unaffiliated.claims]) {
			expect(await rows(claims, 'resource_bookings', requested)).toHaveLength(0);
			expect(await rows(claims, 'resource_bookings', confirmed)).toHaveLength(0);
			expect(await sharingPages.resource(claims, resource)).toMatchObject({ bookings: [] });
		}
		expect(await sharingPages.resource(bystander.counsellors[0].claims, resource)).toMatchObject({
			bookings: [{ id: confirmed, borrower: expect.any(String) }]
		});
	});

	it('shows both organisations and admins every booking, other organisations confirmed ones', async () => {
		for (const claims of [
			lender.counsellors[0].claims,
			borrower.counsellors[0].claims,
			admin.claims
		]) {
			expect(await rows(claims, 'resource_bookings', requested)).toHaveLength(1);
			expect(await rows(claims, 'resource_bookings', confirmed)).toHaveLength(1);
		}
		const other = bystander.counsellors[0].claims;
		expect(await rows(other, 'resource_bookings', requested)).toHaveLength(0);
		expect(await rows(other, 'resource_bookings', confirmed)).toHaveLength(1);
		expect(await bookings.page(other, confirmed)).toMatchObject({ side: null });
	});
});

describe('writing', () => {
	const writes = () =>
		[
			(tx) =>
				tx`insert into public.shared_resources (organisation_id, kind, title) values (${lender.id}, 'room', 'Eigenbau')`,
			(tx) => tx`update public.shared_resources set title = 'Umbenannt' where id = ${resource}`,
			(tx) => tx`delete from public.resource_requests where id = ${asked}`,
			(tx) => tx`update public.resource_bookings set state = 'confirmed' where id = ${requested}`,
			(tx) =>
				tx`insert into public.resource_bookings (resource_id, organisation_id, span, state)
				values (${resource}, ${borrower.id}, tstzrange(now(), now() + interval '1 hour'), 'confirmed')`
		] satisfies ((tx: Tx) => unknown)[];

	it('refuses direct writes to every API role', async () => {
		const everyone = [
			null,
			peer.claims,
			unaffiliated.claims,
			lender.counsellors[0].claims,
			borrower.counsellors[0].claims,
			admin.claims
		];
		for (const claims of everyone) {
			for (const write of writes()) {
				await expect(transaction(claims, write)).rejects.toMatchObject({ code: '42501' });
			}
		}
	});

	it('refuses the functions to visitors, and to members, counsellors of no organisation and admins', async () => {
		const calls = [
			(tx: Tx) =>
				tx`select public.offer_resource('room', 'Ein Raum', '', null, '', '', null, false)`,
			(tx: Tx) => tx`select public.post_resource_request('skill', 'Dolmetschen', '', null)`,
			(tx: Tx) =>
				tx`select public.request_booking(${resource}, now() + interval '400 days', now() + interval '401 days', '')`,
			(tx: Tx) => tx`select public.decide_booking(${requested}, true, null)`,
			(tx: Tx) => tx`select public.withdraw_booking(${requested})`,
			(tx: Tx) => tx`select public.withdraw_resource(${resource})`,
			(tx: Tx) => tx`select public.close_resource_request(${asked})`
		];
		for (const call of calls) {
			await expect(transaction(null, call)).rejects.toMatchObject({ code: '42501' });
			for (const claims of [peer.claims, unaffiliated.claims, admin.claims]) {
				await expect(transaction(claims, call)).rejects.toMatchObject({
					code: '42501',
					hint: 'sharing_organisations_only'
				});
			}
		}
		expect(await bookings.page(lender.counsellors[0].claims, requested)).toMatchObject({
			state: 'requested',
			side: 'owner'
		});
	});

	it('keeps a counsellor from deciding for another organisation or closing its request', async () => {
		const other = bystander.counsellors[0].claims;
		await expect(bookings.decide(other, requested, true, null)).rejects.toMatchObject({
			hint: 'sharing_not_found'
		});
		await expect(resources.close(other, asked)).rejects.toMatchObject({
			hint: 'sharing_not_found'
		});
		await expect(resources.withdraw(other, resource)).rejects.toMatchObject({
			hint: 'sharing_not_found'
		});
	});
});
