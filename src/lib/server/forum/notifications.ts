// In-app notifications: what happened to my questions and answers.
import type { Claims, Tx } from '../data/db';
import { transaction, within } from '../data/db';

export type Notification = {
	id: string;
	kind: string;
	threadId: string | null;
	postId: string | null;
	guideId: string | null;
	ideaId: string | null;
	bookingId: string | null;
	resourceId: string | null;
	serviceId: string | null;
	/** The thread's, guide's or idea's title, a booking's resource's, or the service's name. */
	threadTitle: string | null;
	/** A moderator's reason (removal, warning, suspension) or a flag's decision. */
	reason: string | null;
	/** An alert's community, and its item's priority and due time as alerted. */
	community: string | null;
	communitySlug: string | null;
	priority: string | null;
	dueAt: Date | null;
	createdAt: Date;
	read: boolean;
};

/** The newest 50, unread first. */
export async function list(claims: Claims) {
	return transaction(
		claims,
		(tx) => tx<Notification[]>`
		select n.id, n.kind, n.thread_id as "threadId", n.post_id as "postId", n.guide_id as "guideId",
			n.idea_id as "ideaId", n.booking_id as "bookingId", n.resource_id as "resourceId",
			n.service_id as "serviceId", coalesce(t.title, g.title, i.title, r.title, ar.title, s.name) as "threadTitle",
			n.reason, c.name as community, c.slug as "communitySlug", a.priority, a.due_at as "dueAt",
			n.created_at as "createdAt", n.read_at is not null as read
		from public.notifications n left join public.threads t on t.id = n.thread_id
		left join public.guides g on g.id = n.guide_id
		left join public.service_ideas i on i.id = n.idea_id
		left join public.resource_bookings b on b.id = n.booking_id
		left join public.shared_resources r on r.id = b.resource_id
		left join public.shared_resources ar on ar.id = n.resource_id
		left join public.services s on s.id = n.service_id
		left join public.communities c on c.id = n.community_id
		left join public.escalation_alerts a on a.notification_id = n.id
		where n.member_id = (select auth.uid())
		order by n.read_at is null desc, n.created_at desc limit 50`
	);
}

export async function markAllRead(claims: Claims) {
	await transaction(
		claims,
		(tx) => tx`
		update public.notifications set read_at = now() where member_id = (select auth.uid()) and read_at is null`
	);
}

export type NewAnswers = { threadId: string; title: string; count: number };

/** The member's questions with answers they have not yet been told about (unread), latest first. */
export async function newAnswers(claims: Claims, tx?: Tx) {
	return within(
		claims,
		tx,
		(tx) => tx<NewAnswers[]>`
		select n.thread_id as "threadId", t.title, count(*)::int as count
		from public.notifications n join public.threads t on t.id = n.thread_id
		where n.member_id = (select auth.uid()) and n.read_at is null
			and n.kind in ('answer', 'professional_answer')
		group by n.thread_id, t.title
		order by max(n.created_at) desc
		limit 5`
	);
}
