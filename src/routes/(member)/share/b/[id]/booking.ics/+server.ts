import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { idParam, requireMember } from '$lib/server/data/request';
import * as bookings from '$lib/server/sharing/bookings';
import { calendar } from '$lib/server/sharing/icalendar';
import type { RequestHandler } from './$types';

// A confirmed booking as a calendar file, for the counsellors of its two organisations
// (and admins): anyone else, and any booking not confirmed, gets a 404.
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { claims } = requireMember(locals);
	const id = idParam(params.id, m.booking_not_found);
	const booking = await bookings.page(claims, id);
	const ownSide = booking?.side || locals.member?.siteRole === 'admin';
	if (!booking || booking.state !== 'confirmed' || !ownSide) error(404, m.booking_not_found());
	const text = calendar({
		uid: `booking-${booking.id}@${url.hostname}`,
		stamp: booking.decidedAt ?? booking.requestedAt,
		starts: booking.starts,
		ends: booking.ends,
		summary: m.calendar_summary({
			resource: booking.resourceTitle,
			owner: booking.owner.name,
			borrower: booking.borrower.name
		}),
		description: booking.message || undefined,
		location: booking.place || undefined,
		url: `${url.origin}/share/b/${booking.id}`
	});
	return new Response(text, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="ausleihe-${booking.id}.ics"`,
			'cache-control': 'private, no-store'
		}
	});
};
