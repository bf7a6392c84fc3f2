// Escalations: the counsellors' queue. The database decides who sees and does what
// (RLS, and the *_escalation functions that refuse with a reason); this module
// names the steps. Every function takes an optional transaction to run in: tests
// move the clock there (`set_config('ratnetz.clock', …, true)`).
import type { Authored } from '$lib/authors';
import type postgres from 'postgres';
import { z } from 'zod';
import * as cursor from './cursor';
import type { Claims, Tx } from './db';
import { within } from './db';

export const priorities = ['urgent', 'high', 'normal'] as const;
export type Priority = (typeof priorities)[number];
export const states = ['open', 'claimed', 'resolved'] as const;
export type State = (typeof states)[number];
export const outcomes = ['answered_publicly', 'referred', 'no_action', 'duplicate'] as const;
export type Outcome = (typeof outcomes)[number];
export type Trigger = 'asker_request' | 'flag' | 'crisis' | 'crisis_review' | 'unanswered';
export const flagReasons = [
	'needs_professional',
	'crisis',
	'abuse',
	'spam',
	'off_topic',
	'privacy',
	'dangerous_advice'
] as const;
export type FlagReason = (typeof flagReasons)[number];

export type QueueItem = {
	id: string;
	threadId: string;
	threadTitle: string;
	communityId: string;
	communitySlug: string;
	communityName: string;
	priority: Priority;
	state: State;
	/** Every trigger that brought the item here, in no particular order. */
	triggers: Trigger[];
	openedAt: Date;
	dueAt: Date;
	ageMinutes: number;
	overdue: boolean;
	/** The holder's pseudonym while claimed (null after their account was deleted). */
	claimedBy: string | null;
	claimedByMe: boolean;
	outcome: Outcome | null;
	resolvedAt: Date | null;
	/** Peers already solved the thread: its asker accepted an answer. */
	solved: boolean;
};

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

function items(
	tx: Tx,
	where: postgres.PendingQuery<postgres.Row[]>,
	order: { by: postgres.PendingQuery<postgres.Row[]>; at: postgres.PendingQuery<postgres.Row[]> },
	limit: number
) {
	return tx<(QueueItem & { sortedAt: string })[]>`
		select e.id, e.thread_id as "threadId", t.title as "threadTitle", e.community_id as "communityId",
			c.slug as "communitySlug", c.name as "communityName", e.priority, e.state,
			array(select distinct ev.trigger::text from public.escalation_events ev
				where ev.escalation_id = e.id and ev.trigger is not null) as triggers,
			e.opened_at as "openedAt", e.due_at as "dueAt",
			floor(extract(epoch from public.clock() - e.opened_at) / 60)::int as "ageMinutes",
			e.state <> 'resolved' and e.due_at < public.clock() as overdue,
			case when e.state = 'claimed' then holder.pseudonym end as "claimedBy",
			e.state = 'claimed' and e.claimed_by is not distinct from (select auth.uid()) as "claimedByMe",
			e.outcome, e.resolved_at as "resolvedAt", t.accepted_post_id is not null as solved, to_json(${order.at}) #>> '{}' as "sortedAt"
		from public.escalations e
		join public.threads t on t.id = e.thread_id
		join public.communities c on c.id = e.community_id
		left join public.members holder on holder.id = e.claimed_by
		where ${where}
		order by ${order.by}
		limit ${limit}`;
}

const prioritySchema = z.enum(priorities);

export type QueuePage = {
	items: QueueItem[];
	/** All items the filter matches, on every page. */
	total: number;
	/** The next page's position (cursor.ts); null on the last page. */
	next: string | null;
};

/**
 * A page of the queue of the communities the counsellor serves (duty leads: all): urgent
 * first, then by due time; resolved items newest first. Questions left unanswered too
 * long are in it already: a scheduled job opens their items (scheduler.ts).
 */
export async function queue(claims: Claims, filter: QueueFilter = {}, tx?: Tx): Promise<QueuePage> {
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
		const [rows, [{ total }]] = await Promise.all([
			items(
				tx,
				tx`${matching()} ${after}`,
				resolved
					? { by: tx`e.resolved_at desc, e.id desc`, at: tx`e.resolved_at` }
					: { by: tx`e.priority, e.due_at, e.id`, at: tx`e.due_at` },
				cursor.pageSize + 1
			),
			tx<
				{ total: number }[]
			>`select count(*)::int as total from public.escalations e where ${matching()}`
		]);
		const page = cursor.paged(rows, { rank: resolved ? undefined : (row) => row.priority });
		return { items: page.rows, total, next: page.next };
	});
}

