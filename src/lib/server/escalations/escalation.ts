// One escalation as its counsellor sees it: the queue's row, notes, history, alerts and the posts or texts that raised it.
import type { Authored } from '$lib/authors';
import type { Claims, Tx } from '../data/db';
import { within } from '../data/db';
import type { eventKinds, Outcome, Priority, Trigger } from './kinds';
import { items, type QueueItem } from './rows';

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
	/** An idea's or guide's item: the post on the idea, or the guide's version, that raised it. */
	ideaCommentId: string | null;
	guideVersion: number | null;
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
/**
 * A text of an idea or guide that raised the item (crisis words): the idea itself, a post
 * on it, or a guide's version (its number as id).
 */
export type RaisingText = {
	kind: 'idea' | 'idea_comment' | 'guide_version';
	id: string;
	author: string | null;
	bodyHtml: string;
	createdAt: Date;
	removed: boolean;
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
	texts: RaisingText[];
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
					ev.post_id as "postId", ev.idea_comment_id as "ideaCommentId", ev.guide_version as "guideVersion",
					ev.detail, ev.at
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
		const [posts, texts] = await Promise.all([
			postIds.length ? raisingPosts(tx, postIds) : [],
			item.subject === 'question' ? [] : raisingTexts(tx, item, history)
		]);
		return { ...item, ...extra, notes, history, alerts, posts, texts };
	});
}

function raisingPosts(tx: Tx, postIds: string[]) {
	return tx<RaisingPost[]>`
				select p.id, m.pseudonym as author, p.is_anonymous as anonymous, p.shown_as_asker as asker,
					p.body_html as "bodyHtml", p.created_at as "createdAt", p.held_at is not null as held,
					p.removed_at is not null as removed, p.withdrawn_at is not null as withdrawn
				from public.posts p left join public.members m on m.id = p.shown_author_id
				where p.id = any(${postIds}::uuid[]) order by p.created_at, p.id`;
}

/** The idea, its posts or the guide's versions whose crisis words opened or raised the item. */
function raisingTexts(tx: Tx, item: QueueItem, history: HistoryEntry[]) {
	const raised = history.filter(
		(entry) => entry.trigger === 'crisis' || entry.trigger === 'crisis_review'
	);
	const byIdea = raised.some((entry) => entry.ideaCommentId === null && item.ideaId !== null);
	const comments = [...new Set(raised.flatMap((entry) => entry.ideaCommentId ?? []))];
	const versions = [...new Set(raised.flatMap((entry) => entry.guideVersion ?? []))];
	return tx<RaisingText[]>`
		select 'idea' as kind, i.id::text as id, a.pseudonym as author, i.body_html as "bodyHtml",
			i.created_at as "createdAt", i.removed_at is not null as removed
		from public.service_ideas i left join public.members a on a.id = i.author_id
		where i.id = ${item.ideaId} and ${byIdea}
		union all
		select 'idea_comment', c.id::text, a.pseudonym, c.body_html, c.created_at, c.removed_at is not null
		from public.idea_comments c left join public.members a on a.id = c.author_id
		where c.id = any(${comments}::uuid[])
		union all
		select 'guide_version', v.number::text, a.pseudonym, v.body_html, v.written_at, false
		from public.guide_versions v left join public.members a on a.id = v.author_id
		where v.guide_id = ${item.guideId} and v.number = any(${versions}::int[])
		order by 5, 2`;
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
