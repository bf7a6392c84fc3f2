// Booking a resource: asked for, confirmed or declined by the owner, withdrawn by the
// borrower; confirmed bookings of one resource never overlap, also when two confirmations
// or two bookings of a resource confirmed without asking race each other on separate
// connections (the exclusion constraint decides; the loser gets the translated refusal).
import { beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '$lib/server/data/db-errors';
import { m } from '$lib/paraglide/messages';
import * as bookings from '$lib/server/sharing/bookings';
import * as resources from '$lib/server/sharing/resources';
import { owner } from '../support';
import { room, sharingOrganisation, span, type Sharing } from './support';

let lender: Sharing;
let borrower: Sharing;
let other: Sharing;

beforeAll(async () => {
	[lender, borrower, other] = await Promise.all([
		sharingOrganisation(2),
		sharingOrganisation(),
		sharingOrganisation()
	]);
});

const refusedWith = async (work: Promise<unknown>, hint: string) => {
	const error = await work.then(
		() => null,
		(error: unknown) => error
	);
	expect(error).toMatchObject({ hint });
	return refusal(error);
};

const notified = async (bookingId: string) =>
	owner<{ member_id: string; kind: string; reason: string | null }[]>`
		select member_id, kind, reason from public.notifications where booking_id = ${bookingId}
		order by created_at, kind`;

describe('asking, confirming, declining and withdrawing', () => {
	it('tells the owner of a request and the borrower of the confirmation', async () => {
		const [a1, a2] = lender.counsellors;
		const resource = await resources.offer(a1.claims, room());
		const id = await bookings.request(borrower.counsellors[0].claims, resource, span());
		expect((await notified(id)).map((n) => [n.member_id, n.kind]).sort()).toEqual(
			[a1.id, a2.id].map((member) => [member, 'booking_requested']).sort()
		);
		await bookings.decide(a1.claims, id, true, null);
		expect(await bookings.page(borrower.counsellors[0].claims, id)).toMatchObject({
			state: 'confirmed',
			side: 'borrower',
			owner: { id: lender.id },
			borrower: { id: borrower.id }
		});
		// The borrower's counsellors are told; the owner's, who decided, are not.
		expect(
			(await notified(id)).filter((n) => n.kind === 'booking_confirmed').map((n) => n.member_id)
		).toEqual([borrower.counsellors[0].id]);
		await bookings.withdraw(borrower.counsellors[0].claims, id);
		expect((await notified(id)).filter((n) => n.kind === 'booking_withdrawn')).toHaveLength(2);
	});

	it('declines with a reason the borrower reads, and refuses one without', async () => {
		const [a1] = lender.counsellors;
		const [b1] = borrower.counsellors;
		const resource = await resources.offer(a1.claims, room());
		const id = await bookings.request(b1.claims, resource, span());
		expect(
			await refusedWith(bookings.decide(a1.claims, id, false, ' '), 'booking_reason_required')
		).toBe(m.booking_reason_required());
		await bookings.decide(a1.claims, id, false, 'Der Raum wird renoviert.');
		expect(await bookings.page(b1.claims, id)).toMatchObject({
			state: 'declined',
			declineReason: 'Der Raum wird renoviert.'
		});
		await refusedWith(bookings.decide(a1.claims, id, true, null), 'booking_not_requested');
		await refusedWith(bookings.withdraw(b1.claims, id), 'booking_not_withdrawable');
	});

	it('refuses the own resource, the past, a backward span and a span already taken', async () => {
		const [a1] = lender.counsellors;
		const [b1] = borrower.counsellors;
		const resource = await resources.offer(a1.claims, room());
		await refusedWith(bookings.request(a1.claims, resource, span()), 'booking_own_resource');
		await refusedWith(bookings.request(b1.claims, resource, span(-2)), 'booking_in_past');
		const backward = { ...span(), ends: span(1).starts };
		await refusedWith(bookings.request(b1.claims, resource, backward), 'booking_span_invalid');
		const taken = span();
		await bookings.decide(
			a1.claims,
			await bookings.request(b1.claims, resource, taken),
			true,
			null
		);
		expect(
			await refusedWith(
				bookings.request(other.counsellors[0].claims, resource, { ...taken, ends: taken.ends }),
				'booking_overlaps'
			)
		).toBe(m.booking_overlaps());
		// Back to back is no overlap: the span is half-open.
		const after = { ...taken, starts: taken.ends, ends: taken.ends.replace(/T\d\d/, 'T23') };
		await expect(
			bookings.request(other.counsellors[0].claims, resource, after)
		).resolves.toBeTruthy();
	});

	it('refuses a withdrawn resource, and the decision to the borrower', async () => {
		const [a1] = lender.counsellors;
		const [b1] = borrower.counsellors;
		const resource = await resources.offer(a1.claims, room());
		const id = await bookings.request(b1.claims, resource, span());
		await refusedWith(bookings.decide(b1.claims, id, true, null), 'sharing_not_found');
		await refusedWith(bookings.withdraw(a1.claims, id), 'sharing_not_found');
		await resources.withdraw(a1.claims, resource);
		await refusedWith(bookings.request(b1.claims, resource, span()), 'sharing_not_found');
	});
});

describe('racing for the same time', () => {
	const rounds = 6;

	it('confirms exactly one of two overlapping requests confirmed at once by two counsellors', async () => {
		const [a1, a2] = lender.counsellors;
		const resource = await resources.offer(a1.claims, room());
		for (let round = 0; round < rounds; round++) {
			const wanted = span();
			const first = await bookings.request(borrower.counsellors[0].claims, resource, wanted);
			const second = await bookings.request(other.counsellors[0].claims, resource, {
				...wanted,
				starts: wanted.starts.replace('T10', 'T11'),
				ends: wanted.ends.replace('T12', 'T13')
			});
			const results = await Promise.allSettled([
				bookings.decide(a1.claims, first, true, null),
				bookings.decide(a2.claims, second, true, null)
			]);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			const [lost] = results.filter((r) => r.status === 'rejected');
			expect(lost.reason).toMatchObject({ code: '23P01', hint: 'booking_overlaps' });
			expect(refusal(lost.reason)).toBe(m.booking_overlaps());
		}
		const [{ confirmed }] = await owner`
			select count(*)::int as confirmed from public.resource_bookings
			where resource_id = ${resource} and state = 'confirmed'`;
		expect(confirmed).toBe(rounds);
	});

	it('books exactly one of two organisations asking at once for a room confirmed without asking', async () => {
		const resource = await resources.offer(lender.counsellors[0].claims, room({ instant: true }));
		for (let round = 0; round < rounds; round++) {
			const wanted = span();
			const results = await Promise.allSettled([
				bookings.request(borrower.counsellors[0].claims, resource, wanted),
				bookings.request(other.counsellors[0].claims, resource, {
					...wanted,
					ends: wanted.ends.replace('T12', 'T15')
				})
			]);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			const [lost] = results.filter((r) => r.status === 'rejected');
			expect(lost.reason).toMatchObject({ code: '23P01', hint: 'booking_overlaps' });
			expect(refusal(lost.reason)).toBe(m.booking_overlaps());
		}
		const rows = await owner<{ state: string }[]>`
			select state from public.resource_bookings where resource_id = ${resource}`;
		expect(rows).toEqual(Array.from({ length: rounds }, () => ({ state: 'confirmed' })));
	});
});
