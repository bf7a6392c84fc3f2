// A confirmed booking's calendar file: served to the counsellors of its two organisations,
// a 404 for anyone else (another organisation's counsellors see that the resource is taken,
// not its calendar file) and for a booking not confirmed; visitors are asked to sign in.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '$lib/server/data/db';
import * as bookings from '$lib/server/sharing/bookings';
import * as resources from '$lib/server/sharing/resources';
import { GET } from '../../../src/routes/(member)/share/b/[id]/booking.ics/+server';
import { member, community, type TestMember } from '../escalations/support';
import { room, sharingOrganisation, span, type Sharing } from './support';

let lender: Sharing;
let borrower: Sharing;
let bystander: Sharing;
let peer: TestMember;
let confirmed: string;
let requested: string;

beforeAll(async () => {
	[lender, borrower, bystander, peer] = await Promise.all([
		sharingOrganisation(),
		sharingOrganisation(),
		sharingOrganisation(),
		community().then((place) => member(place))
	]);
	const resource = await resources.offer(
		lender.counsellors[0].claims,
		room({ title: 'Raum; groß, hell', place: 'Leipzig, Markt 1' })
	);
	confirmed = await bookings.request(borrower.counsellors[0].claims, resource, span());
	requested = await bookings.request(borrower.counsellors[0].claims, resource, span());
	await bookings.decide(lender.counsellors[0].claims, confirmed, true, null);
});

/** The calendar file as the reader would fetch it: its status, type and text. */
async function fetchCalendar(claims: Claims | null, id: string) {
	const event = {
		locals: { claims, member: claims ? { siteRole: 'counsellor' } : null },
		params: { id },
		url: new URL(`https://ratnetz.test/share/b/${id}/booking.ics`)
	};
	try {
		const response = await GET(event as never);
		return {
			status: response.status,
			type: response.headers.get('content-type'),
			text: await response.text()
		};
	} catch (error) {
		return { status: (error as { status: number }).status, type: null, text: '' };
	}
}

describe('a booking’s calendar file', () => {
	it('is served to both organisations, with the booking as one event', async () => {
		for (const side of [lender, borrower]) {
			const calendar = await fetchCalendar(side.counsellors[0].claims, confirmed);
			expect(calendar).toMatchObject({ status: 200, type: 'text/calendar; charset=utf-8' });
			const lines = calendar.text.replace(/\r\n /g, '').split('\r\n');
			expect(lines).toContain(`UID:booking-${confirmed}@ratnetz.test`);
			expect(lines).toContain('LOCATION:Leipzig\\, Markt 1');
			expect(lines.find((line) => line.startsWith('SUMMARY:'))).toContain('Raum\\; groß\\, hell');
			expect(lines).toContain(`URL:https://ratnetz.test/share/b/${confirmed}`);
		}
	});

	it('is a 404 for anyone else and for a booking not confirmed, a 401 for visitors', async () => {
		expect((await fetchCalendar(bystander.counsellors[0].claims, confirmed)).status).toBe(404);
		expect((await fetchCalendar(peer.claims, confirmed)).status).toBe(404);
		expect((await fetchCalendar(borrower.counsellors[0].claims, requested)).status).toBe(404);
		expect((await fetchCalendar(null, confirmed)).status).toBe(401);
	});
});
