// The help directory's search: services by topic, nearest first from a postcode or place.
// The distance is Postgres's (earthdistance): the KNN order `position <-> origin` walks the
// GiST index services_position_idx, so a search reads the nearest entries, not the table
// (tests/integration/query-plans.spec.ts).
import type { ServiceKind } from '$lib/service-names';
import type { Claims, Tx } from '../data/db';
import { reading } from '../data/db';

/** Where a search starts: a postcode's centre, or the mean of a place's postcodes. */
export type Origin = { label: string; lat: number; lon: number };

export type Found = {
	id: string;
	name: string;
	kind: ServiceKind;
	organisationName: string;
	street: string | null;
	postcode: string | null;
	place: string | null;
	topics: string[];
	online: boolean;
	onSite: boolean;
	lat: number | null;
	lon: number | null;
	/** From the origin, in metres; null without one. */
	metres: number | null;
	confirmedAt: Date;
};

/** How many entries a search shows (nearest first); the map shows the same. */
export const pageSize = 30;

/** The centre of a postcode (5 digits) or of a place's postcodes (its name, any case); null if unknown. */
export async function origin(claims: Claims | null, near: string, tx?: Tx) {
	const [row] = await reading(claims, tx, (tx) =>
		/^\d{5}$/.test(near)
			? tx<Origin[]>`
				select c.postcode || coalesce(' ' || c.places[1], '') as label, c.lat, c.lon
				from public.postcode_centroids c where c.postcode = ${near}`
			: // A small reference table (8 170 rows): read whole, as the place's postcodes lie anywhere in it.
				tx<Origin[]>`
				select min(p.place) as label, avg(c.lat) as lat, avg(c.lon) as lon
				from public.postcode_centroids c cross join lateral unnest(c.places) as p (place)
				where lower(p.place) = lower(${near})
				having count(*) > 0`
	);
	return row ?? null;
}

const columns = (tx: Tx) => tx`
	s.id, s.name, s.kind, o.name as "organisationName", s.street, s.postcode, s.place, s.topics,
	s.online, s.on_site as "onSite", s.lat, s.lon, s.confirmed_at as "confirmedAt"`;

/** Services on site, nearest first from `from` (by name without it), of one topic or all. */
export async function nearest(
	claims: Claims | null,
	from: Origin | null,
	topic: string | null,
	tx?: Tx
) {
	return reading(
		claims,
		tx,
		(tx) => tx<Found[]>`
		select ${columns(tx)},
			${from ? tx`extensions.earth_distance(s.position, extensions.ll_to_earth(${from.lat}, ${from.lon}))` : tx`null::float8`} as metres
		from public.services s join public.organisations o on o.id = s.organisation_id
		where s.withdrawn_at is null and s.position is not null
			${topic ? tx`and s.topics @> array[${topic}]::text[]` : tx``}
		order by ${
			from
				? tx`s.position operator(extensions.<->) extensions.ll_to_earth(${from.lat}, ${from.lon})`
				: tx`lower(s.name), s.id`
		}
		limit ${pageSize}`
	);
}

/** Services only online or by phone, of one topic or all, by name. */
export async function onlineOnly(claims: Claims | null, topic: string | null, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<Found[]>`
		select ${columns(tx)}, null::float8 as metres
		from public.services s join public.organisations o on o.id = s.organisation_id
		where s.withdrawn_at is null and not s.on_site
			${topic ? tx`and s.topics @> array[${topic}]::text[]` : tx``}
		order by lower(s.name), s.id
		limit ${pageSize}`
	);
}

/** Local communities at their region's centre, for the map. */
export async function localCommunities(claims: Claims | null, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<{ slug: string; name: string; regionLabel: string; lat: number; lon: number }[]>`
		select c.slug, c.name, r.label as "regionLabel", r.lat, r.lon
		from public.communities c join public.regions r on r.ags = c.region
		where r.lat is not null order by lower(c.name) limit 200`
	);
}
