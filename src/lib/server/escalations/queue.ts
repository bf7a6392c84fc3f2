// The counsellors' queue: pages of it, what waits, and each community's figures.
import { z } from 'zod';
import * as cursor from '../data/cursor';
import type { Claims, Tx } from '../data/db';
import { within } from '../data/db';
import { type Priority, priorities, type State } from './kinds';
import { items, type QueueItem } from './rows';

/** 'active' (the default) is everything not resolved. */
export type QueueFilter = {
	communityId?: string;
	priority?: Priority;
	state?: State | 'active';
	/** Only the items the counsellor holds ("my items"). */
	mine?: boolean;
	/** A page's position (QueuePage.next); the first page without it. */
	after?: string | null;
};

const prioritySchema = z.enum(priorities);

/**
 * Items a page: a counsellor works the top of the queue (urgent first, then by due time),
 * and half the other lists' 50 made the page, read on every change and by every serving
 * counsellor, a fifth cheaper (bench/README.md, "The counsellors' queue").
 */
export const queuePageSize = 25;

export type QueuePage = {
	items: QueueItem[];
	/** All items the filter matches, on every page; null when not counted (activeTotal gives it). */
	total: number | null;
	/** The next page's position (cursor.ts); null on the last page. */
	next: string | null;
};

/**
 * A page of the queue of the communities the counsellor serves (duty leads: all): urgent
 * first, then by due time; resolved items newest first. Questions left unanswered too
 * long are in it already: a scheduled job opens their items (scheduler.ts).
 */
export async function queue(
	claims: Claims,
	filter: QueueFilter = {},
	tx?: Tx,
	/** False where the caller counts from the figures it reads too (countedByFigures). */
	count = true
): Promise<QueuePage> {
	return within(claims, tx, async (tx) => {
		const state = filter.state ?? 'active';
		const resolved = state === 'resolved';
		const from = cursor.decode(filter.after);
		const rank = prioritySchema.safeParse(from?.rank);
		const matching = () =>
			tx`(${filter.communityId ?? null}::uuid is null or e.community_id = ${filter.communityId ?? null})
			and (${filter.priority ?? null}::public.escalation_priority is null or e.priority = ${filter.priority ?? null})
			and ${state === 'active' ? tx`e.state <> 'resolved'` : tx`e.state = ${state}`}
			${filter.mine ? tx`and e.claimed_by = (select auth.uid())` : tx``}`;
		const after = !from
			? tx``
			: resolved
				? tx`and (e.resolved_at, e.id) < (${from.at}::text::timestamptz, ${from.id})`
				: rank.success
					? tx`and (e.priority, e.due_at, e.id) > (${rank.data}::public.escalation_priority, ${from.at}::text::timestamptz, ${from.id})`
					: tx``;
		// Sent together.
		const [rows, [{ total } = { total: null }]] = await Promise.all([
			items(
				tx,
				tx`${matching()} ${after}`,
				resolved
					? { by: tx`e.resolved_at desc, e.id desc`, at: tx`e.resolved_at` }
					: { by: tx`e.priority, e.due_at, e.id`, at: tx`e.due_at` },
				queuePageSize + 1
			),
			count
				? tx<
						{ total: number }[]
					>`select count(*)::int as total from public.escalations e where ${matching()}`
				: []
		]);
		const page = cursor.paged(rows, {
			size: queuePageSize,
			rank: resolved ? undefined : (row) => row.priority
		});
		return { items: page.rows, total, next: page.next };
	});
}

/**
 * Whether the figures' open counts give the filter's total: the items still to work on, of
 * all communities served or one, of all priorities or one, not only "mine". The queue's page
 * reads the figures anyway, so it does not count those items twice.
 */
export function countedByFigures(filter: QueueFilter) {
	return (filter.state ?? 'active') === 'active' && !filter.mine;
}

/** The filter's total from the figures (countedByFigures). */
export function activeTotal(figures: CommunityFigures[], filter: QueueFilter) {
	return figures
		.filter((row) => !filter.communityId || row.communityId === filter.communityId)
		.reduce(
			(sum, row) =>
				sum +
				(filter.priority
					? row.open[filter.priority]
					: row.open.urgent + row.open.high + row.open.normal),
			0
		);
}

export type Waiting = { urgent: number; overdue: number };

/** What waits for the counsellor in the communities they serve: urgent and overdue open cases (from an index of the unresolved cases only). */
export async function waiting(claims: Claims, tx?: Tx) {
	const [counts] = await within(
		claims,
		tx,
		(tx) => tx<Waiting[]>`
		select (count(*) filter (where e.priority = 'urgent'))::int as urgent,
			(count(*) filter (where e.due_at < (select public.clock())))::int as overdue
		from public.escalations e
		where e.state <> 'resolved' and e.community_id = any ((select public.served_communities())::uuid[])`
	);
	return counts;
}

export type CommunityFigures = {
	communityId: string;
	communityName: string;
	open: Record<Priority, number>;
	/** Medians over the last 30 days, in minutes, as of the last minute; null without items. */
	medianMinutesToClaim: number | null;
	medianMinutesToResolve: number | null;
};

/** Per community the counsellor serves: open items by priority and median times. */
export async function figures(claims: Claims, tx?: Tx) {
	return within(
		claims,
		tx,
		(tx) => tx<CommunityFigures[]>`
		-- The items still to work on, by the partial index of them (escalations_queue_idx).
		with open as (
			select e.community_id, count(*) filter (where e.priority = 'urgent') as urgent,
				count(*) filter (where e.priority = 'high') as high, count(*) filter (where e.priority = 'normal') as normal
			from public.escalations e where e.state <> 'resolved'
			group by e.community_id
		)
		select c.id as "communityId", c.name as "communityName",
			json_build_object('urgent', coalesce(o.urgent, 0), 'high', coalesce(o.high, 0), 'normal', coalesce(o.normal, 0)) as open,
			q.minutes_to_claim as "medianMinutesToClaim", q.minutes_to_resolve as "medianMinutesToResolve"
		from public.communities c
		left join open o on o.community_id = c.id
		-- As the scheduled job keeps them, at most a minute old (20261125120400_queue_medians.sql).
		left join public.queue_medians q on q.community_id = c.id
		where c.id = any ((select public.served_communities())::uuid[])
		order by c.name`
	);
}