export type Waiting = { urgent: number; overdue: number };

/** What waits for the counsellor in the communities they serve: urgent and overdue open cases (from an index of the unresolved cases only). */
export async function waiting(claims: Claims, tx?: Tx) {
	const [counts] = await within(
		claims,
		tx,
		(tx) => tx<Waiting[]>`
		select (count(*) filter (where e.priority = 'urgent'))::int as urgent,
			(count(*) filter (where e.due_at < public.clock()))::int as overdue
		from public.escalations e
		where e.state <> 'resolved' and e.community_id = any ((select public.served_communities())::uuid[])`
	);
	return counts;
}

export const eventKinds = [
	'opened',
	'triggered',
	'raised',
	'claimed',
	'released',
	'reassigned',
	'noted',
	'answered',
	'resolved',
	'reopened',
	'content_released',
	'alerted'
] as const;
export type Note = { id: string; author: string | null; body: string; createdAt: Date };
export type HistoryEntry = {
	id: string;
	kind: (typeof eventKinds)[number];
	trigger: Trigger | null;
	priority: Priority | null;
	outcome: Outcome | null;
	/** The counsellor or moderator who acted; null for triggers and scheduled jobs. */
	actor: string | null;
	/** A handover's holders: who held the item before, who holds it after (null: nobody or a deleted account). */
	previousHolder: string | null;
	newHolder: string | null;
	postId: string | null;
	/**
	 * A flag's note, the crisis words found, a referral's service, a duplicate's thread id,
	 * a reason; for an alert its cause and how many it reached ("overdue 3").
	 */
	detail: string | null;
	at: Date;
};
/** A post that raised the item (flagged, or written with crisis words), as counsellors see it. */
export type RaisingPost = Authored & {
	id: string;
	bodyHtml: string;
	createdAt: Date;
	held: boolean;
	removed: boolean;
	withdrawn: boolean;
};
/** An alert about the item: to whom, about which due time, and what became of its mail. */
export type Alert = {
	id: string;
	reason: 'urgent' | 'overdue' | 'unserved';
	priority: Priority;
	dueAt: Date;
	recipient: string | null;
	at: Date;
	mailSentAt: Date | null;
	mailFailedAt: Date | null;
};
export type Escalation = QueueItem & {
	referredService: string | null;
	referredContact: string | null;
	resolutionNote: string | null;
	duplicateOf: string | null;
	notes: Note[];
	history: HistoryEntry[];
	alerts: Alert[];
	posts: RaisingPost[];
};

/** One item with its internal notes and history; null unless the counsellor serves its community. */
export async function read(claims: Claims, id: string, tx?: Tx): Promise<Escalation | null> {
	return within(claims, tx, async (tx) => {
		const [found] = await items(tx, tx`e.id = ${id}`, { by: tx`e.id`, at: tx`e.opened_at` }, 1);
		if (!found) return null;
		const { sortedAt, ...item } = found;
		const [[extra], notes, history, alerts] = await Promise.all([
			tx<
				Pick<Escalation, 'referredService' | 'referredContact' | 'resolutionNote' | 'duplicateOf'>[]
			>`
				select referred_service as "referredService", referred_contact as "referredContact",
					resolution_note as "resolutionNote", duplicate_of as "duplicateOf"
				from public.escalations where id = ${id}`,
			tx<Note[]>`
				select n.id::text, m.pseudonym as author, n.body, n.created_at as "createdAt"
				from public.escalation_notes n left join public.members m on m.id = n.author_id
				where n.escalation_id = ${id} order by n.created_at, n.id`,
			tx<HistoryEntry[]>`
				select ev.id::text, ev.kind, ev.trigger, ev.priority, ev.outcome, m.pseudonym as actor,
					before.pseudonym as "previousHolder", after.pseudonym as "newHolder",
					ev.post_id as "postId", ev.detail, ev.at
				from public.escalation_events ev
				left join public.members m on m.id = ev.actor_id
				left join public.members before on before.id = ev.previous_holder_id
				left join public.members after on after.id = ev.new_holder_id
				where ev.escalation_id = ${id} order by ev.at, ev.id`,
			tx<Alert[]>`
				select id::text, reason, priority, due_at as "dueAt", recipient, at, mail_sent_at as "mailSentAt",
					mail_failed_at as "mailFailedAt"
				from public.escalation_alert_log(${id})`
		]);
		const postIds = [...new Set(history.flatMap((entry) => entry.postId ?? []))];
		const posts = postIds.length
			? await tx<RaisingPost[]>`
				select p.id, m.pseudonym as author, p.is_anonymous as anonymous, p.shown_as_asker as asker,
					p.body_html as "bodyHtml", p.created_at as "createdAt", p.held_at is not null as held,
					p.removed_at is not null as removed, p.withdrawn_at is not null as withdrawn
				from public.posts p left join public.members m on m.id = p.shown_author_id
				where p.id = any(${postIds}::uuid[]) order by p.created_at, p.id`
			: [];
		return { ...item, ...extra, notes, history, alerts, posts };
	});
}

