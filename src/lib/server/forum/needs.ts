// The needs signal (Bedarfe): the questions families share most ("me too") in a community
// or a region, month by month, for counsellors and admins, and the weekly summaries they
// subscribe to. The database checks the reader and gives counts only, never who
// (migrations/…_needs_signal.sql).
import type { Claims, Tx } from '../data/db';
import { reading, transaction } from '../data/db';

/** A community, or all communities of a region (by key; a Land's include its Kreise). */
export type Place = { community: string } | { region: string };

/** A community, its region (key and label) and that region's Land (the same for a Land). */
export type PlaceChoice = {
	slug: string;
	name: string;
	region: string | null;
	regionLabel: string | null;
	land: string | null;
	landLabel: string | null;
};

export type SharedQuestion = {
	threadId: string;
	title: string;
	communitySlug: string;
	communityName: string;
	/** Me-toos said in the last twelve months. */
	meToos: number;
	/** In the last 30 days, and in the 30 before. */
	recent: number;
	earlier: number;
};

export type Signal = {
	/** YYYY-MM, the last twelve months with the current one. */
	months: string[];
	meToos: number[];
	asked: number[];
	questions: SharedQuestion[];
};

/** The communities to choose from, and their regions. */
export async function places(claims: Claims, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<PlaceChoice[]>`
		select c.slug, c.name, c.region, r.label as "regionLabel", l.ags as land, l.label as "landLabel"
		from public.communities c
		left join public.regions r on r.ags = c.region
		left join public.regions l on l.ags = coalesce(r.parent, r.ags)
		order by c.name`
	);
}

/** The place's months and its most shared questions, sent together. */
export async function signal(
	claims: Claims,
	place: Place,
	{ at = new Date(), tx }: { at?: Date; tx?: Tx } = {}
): Promise<Signal> {
	const community = 'community' in place ? place.community : null;
	const region = 'region' in place ? place.region : null;
	return reading(claims, tx, async (tx) => {
		const id = (tx: Tx) =>
			tx`(select c.id from public.communities c where c.slug = ${community ?? ''})`;
		const [months, questions] = await Promise.all([
			tx<{ month: string; meToos: number; asked: number }[]>`
				select month, me_toos as "meToos", questions as asked
				from public.needs_by_month(${id(tx)}, ${region}, ${at})`,
			tx<SharedQuestion[]>`
				select thread_id as "threadId", title, community_slug as "communitySlug",
					community_name as "communityName", me_toos as "meToos", recent, earlier
				from public.shared_questions(${id(tx)}, ${region}, ${at})`
		]);
		return {
			months: months.map((row) => row.month),
			meToos: months.map((row) => row.meToos),
			asked: months.map((row) => row.asked),
			questions
		};
	});
}

/** The communities (slugs) whose weekly summary the reader subscribed to. */
export async function subscriptions(claims: Claims, tx?: Tx) {
	const rows = await reading(
		claims,
		tx,
		(tx) => tx<{ slug: string }[]>`
		select c.slug from public.needs_subscriptions s join public.communities c on c.id = s.community_id
		where s.member_id = (select auth.uid())`
	);
	return rows.map((row) => row.slug);
}

/** Subscribes to a community's weekly summary; again is a no-op. False for an unknown community. */
export async function subscribe(claims: Claims, communitySlug: string) {
	const rows = await transaction(
		claims,
		(tx) => tx`
		insert into public.needs_subscriptions (community_id)
		select c.id from public.communities c where c.slug = ${communitySlug}
		on conflict do nothing returning 1`
	);
	return rows.length > 0 || (await subscriptions(claims)).includes(communitySlug);
}

export async function unsubscribe(claims: Claims, communitySlug: string) {
	await transaction(
		claims,
		(tx) => tx`
		delete from public.needs_subscriptions s using public.communities c
		where c.id = s.community_id and c.slug = ${communitySlug} and s.member_id = (select auth.uid())`
	);
}
