// The moderators' queue: flagged and held threads, posts and guides of the communities a
// member moderates, a page at a time, and how many wait.
import * as cursor from '../data/cursor';
import type { Claims, Tx } from '../data/db';
import { within } from '../data/db';
import type { Action, Resolution } from './kinds';
import { overdueHours } from './kinds';

export type QueueItem = {
	id: string;
	communitySlug: string;
	communityName: string;
	/** The thread, or null for a guide's item. */
	threadId: string | null;
	postId: string | null;
	guideId: string | null;
	/** The thread's or guide's title. */
	title: string;
	/** The start of the flagged text, as plain text. */
	excerpt: string;
	/** Flag reasons with how many members gave each. */
	reasons: Record<string, number>;
	/** Why the item was opened without (or besides) flags: held first post, watched word, auto-hidden. */
	automatic: Action[];
	held: boolean;
	removed: boolean;
	state: 'open' | 'resolved';
	resolution: Resolution | null;
	openedAt: Date;
	overdue: boolean;
	version: number;
};

export const queueColumns = (tx: Tx) => tx`
	i.id, c.slug as "communitySlug", c.name as "communityName", i.thread_id as "threadId",
	i.post_id as "postId", i.guide_id as "guideId", coalesce(t.title, g.title) as title,
	left(regexp_replace(coalesce(p.body_markdown, t.body_markdown, gv.body_markdown), '\\s+', ' ', 'g'), 200) as excerpt,
	coalesce((select jsonb_object_agg(r.reason, r.n) from (
		select f.reason, count(*) as n from public.flags f
		where f.reason <> 'needs_professional' and f.created_at >= i.opened_at
			and (f.post_id = i.post_id or f.guide_id = i.guide_id or (i.post_id is null and f.thread_id = i.thread_id))
		group by f.reason) r), '{}') as reasons,
	array(select distinct e.action from public.moderation_events e where e.item_id = i.id
		and e.action in ('auto_hidden', 'held_first_post', 'held_watched_word', 'flagged_watched_word'))::text[] as automatic,
	coalesce(p.held_at, t.held_at, g.held_at) is not null as held,
	coalesce(p.removed_at, t.removed_at, g.removed_at) is not null as removed,
	i.state, i.resolution, i.opened_at as "openedAt",
	i.state = 'open' and i.opened_at < public.clock() - make_interval(hours => ${overdueHours}) as overdue,
	i.version`;

/** What queueColumns read besides the item (i) and its community (c). */
export const queueJoins = (tx: Tx) => tx`
	left join public.threads t on t.id = i.thread_id
	left join public.posts p on p.id = i.post_id
	left join public.guides g on g.id = i.guide_id
	left join public.guide_versions gv on gv.guide_id = i.guide_id and gv.current`;

export type QueuePage = {
	items: QueueItem[];
	/** The next page's position (cursor.ts); null on the last page. */
	next: string | null;
};

/**
 * A page of the queue across the communities the member moderates (or one of them):
 * open items oldest first, so nothing waits forever; resolved ones newest first.
 */
export async function queue(
	claims: Claims,
	filter: {
		communitySlug?: string | null;
		state?: 'open' | 'resolved';
		after?: string | null;
	} = {},
	tx?: Tx
): Promise<QueuePage> {
	const state = filter.state ?? 'open';
	const from = cursor.decode(filter.after);
	const rows = await within(claims, tx, (tx) => {
		const sortedAt = state === 'open' ? tx`i.opened_at` : tx`i.resolved_at`;
		const order = () => (state === 'open' ? tx`i.opened_at, i.id` : tx`i.resolved_at desc, i.id`);
		// Resolved items in the index's order (newest first, then by id): the bound on the
		// time alone lets the index start there, the rest decides within one instant.
		const after = !from
			? tx``
			: state === 'open'
				? tx`and (i.opened_at, i.id) > (${from.at}::text::timestamptz, ${from.id})`
				: tx`and i.resolved_at <= ${from.at}::text::timestamptz
					and (i.resolved_at < ${from.at}::text::timestamptz or i.id > ${from.id})`;
		// A page of each moderated community by index, then of them all: reads no more
		// items than the page shows per community, however long the history.
		return tx<(QueueItem & { sortedAt: string })[]>`
			select ${queueColumns(tx)}, to_json(${sortedAt}) #>> '{}' as "sortedAt"
			from (
				select i.* from public.community_moderators cm
				cross join lateral (
					select * from public.moderation_items i
					where i.community_id = cm.community_id and i.state = ${state} ${after}
					order by ${order()} limit ${cursor.pageSize + 1}
				) i
				where cm.member_id = (select auth.uid())
					${filter.communitySlug ? tx`and cm.community_id = (select c.id from public.communities c where c.slug = ${filter.communitySlug})` : tx``}
				order by ${order()}
				limit ${cursor.pageSize + 1}
			) i
			join public.communities c on c.id = i.community_id
			${queueJoins(tx)}
			order by ${order()}`;
	});
	const page = cursor.paged(rows);
	return { items: page.rows, next: page.next };
}

/** How many items wait in the queue of the communities the member moderates (from the open items' index). */
export async function openItems(claims: Claims, tx?: Tx) {
	const [{ count }] = await within(
		claims,
		tx,
		(tx) => tx<{ count: number }[]>`
		select count(*)::int as count from public.moderation_items i
		where i.state = 'open' and i.community_id = any ((select public.moderated_communities())::uuid[])`
	);
	return count;
}