export async function claim(claims: Claims, id: string, tx?: Tx) {
	await within(claims, tx, (tx) => tx`select public.claim_escalation(${id})`);
}

/** Back to the queue; someone other than the holder gives a reason. */
export async function release(claims: Claims, id: string, reason: string | null = null, tx?: Tx) {
	await within(claims, tx, (tx) => tx`select public.release_escalation(${id}, ${reason})`);
}

/** To a colleague serving the community, or a duty lead; someone other than the holder gives a reason. */
export async function reassign(
	claims: Claims,
	id: string,
	assignee: string,
	reason: string | null = null,
	tx?: Tx
) {
	await within(
		claims,
		tx,
		(tx) => tx`select public.reassign_escalation(${id}, ${assignee}, ${reason})`
	);
}

export type Load = {
	memberId: string;
	pseudonym: string;
	dutyLead: boolean;
	/** Items the counsellor holds, of them urgent and overdue. */
	holding: number;
	urgent: number;
	overdue: number;
};

/**
 * Each counsellor's open load: colleagues serving the counsellor's communities, or, for
 * an item, those who may take it.
 */
export async function loads(claims: Claims, escalationId: string | null = null, tx?: Tx) {
	return within(
		claims,
		tx,
		(tx) => tx<Load[]>`
		select member_id as "memberId", pseudonym, duty_lead as "dutyLead", holding, urgent, overdue
		from public.counsellor_loads(${escalationId})`
	);
}

/** An internal note, for counsellors only; returns its id. */
export async function addNote(claims: Claims, id: string, body: string, tx?: Tx) {
	const [row] = await within(
		claims,
		tx,
		(tx) => tx<{ id: string }[]>`select public.add_escalation_note(${id}, ${body})::text as id`
	);
	return row.id;
}

/**
 * What the asker is told: a referral names the service and how to reach it, a duplicate
 * the thread it duplicates, "no action" why.
 */
export type Resolution = {
	service?: string | null;
	contact?: string | null;
	duplicateOf?: string | null;
	note?: string | null;
};

export async function resolve(
	claims: Claims,
	id: string,
	outcome: Outcome,
	detail: Resolution = {},
	tx?: Tx
) {
	await within(
		claims,
		tx,
		(tx) =>
			tx`select public.resolve_escalation(${id}, ${outcome}, ${detail.service ?? null}, ${detail.duplicateOf ?? null},
				${detail.contact ?? null}, ${detail.note ?? null})`
	);
}

export async function reopen(claims: Claims, id: string, reason: string | null = null, tx?: Tx) {
	await within(claims, tx, (tx) => tx`select public.reopen_escalation(${id}, ${reason})`);
}

export type FlagTarget = { threadId: string } | { postId: string };

/**
 * A member flags a thread or post (once per target). "Needs a professional",
 * "dangerous advice" and "crisis" open or raise the thread's escalation.
 */
