// What the sharing pages show of a resource and of a request, as the reader may see it.
import type { ResourceKind } from '$lib/sharing-names';
import type { Claims, Tx } from '../data/db';
import { reading } from '../data/db';

export type Span = { starts: Date; ends: Date };

export type ResourcePage = {
	id: string;
	kind: ResourceKind;
	title: string;
	description: string;
	place: string;
	conditions: string;
	regionLabel: string | null;
	organisationId: string;
	organisation: string;
	withdrawn: boolean;
	answersRequest: { id: string; title: string } | null;
	/** Confirmed bookings from today on, as the reader may see them (organisations only). */
	bookings: (Span & { id: string; borrower: string })[];
};

/** A resource's page, or null where the reader may not see it. */
export async function resource(claims: Claims | null, id: string, tx?: Tx) {
	const [row] = await reading(
		claims,
		tx,
		(tx) => tx<(Omit<ResourcePage, 'bookings'> & { bookings: Record<string, string>[] })[]>`
		select r.id, r.kind, r.title, r.description, r.place, r.conditions, g.label as "regionLabel",
			r.organisation_id as "organisationId", o.name as organisation, r.withdrawn_at is not null as withdrawn,
			(select json_build_object('id', q.id, 'title', q.title) from public.resource_requests q
				where q.id = r.answers_request_id) as "answersRequest",
			coalesce((select json_agg(json_build_object('id', b.id, 'starts', lower(b.span), 'ends', upper(b.span),
					'borrower', bo.name) order by lower(b.span))
				from public.resource_bookings b join public.organisations bo on bo.id = b.organisation_id
				where b.resource_id = r.id and b.state = 'confirmed' and upper(b.span) > now()), '[]') as bookings
		from public.shared_resources r join public.organisations o on o.id = r.organisation_id
		left join public.regions g on g.ags = r.region
		where r.id = ${id}`
	);
	if (!row) return null;
	const bookings = row.bookings.map((b) => ({
		id: b.id,
		borrower: b.borrower,
		starts: new Date(b.starts),
		ends: new Date(b.ends)
	}));
	return { ...row, bookings } as ResourcePage;
}

export type RequestPage = {
	id: string;
	kind: ResourceKind;
	title: string;
	description: string;
	regionLabel: string | null;
	organisationId: string;
	organisation: string;
	closed: boolean;
	/** Offers answering it. */
	offers: { id: string; title: string; organisation: string }[];
};

/** A request's page, or null where the reader may not see it. */
export async function request(claims: Claims | null, id: string, tx?: Tx) {
	const [row] = await reading(
		claims,
		tx,
		(tx) => tx<RequestPage[]>`
		select q.id, q.kind, q.title, q.description, g.label as "regionLabel", q.organisation_id as "organisationId",
			o.name as organisation, q.closed_at is not null as closed,
			coalesce((select json_agg(json_build_object('id', r.id, 'title', r.title, 'organisation', ro.name)
					order by r.created_at)
				from public.shared_resources r join public.organisations ro on ro.id = r.organisation_id
				where r.answers_request_id = q.id and r.withdrawn_at is null), '[]') as offers
		from public.resource_requests q join public.organisations o on o.id = q.organisation_id
		left join public.regions g on g.ags = q.region
		where q.id = ${id}`
	);
	return row ?? null;
}
