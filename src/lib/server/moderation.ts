// Moderation as moderators and members read it: the queue of flagged and held threads
// and posts, suspensions, the mod log and figures. The steps moderators take are in
// moderation-actions.ts, a member's own flags in own-flags.ts. Every function takes an optional transaction to
// run in (tests move the clock there).
import * as cursor from './cursor';
import type { Claims, Tx } from './db';
import { within } from './db';

export const resolutions = ['dismissed', 'removed', 'edited', 'restored'] as const;
export type Resolution = (typeof resolutions)[number];
/** Suspension lengths a moderator picks from; null is permanent. */
export const suspensionDurations = [
	'24 hours',
	'72 hours',
	'7 days',
	'30 days',
	'permanent'
] as const;
export type SuspensionDuration = (typeof suspensionDurations)[number];
export type Action =
	| 'opened'
	| 'flagged'
	| 'auto_hidden'
	| 'held_first_post'
	| 'held_watched_word'
	| 'flagged_watched_word'
	| 'dismissed'
	| 'removed'
	| 'restored'
	| 'edited'
	| 'locked'
	| 'unlocked'
	| 'pinned'
	| 'unpinned'
	| 'moved'
	| 'suspended'
	| 'suspension_lifted'
	| 'warned'
	| 'moderator_appointed'
	| 'moderator_removed'
	| 'settings_changed'
	| 'description_changed'
	| 'rules_changed';

/** Items older than this are marked in the queue. */
export const overdueHours = 48;

