// The topic radar (Themenradar): open figures per community and month, kept and suppressed
// by the database (20261125180120_topic_radar.sql: no cell of fewer than 10 people, no
// total beside its parts). This module reads them for the page and the downloads.
import type { Claims, Tx } from '../data/db';
import { reading } from '../data/db';

export const radarMeasures = ['questions', 'me_toos', 'escalations', 'referrals', 'tag'] as const;
export type RadarMeasure = (typeof radarMeasures)[number];

/** One published cell; value null: made by fewer than 10 people. */
export type RadarCell = {
	/** YYYY-MM */
	month: string;
	community: string;
	communityName: string;
	region: string | null;
	measure: RadarMeasure;
	/** escalations: priority/outcome; referrals: the service's id; tag: the tag; else empty. */
	key: string;
	value: number | null;
};

/** A measure of one community, a value per month (in the months' order). */
export type RadarSeries = { key: string; values: (number | null)[] };

export type CommunityRadar = {
	community: { slug: string; name: string; region: string | null };
	/** The months shown, oldest first (YYYY-MM). */
	months: string[];
	questions: (number | null)[];
	meToos: (number | null)[];
	escalations: RadarSeries[];
	/** Referrals to the directory's services, a series per service (its id) with its name. */
	referrals: (RadarSeries & { name: string })[];
	/** Per month, the most frequent tags with how many questions carry each. */
	tags: { month: string; tags: { tag: string; value: number }[] }[];
};

const cellColumns = (tx: Tx) => tx`
	to_char(r.month, 'YYYY-MM') as month, c.slug as community, c.name as "communityName",
	(select g.label from public.regions g where g.ags = c.region) as region,
	r.measure, r.key, r.value`;

/** Every cell of every community, for the downloads. */
export async function cells(claims: Claims | null, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<RadarCell[]>`
		select ${cellColumns(tx)}
		from public.topic_radar r join public.communities c on c.id = r.community_id
		order by c.slug, r.month, r.measure, r.key`
	);
}

/** When the figures were last written (null before the first run of the job). */
export async function keptAt(claims: Claims | null, tx?: Tx) {
	const [row] = await reading(
		claims,
		tx,
		(tx) => tx<{ at: Date | null }[]>`select max(kept_at) as at from public.topic_radar`
	);
	return row.at;
}

/** The communities with figures, for the page's choice. */
export async function communities(claims: Claims | null, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<{ slug: string; name: string; region: string | null }[]>`
		select c.slug, c.name, (select g.label from public.regions g where g.ags = c.region) as region
		from public.communities c
		where exists (select 1 from public.topic_radar r where r.community_id = c.id)
		order by c.name`
	);
}

/** One community's radar (by its slug), or null where it has none. */
export async function ofCommunity(
	claims: Claims | null,
	slug: string,
	tx?: Tx
): Promise<CommunityRadar | null> {
	const rows = await reading(
		claims,
		tx,
		(tx) => tx<(RadarCell & { serviceName: string | null })[]>`
		select ${cellColumns(tx)},
			case when r.measure = 'referrals' then (select s.name from public.services s where s.id = r.key::uuid) end
				as "serviceName"
		from public.topic_radar r join public.communities c on c.id = r.community_id
		where c.slug = ${slug}
		order by r.month, r.measure, r.key`
	);
	if (rows.length === 0) return null;
	const months = [...new Set(rows.map((row) => row.month))];
	const series = (measure: RadarMeasure) => {
		const keys = [...new Set(rows.filter((row) => row.measure === measure).map((row) => row.key))];
		// No cell in a month: nothing to count there (a cell of fewer than 10 has a null value).
		return keys.map((key) => ({
			key,
			values: months.map((month) => {
				const cell = rows.find(
					(row) => row.measure === measure && row.key === key && row.month === month
				);
				return cell ? cell.value : 0;
			})
		}));
	};
	const [first] = rows;
	return {
		community: { slug: first.community, name: first.communityName, region: first.region },
		months,
		questions: series('questions')[0]?.values ?? [],
		meToos: series('me_toos')[0]?.values ?? [],
		escalations: series('escalations'),
		referrals: series('referrals').map((referred) => ({
			...referred,
			name: rows.find((row) => row.key === referred.key)?.serviceName ?? referred.key
		})),
		tags: months.map((month) => ({
			month,
			tags: rows
				.filter((row) => row.measure === 'tag' && row.month === month && row.value !== null)
				.map((row) => ({ tag: row.key, value: row.value! }))
				.sort((a, b) => b.value - a.value)
		}))
	};
}
