// An escalation's row as counsellors see it, in the queue and on its own page.
import type postgres from 'postgres';
import type { Tx } from '../data/db';
import type { Outcome, Priority, State, Trigger } from './kinds';

/** What an item is about: a question, or an idea or a guide whose text holds crisis words. */
export type CaseSubject = 'question' | 'idea' | 'guide';

export type QueueItem = {
	id: string;
	subject: CaseSubject;
	/** The question's, idea's or guide's id: one of the three is set. */
	threadId: string | null;
	ideaId: string | null;
	guideId: string | null;
	/** Its title (a guide's as of its newest version). */
	title: string;
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
	/** Peers already solved the question: its asker accepted an answer. */
	solved: boolean;
};

/** The queue's rows as counsellors see them; one item's page reads its row the same way. */
export function items(
	tx: Tx,
	where: postgres.PendingQuery<postgres.Row[]>,
	order: { by: postgres.PendingQuery<postgres.Row[]>; at: postgres.PendingQuery<postgres.Row[]> },
	limit: number
) {
	return tx<(QueueItem & { sortedAt: string })[]>`
		select e.id, case when e.idea_id is not null then 'idea' when e.guide_id is not null then 'guide' else 'question' end as subject,
			e.thread_id as "threadId", e.idea_id as "ideaId", e.guide_id as "guideId",
			-- An idea's or guide's title by key, only for the items shown (a removed idea or
			-- hidden guide stays readable to its case's counsellors: sees_case_of).
			coalesce(t.title, (select i.title from public.service_ideas i where i.id = e.idea_id),
				(select g.title from public.guides g where g.id = e.guide_id)) as title, e.community_id as "communityId",
			c.slug as "communitySlug", c.name as "communityName", e.priority, e.state,
			array(select distinct ev.trigger::text from public.escalation_events ev
				where ev.escalation_id = e.id and ev.trigger is not null) as triggers,
			e.opened_at as "openedAt", e.due_at as "dueAt",
			floor(extract(epoch from (select public.clock()) - e.opened_at) / 60)::int as "ageMinutes",
			e.state <> 'resolved' and e.due_at < (select public.clock()) as overdue,
			case when e.state = 'claimed' then holder.pseudonym end as "claimedBy",
			e.state = 'claimed' and e.claimed_by is not distinct from (select auth.uid()) as "claimedByMe",
			e.outcome, e.resolved_at as "resolvedAt", coalesce(t.accepted_post_id is not null, false) as solved,
			to_json(${order.at}) #>> '{}' as "sortedAt"
		from public.escalations e
		left join public.threads t on t.id = e.thread_id
		join public.communities c on c.id = e.community_id
		left join public.members holder on holder.id = e.claimed_by
		where ${where}
		order by ${order.by}
		limit ${limit}`;
}