export async function flag(
	claims: Claims,
	target: FlagTarget,
	input: { reason?: FlagReason; note?: string | null } = {},
	tx?: Tx
) {
	const threadId = 'threadId' in target ? target.threadId : null;
	const postId = 'postId' in target ? target.postId : null;
	const [row] = await within(
		claims,
		tx,
		(tx) => tx<{ id: string }[]>`
		insert into public.flags (flagger_id, thread_id, post_id, reason, note)
		values (${claims.sub}, ${threadId}, ${postId}, ${input.reason ?? 'needs_professional'}, ${input.note?.trim() || null})
		returning id`
	);
	return row.id;
}

export type CommunityFigures = {
	communityId: string;
	communityName: string;
	open: Record<Priority, number>;
	/** Medians over the last 30 days, in minutes; null without items. */
	medianMinutesToClaim: number | null;
	medianMinutesToResolve: number | null;
};

/** Per community the counsellor serves: open items by priority and median times. */
export async function figures(claims: Claims, tx?: Tx) {
	return within(
		claims,
		tx,
		(tx) => tx<CommunityFigures[]>`
		with open as (
			select e.community_id, count(*) filter (where e.priority = 'urgent') as urgent,
				count(*) filter (where e.priority = 'high') as high, count(*) filter (where e.priority = 'normal') as normal
			from public.escalations e where e.state in ('open', 'claimed')
			group by e.community_id
		),
		-- Only the window's items, by index: the first claim is kept with each item.
		claims as (
			select e.community_id,
				percentile_cont(0.5) within group (order by extract(epoch from e.first_claimed_at - e.opened_at) / 60) as median
			from public.escalations e
			where e.first_claimed_at between public.clock() - interval '30 days' and public.clock()
			group by e.community_id
		),
		resolutions as (
			select e.community_id,
				percentile_cont(0.5) within group (order by extract(epoch from e.resolved_at - e.opened_at) / 60) as median
			from public.escalations e
			where e.state = 'resolved' and e.resolved_at between public.clock() - interval '30 days' and public.clock()
			group by e.community_id
		)
		select c.id as "communityId", c.name as "communityName",
			json_build_object('urgent', coalesce(o.urgent, 0), 'high', coalesce(o.high, 0), 'normal', coalesce(o.normal, 0)) as open,
			cl.median::float8 as "medianMinutesToClaim", r.median::float8 as "medianMinutesToResolve"
		from public.communities c
		left join open o on o.community_id = c.id
		left join claims cl on cl.community_id = c.id
		left join resolutions r on r.community_id = c.id
		where c.id = any ((select public.served_communities())::uuid[])
		order by c.name`
	);
}

/**
 * The professional side of a thread as its asker sees it (and the counsellors serving
 * its community): the item being worked with its due time, else its latest outcome.
 * Null for everyone else, and for a thread that never had an item.
 */
export type ProfessionalHelp = {
	state: State;
	priority: Priority;
	dueAt: Date;
	outcome: Outcome | null;
	referredService: string | null;
	referredContact: string | null;
	resolutionNote: string | null;
	/** The thread it duplicates, when readers can see it. */
	duplicate: { id: string; title: string } | null;
	/** The newest professional answer, for "answered publicly". */
	professionalPostId: string | null;
	resolvedAt: Date | null;
	/** When the counselling service is next staffed, while it is not (staffed hours); else null. */
	nextStaffedAt: Date | null;
};

export async function professionalHelp(
	claims: Claims,
	threadId: string,
	tx?: Tx
): Promise<ProfessionalHelp | null> {
	const [row] = await within(
		claims,
		tx,
		(tx) => tx<
			(Omit<ProfessionalHelp, 'duplicate'> & {
				duplicateOf: string | null;
				duplicateTitle: string | null;
			})[]
		>`
		select h.state, h.priority, h.due_at as "dueAt", h.outcome, h.referred_service as "referredService",
			h.referred_contact as "referredContact", h.resolution_note as "resolutionNote",
			h.duplicate_of as "duplicateOf", h.duplicate_title as "duplicateTitle",
			h.professional_post_id as "professionalPostId", h.resolved_at as "resolvedAt",
			case when h.state <> 'resolved' then public.next_staffed_at() end as "nextStaffedAt"
		from public.asker_escalation(${threadId}) h`
	);
	if (!row) return null;
	const { duplicateOf, duplicateTitle, ...help } = row;
	return {
		...help,
		duplicate: duplicateOf && duplicateTitle ? { id: duplicateOf, title: duplicateTitle } : null
	};
}
