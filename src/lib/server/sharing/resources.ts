// Resources organisations offer (rooms, vehicles, equipment, skills) and requests
// (Gesuche) for what they lack. Counsellors of a verified organisation write them through
// the database's functions (20261125100360_resource_sharing_functions.sql), which check
// who acts; everyone reads what verified organisations offer and ask for (RLS).
import type { ResourceKind } from '$lib/sharing-names';
import type { Claims, Tx } from '../data/db';
import { reading, transaction } from '../data/db';

export type OfferInput = {
	kind: ResourceKind;
	title: string;
	description: string;
	region: string | null;
	place: string;
	conditions: string;
	/** The request this offer answers. */
	answers: string | null;
	/** Bookings confirmed as asked for, when the span is free. */
	instant: boolean;
};

export type RequestInput = Pick<OfferInput, 'kind' | 'title' | 'description' | 'region'>;

type Owned = {
	id: string;
	kind: ResourceKind;
	title: string;
	organisationId: string;
	organisation: string;
	regionLabel: string | null;
};
export type ListedResource = Owned & { place: string };
export type ListedRequest = Owned & { createdAt: Date };
export type Filter = { kind: ResourceKind | null; region: string | null };

/** Offers and open requests, newest first, of one kind and in one region (a Land takes in its Kreise). */
export async function list(claims: Claims | null, filter: Filter, tx?: Tx) {
	const { kind, region } = filter;
	return reading(claims, tx, (tx) =>
		Promise.all([
			tx<ListedResource[]>`
			select r.id, r.kind, r.title, r.place, r.organisation_id as "organisationId", o.name as organisation,
				g.label as "regionLabel"
			from public.shared_resources r join public.organisations o on o.id = r.organisation_id
			left join public.regions g on g.ags = r.region
			where r.withdrawn_at is null and (${kind}::public.resource_kind is null or r.kind = ${kind})
				and (${region}::text is null or r.region = ${region} or g.parent = ${region})
			order by r.created_at desc limit 100`,
			tx<ListedRequest[]>`
			select q.id, q.kind, q.title, q.organisation_id as "organisationId", o.name as organisation,
				g.label as "regionLabel", q.created_at as "createdAt"
			from public.resource_requests q join public.organisations o on o.id = q.organisation_id
			left join public.regions g on g.ags = q.region
			where q.closed_at is null and (${kind}::public.resource_kind is null or q.kind = ${kind})
				and (${region}::text is null or q.region = ${region} or g.parent = ${region})
			order by q.created_at desc limit 100`
		])
	);
}

/** Offers a resource for the reader's organisation; returns its id. */
export async function offer(claims: Claims, input: OfferInput) {
	const { kind, title, description, region, place, conditions, answers, instant } = input;
	const [row] = await transaction(
		claims,
		(tx) => tx<{ id: string }[]>`
		select public.offer_resource(${kind}, ${title}, ${description}, ${region}, ${place}, ${conditions},
			${answers}, ${instant}) as id`
	);
	return row.id;
}

/** Posts a request for the reader's organisation; returns its id. */
export async function ask(claims: Claims, input: RequestInput) {
	const { kind, title, description, region } = input;
	const [row] = await transaction(
		claims,
		(tx) => tx<{ id: string }[]>`
		select public.post_resource_request(${kind}, ${title}, ${description}, ${region}) as id`
	);
	return row.id;
}

export async function withdraw(claims: Claims, id: string) {
	await transaction(claims, (tx) => tx`select public.withdraw_resource(${id})`);
}

export async function close(claims: Claims, id: string) {
	await transaction(claims, (tx) => tx`select public.close_resource_request(${id})`);
}

/** The organisation the reader acts for (a counsellor of a verified one), or null. */
export async function actingOrganisation(claims: Claims | null, tx?: Tx) {
	if (!claims) return null;
	const [row] = await reading(
		claims,
		tx,
		(tx) => tx<{ id: string | null }[]>`select public.acting_organisation() as id`
	);
	return row.id;
}
