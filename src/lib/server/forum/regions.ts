// Regions: Länder and Kreise by official key (AGS), postcodes, and a member's own region.
import postgres from 'postgres';
import type { Claims, Tx } from '../data/db';
import { reading, transaction } from '../data/db';

export type Region = { ags: string; label: string; level: 'land' | 'kreis'; parent: string | null };
export type Land = { ags: string; label: string; kreise: Region[] };

/** Länder with their Kreise, for choosing one; `used` keeps only regions of communities. */
export async function choices(claims: Claims | null, used = false, tx?: Tx) {
	const rows = await reading(
		claims,
		tx,
		(tx) => tx<Region[]>`
		select r.ags, r.label, r.level, r.parent from public.regions r
		where not ${used} or r.level = 'land' or exists (select 1 from public.communities c where c.region = r.ags)
		order by coalesce(r.parent, r.ags), r.level, r.label`
	);
	const lands: Land[] = [];
	for (const row of rows) {
		if (row.level === 'land') lands.push({ ags: row.ags, label: row.label, kreise: [] });
		else lands.at(-1)?.kreise.push(row);
	}
	return lands;
}

/** The Kreise a postcode reaches, the primary one first; none for a postcode not known. */
export async function byPostcode(claims: Claims | null, postcode: string, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<Region[]>`
		select r.ags, r.label, r.level, r.parent from public.postcodes p
		join public.regions r on r.ags = p.ags
		where p.postcode = ${postcode}
		order by p.is_primary desc, r.label`
	);
}

export type MemberRegion = { region: Region | null; show: boolean };

/** The signed-in member's own region and whether others see it. */
export async function mine(claims: Claims, tx?: Tx): Promise<MemberRegion> {
	const [row] = await reading(
		claims,
		tx,
		(tx) => tx<
			{ ags: string | null; label: string; level: 'kreis'; parent: string; show: boolean }[]
		>`
		select r.ags, r.label, r.level, r.parent, s.show_region as show
		from public.member_settings s left join public.regions r on r.ags = s.region
		where s.member_id = (select auth.uid())`
	);
	if (!row) return { region: null, show: false };
	const { show, ...region } = row;
	return { region: region.ags ? (region as Region) : null, show };
}

/** Sets (or with null removes) the member's Kreis; the database refuses anything but a Kreis. */
export async function setMine(claims: Claims, kreis: string | null, show: boolean) {
	await transaction(
		claims,
		(tx) => tx`
		update public.member_settings set region = ${kreis}, show_region = ${show}
		where member_id = (select auth.uid())`
	);
}

/** A region key that passed the form's pattern but names no region (the foreign key says so). */
export function isUnknownRegion(cause: unknown) {
	return (
		cause instanceof postgres.PostgresError &&
		cause.code === '23503' &&
		/region/.test(cause.constraint_name ?? '')
	);
}

export type Related = { slug: string; name: string; regionLabel: string | null; near: boolean };

/**
 * Communities on the same topic (communities.topic, compared regardless of case) across
 * the local/supra-local line: for a local community the supra-local ones, for a supra-local
 * one the local ones, those for the member's own Kreis or its Land first ("near you").
 */
export async function related(claims: Claims | null, slug: string, tx?: Tx) {
	return reading(claims, tx, (tx) => {
		// Visitors have no settings to read (and may not read the table at all).
		const near = claims
			? tx`coalesce(c.region in (select s.region from public.member_settings s
					where s.member_id = (select auth.uid())
				union all select k.parent from public.member_settings s join public.regions k on k.ags = s.region
					where s.member_id = (select auth.uid())), false)`
			: tx`false`;
		return tx<Related[]>`
		with this as (select id, topic, region from public.communities where slug = ${slug})
		select c.slug, c.name, g.label as "regionLabel", ${near} as near
		from public.communities c cross join this
		left join public.regions g on g.ags = c.region
		where lower(c.topic) = lower(this.topic) and c.id <> this.id
			and (c.region is null) <> (this.region is null)
		order by near desc, c.name
		limit 20`;
	});
}