export type QueueItem = {
	id: string;
	communitySlug: string;
	communityName: string;
	threadId: string;
	threadTitle: string;
	postId: string | null;
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

const queueColumns = (tx: Tx) => tx`
	i.id, c.slug as "communitySlug", c.name as "communityName", i.thread_id as "threadId", t.title as "threadTitle",
	i.post_id as "postId",
	left(regexp_replace(coalesce(p.body_markdown, t.body_markdown), '\\s+', ' ', 'g'), 200) as excerpt,
	coalesce((select jsonb_object_agg(r.reason, r.n) from (
		select f.reason, count(*) as n from public.flags f
		where f.reason <> 'needs_professional' and f.created_at >= i.opened_at
			and (f.post_id = i.post_id or (i.post_id is null and f.thread_id = i.thread_id))
		group by f.reason) r), '{}') as reasons,
	array(select distinct e.action from public.moderation_events e where e.item_id = i.id
		and e.action in ('auto_hidden', 'held_first_post', 'held_watched_word', 'flagged_watched_word'))::text[] as automatic,
	coalesce(p.held_at, t.held_at) is not null as held,
	coalesce(p.removed_at, t.removed_at) is not null as removed,
	i.state, i.resolution, i.opened_at as "openedAt",
	i.state = 'open' and i.opened_at < public.clock() - make_interval(hours => ${overdueHours}) as overdue,
	i.version`;

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
			join public.threads t on t.id = i.thread_id
			left join public.posts p on p.id = i.post_id
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

export type ItemDetail = QueueItem & {
	communityId: string;
	thread: { bodyHtml: string; author: string | null; anonymous: boolean; createdAt: Date };
	threadState: { locked: boolean; pinned: boolean; removed: boolean; removalReason: string | null };
	post: {
		bodyHtml: string;
		bodyMarkdown: string;
		author: string | null;
		anonymous: boolean;
		asker: boolean;
		createdAt: Date;
		removalReason: string | null;
		/** The answer a reply answers, for context. */
		parentHtml: string | null;
	} | null;
	threadMarkdown: string;
	flags: { reason: string; note: string | null; flagger: string | null; createdAt: Date }[];
	history: { action: Action; actor: string | null; note: string | null; at: Date }[];
	/**
	 * The target is anonymous and this moderator has not revealed its author: the history
	 * and suspension shown are only those of the author's anonymous posts.
	 */
	authorUnnamed: boolean;
	authorHistory: { action: Action; at: Date; reason: string | null; threadId: string | null }[];
	authorSuspendedUntil: Date | 'permanent' | null;
	/** Earlier texts of the target (edits, and what a moderator edited out), newest first. */
	revisions: { title: string | null; bodyMarkdown: string; replacedAt: Date }[];
};

/** One item with everything a moderator needs to decide: context, flags, history. */
export async function item(claims: Claims, id: string, tx?: Tx): Promise<ItemDetail | null> {
	return within(claims, tx, async (tx) => {
		const [row] = await tx<ItemDetail[]>`
			select ${queueColumns(tx)}, i.community_id as "communityId",
				json_build_object('bodyHtml', t.body_html, 'author', tm.pseudonym, 'anonymous', t.is_anonymous,
					'createdAt', t.created_at) as thread,
				json_build_object('locked', t.locked_at is not null, 'pinned', t.pinned_at is not null,
					'removed', t.removed_at is not null, 'removalReason', t.removal_reason) as "threadState",
				t.body_markdown as "threadMarkdown",
				case when p.id is not null then json_build_object('bodyHtml', p.body_html, 'bodyMarkdown', p.body_markdown,
					'author', pm.pseudonym, 'anonymous', p.is_anonymous, 'asker', p.shown_as_asker, 'createdAt', p.created_at,
					'removalReason', p.removal_reason,
					'parentHtml', (select parent.body_html from public.posts parent where parent.id = p.parent_post_id)) end as post,
				array(select json_build_object('reason', f.reason, 'note', f.note, 'flagger', fm.pseudonym, 'createdAt', f.created_at)
					from public.flags f left join public.members fm on fm.id = f.flagger_id
					where f.reason <> 'needs_professional' and f.created_at >= i.opened_at
						and (f.post_id = i.post_id or (i.post_id is null and f.thread_id = i.thread_id))
					order by f.created_at) as flags,
				array(select json_build_object('action', e.action, 'actor', am.pseudonym, 'note', e.note, 'at', e.at)
					from public.moderation_events e left join public.members am on am.id = e.actor_id
					where e.item_id = i.id order by e.at, e.id) as history,
				public.item_author_unnamed(i.thread_id, i.post_id) as "authorUnnamed"
			from public.moderation_items i
			join public.communities c on c.id = i.community_id
			join public.threads t on t.id = i.thread_id
			left join public.members tm on tm.id = t.shown_author_id
			left join public.posts p on p.id = i.post_id
			left join public.members pm on pm.id = p.shown_author_id
			where i.id = ${id}`;
		if (!row) return null;
		const authorHistory = await tx<ItemDetail['authorHistory']>`
			select action, at, reason, thread_id as "threadId" from public.moderation_author_history(${id})`;
		const revisions = await tx<ItemDetail['revisions']>`
			select r.title, r.body_markdown as "bodyMarkdown", r.replaced_at as "replacedAt"
			from public.revisions r
			where ${row.postId ? tx`r.post_id = ${row.postId}` : tx`r.thread_id = ${row.threadId}`}
			order by r.replaced_at desc limit 10`;
		const [{ until }] = await tx<{ until: Date | null }[]>`
			select public.moderation_author_suspended_until(${id}) as until`;
		const dated = (value: string | Date) => new Date(value);
		return {
			...row,
			thread: { ...row.thread, createdAt: dated(row.thread.createdAt) },
			post: row.post ? { ...row.post, createdAt: dated(row.post.createdAt) } : null,
			flags: row.flags.map((flag) => ({ ...flag, createdAt: dated(flag.createdAt) })),
			history: row.history.map((event) => ({ ...event, at: dated(event.at) })),
			authorHistory,
			revisions,
			authorSuspendedUntil:
				until && Number.isFinite(until.getTime()) ? until : until ? 'permanent' : null
		};
	});
}

export type Suspension = { id: string; reason: string; endsAt: Date | null };

/**
 * The member's suspension in force in the community, if any: the UI says until when and
 * why. A thread page names the community by its thread, so it need not wait for it.
 */
export async function mySuspension(
	claims: Claims | null,
	community: { id: string } | { slug: string } | { threadId: string },
	tx?: Tx
) {
	if (!claims) return null;
	const [row] = await within(
		claims,
		tx,
		(tx) => tx<Suspension[]>`
		select s.id, s.reason, s.ends_at as "endsAt" from public.suspensions s
		where s.community_id = ${
			'id' in community
				? community.id
				: 'slug' in community
					? tx`(select c.id from public.communities c where c.slug = ${community.slug})`
					: tx`(select t.community_id from public.threads t where t.id = ${community.threadId})`
		}
			and s.member_id = (select auth.uid()) and s.lifted_at is null
			and s.starts_at <= public.clock() and (s.ends_at is null or s.ends_at > public.clock())
		order by s.ends_at desc nulls first limit 1`
	);
	return row ?? null;
}

/** Null: suspended for an anonymous post, and not revealed to this moderator. */
export type CommunitySuspension = Suspension & { member: string | null; startsAt: Date };

/** Suspensions in force in a community, for its moderators. */
export async function suspensions(claims: Claims, communityId: string, tx?: Tx) {
	return within(
		claims,
		tx,
		(tx) => tx<CommunitySuspension[]>`
		select id, reason, ends_at as "endsAt", starts_at as "startsAt", member
		from public.community_suspensions(${communityId})`
	);
}

export type LogEntry = {
	id: string;
	action: Action;
	at: Date;
	reason: string | null;
	/** Null when the community hides moderators' names from its members. */
	moderator: string | null;
	member: string | null;
	/** About the author of an anonymous post, who stays unnamed ("an anonymous author"). */
	anonymousAuthor: boolean;
	threadId: string | null;
	/** Null when the reader may not see the thread (removed or held). */
	threadTitle: string | null;
	postId: string | null;
	/** Suspensions: until when (null: permanent). */
	suspendedUntil: Date | null;
};

/** A page of the community's mod log, newest first; `after` a page's position (cursor.ts). */
export async function log(
	claims: Claims,
	communityId: string,
	after: string | null = null,
	tx?: Tx
) {
	const from = cursor.decode(after);
	const rows = await within(
		claims,
		tx,
		(tx) => tx<(LogEntry & { sortedAt: string })[]>`
		select id::text, action, at, reason, moderator, member, anonymous_author as "anonymousAuthor",
			thread_id as "threadId",
			thread_title as "threadTitle", post_id as "postId", suspended_until as "suspendedUntil",
			to_json(at) #>> '{}' as "sortedAt"
		from public.community_mod_log(${communityId}, ${from?.at ?? null}::text::timestamptz,
			${from?.id ?? null}::text::bigint, ${cursor.pageSize + 1})`
	);
	const page = cursor.paged(rows);
	return { entries: page.rows, next: page.next };
}

export type Figures = {
	communityId: string;
	openItems: number;
	overdueItems: number;
	/** Median minutes from opening to a moderator's first action, last 30 days; null without items. */
	medianMinutesToFirstAction: number | null;
	actions: Partial<Record<Action, number>>;
};

/**
 * Figures for each of the given communities, in one query; null: every community the
 * member moderates, by name (so a page need not look them up first).
 */
export async function figures(claims: Claims, communityIds: string[] | null, tx?: Tx) {
	return within(
		claims,
		tx,
		(tx) => tx<Figures[]>`
		select c.id as "communityId", f.open_items as "openItems", f.overdue_items as "overdueItems",
			f.median_minutes_to_first_action as "medianMinutesToFirstAction", f.actions
		from ${
			communityIds
				? tx`unnest(${communityIds}::uuid[]) with ordinality as c(id, n)`
				: tx`(select c.id, row_number() over (order by c.name) as n from public.communities c
					join public.community_moderators cm on cm.community_id = c.id and cm.member_id = (select auth.uid())) c`
		}
		cross join lateral public.moderation_figures(c.id) f
		order by c.n`
	);
}
