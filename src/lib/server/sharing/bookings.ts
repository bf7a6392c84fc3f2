// Bookings (Ausleihe): an organisation asks to borrow a resource for a time span, the
// owner confirms or declines, the borrower may withdraw before it starts. The database
// decides who may and keeps confirmed bookings of a resource from overlapping
// (20261125100360_resource_sharing_functions.sql); both organisations' counsellors read
// a booking, other organisations' counsellors the confirmed ones (RLS).
import type { ResourceKind } from '$lib/sharing-names';
import type { Claims, Tx } from '../data/db';
import { reading, transaction } from '../data/db';

export type BookingState = 'requested' | 'confirmed' | 'declined' | 'withdrawn';

/** Local times of the forum's zone, as a form's `datetime-local` fields give them. */
export type BookingInput = { starts: string; ends: string; message: string };

/** Asks to borrow a resource for the reader's organisation; returns the booking's id. */
export async function request(claims: Claims, resourceId: string, input: BookingInput) {
	const [row] = await transaction(
		claims,
		(tx) => tx<{ id: string }[]>`
		select public.request_booking(${resourceId},
			${input.starts}::timestamp at time zone 'Europe/Berlin',
			${input.ends}::timestamp at time zone 'Europe/Berlin', ${input.message}) as id`
	);
	return row.id;
}

/** The owner confirms a requested booking, or declines it with a reason. */
export async function decide(claims: Claims, id: string, confirm: boolean, reason: string | null) {
	await transaction(claims, (tx) => tx`select public.decide_booking(${id}, ${confirm}, ${reason})`);
}

/** The borrower withdraws a booking not yet begun. */
export async function withdraw(claims: Claims, id: string) {
	await transaction(claims, (tx) => tx`select public.withdraw_booking(${id})`);
}

export type Booking = {
	id: string;
	state: BookingState;
	starts: Date;
	ends: Date;
	message: string;
	declineReason: string | null;
	requestedAt: Date;
	decidedAt: Date | null;
	resourceId: string;
	resourceKind: ResourceKind;
	resourceTitle: string;
	place: string;
	owner: { id: string; name: string };
	borrower: { id: string; name: string };
	/** How the reader takes part: for the owner or the borrower, or neither (an admin). */
	side: 'owner' | 'borrower' | null;
};

/** A booking as the reader may see it, or null. */
export async function page(claims: Claims, id: string, tx?: Tx) {
	const [row] = await reading(
		claims,
		tx,
		(tx) => tx<Booking[]>`
		select b.id, b.state, lower(b.span) as starts, upper(b.span) as ends, b.message,
			b.decline_reason as "declineReason", b.requested_at as "requestedAt", b.decided_at as "decidedAt",
			r.id as "resourceId", r.kind as "resourceKind", r.title as "resourceTitle", r.place,
			json_build_object('id', o.id, 'name', o.name) as owner,
			json_build_object('id', bo.id, 'name', bo.name) as borrower,
			case public.acting_organisation() when r.organisation_id then 'owner' when b.organisation_id then 'borrower' end
				as side
		from public.resource_bookings b join public.shared_resources r on r.id = b.resource_id
		join public.organisations o on o.id = r.organisation_id
		join public.organisations bo on bo.id = b.organisation_id
		where b.id = ${id}`
	);
	return row ?? null;
}

export type Shared = {
	id: string;
	state: BookingState;
	starts: Date;
	ends: Date;
	resourceId: string;
	resourceTitle: string;
	/** The other organisation: the borrower of what was given, the owner of what was received. */
	partner: string;
	given: boolean;
};

/**
 * An organisation's bookings as the reader may see them, newest first (the last 200):
 * what it lent and what it borrowed. Only confirmed ones unless the reader acts for it.
 */
export async function history(claims: Claims | null, organisationId: string, tx?: Tx) {
	if (!claims) return [];
	return reading(
		claims,
		tx,
		(tx) => tx<Shared[]>`
		select b.id, b.state, lower(b.span) as starts, upper(b.span) as ends, r.id as "resourceId",
			r.title as "resourceTitle", case when r.organisation_id = ${organisationId} then bo.name else o.name end as partner,
			r.organisation_id = ${organisationId} as given
		from public.resource_bookings b join public.shared_resources r on r.id = b.resource_id
		join public.organisations o on o.id = r.organisation_id
		join public.organisations bo on bo.id = b.organisation_id
		where (r.organisation_id = ${organisationId} or b.organisation_id = ${organisationId})
		order by lower(b.span) desc limit 200`
	);
}

export type Figures = { given: number; received: number; resources: number };

/** What an organisation gave and received (confirmed bookings) and offers now; null where it is not seen. */
export async function figures(claims: Claims | null, organisationId: string, tx?: Tx) {
	const [row] = await reading(
		claims,
		tx,
		(tx) => tx<Figures[]>`select * from public.sharing_figures(${organisationId})`
	);
	return row ?? null;
}
