// How each kind of notification is named, in the list, the settings and the mails.
// Generic over kinds: a new kind needs only its two messages, notification_<kind>
// (what happened, with the thread's title; an alert also with its community, the item's
// priority and due time) and notification_kind_<kind> (its label); a moderator's reason
// comes with it as written.
import { priorityNames } from '$lib/escalation-names';
import { formatDateTime } from '$lib/format';
import { postPath } from '$lib/paths';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

type Message = (inputs: Record<string, unknown>, options?: { locale?: Locale }) => string;
const messages = m as unknown as Record<string, Message | undefined>;

export const deliveries = ['in_app', 'immediate', 'digest'] as const;
export type Delivery = (typeof deliveries)[number];

/** What a notification is about; an alert about an item carries its priority and due time. */
export type NotificationSubject = {
	kind: string;
	title: string | null;
	community?: string | null;
	priority?: string | null;
	dueAt?: Date | string | null;
};

/** What happened, e.g. "New answer to your question …", "Urgent: … due by …". */
export function notificationText(subject: NotificationSubject, locale?: Locale) {
	const { kind, title, community, priority, dueAt } = subject;
	const message = messages[`notification_${kind}`] ?? messages.notification_other!;
	return message(
		{
			title: title ?? '',
			community: community ?? '',
			priority: priority ? (priorityNames[priority]?.({}, { locale }) ?? priority) : '',
			due: dueAt ? formatDateTime(new Date(dueAt), locale) : ''
		},
		{ locale }
	);
}

/**
 * The moderator's reason, what was decided about a flag, or a weekly summary's lines
 * ("12 × title", as the database wrote them); null without any.
 */
export function notificationReason(kind: string, reason: string | null, locale?: Locale) {
	if (!reason) return null;
	if (kind === 'needs_summary') return reason;
	// An official answer to an idea carries its state (apply_idea_answer).
	if (kind === 'idea_answered') {
		const state = messages[`idea_state_${reason}`];
		return m.notification_idea_state({ state: state ? state({}, { locale }) : reason }, { locale });
	}
	// An idea's or guide's case resolved: the outcome's key, then the counsellor's words
	// (resolve_escalation): a referral's service and contact, or the note for the writer.
	if (kind === 'escalation_resolved_text') {
		const [outcome, words = '', contact = ''] = reason.split('\n');
		if (outcome === 'referred')
			return m.notification_outcome_referred({ service: words, contact }, { locale });
		if (outcome === 'no_action')
			return m.notification_outcome_no_action({ note: words }, { locale });
		return m.notification_outcome_answered_publicly({}, { locale });
	}
	const decision = kind === 'flag_decided' ? messages[`mod_resolution_${reason}`] : undefined;
	return m.notification_reason(
		{ reason: decision ? decision({}, { locale }) : reason },
		{ locale }
	);
}

/**
 * Where a notification leads: the queue for moderators, my reports for a decision, the
 * counsellors' page for an admin told nobody serves a community, the community's needs
 * for a weekly summary, else the guide, idea, booking, resource, service or post.
 */
export function notificationPath(notification: {
	kind: string;
	threadId: string | null;
	postId: string | null;
	guideId?: string | null;
	ideaId?: string | null;
	bookingId?: string | null;
	resourceId?: string | null;
	serviceId?: string | null;
	communitySlug?: string | null;
}) {
	const {
		kind,
		threadId,
		postId,
		guideId,
		ideaId,
		bookingId,
		resourceId,
		serviceId,
		communitySlug
	} = notification;
	if (kind === 'needs_summary') return `/needs?place=${communitySlug ?? ''}`;
	if (kind === 'moderation_item') return '/mod';
	if (kind === 'flag_decided') return '/account/flags';
	if (kind === 'escalation_unserved') return '/admin/counsellors';
	if (guideId) return `/g/${guideId}`;
	if (ideaId) return `/i/${ideaId}`;
	if (bookingId) return `/share/b/${bookingId}`;
	if (resourceId) return `/share/r/${resourceId}`;
	if (serviceId) return `/s/${serviceId}`;
	if (!threadId) return '/notifications';
	return postPath(threadId, postId);
}

/** The kind as a setting, e.g. "Answers to my questions". */
export function notificationKindLabel(kind: string, locale?: Locale) {
	return (messages[`notification_kind_${kind}`] ?? m.notification_kind_other)({}, { locale });
}

export function deliveryLabel(delivery: Delivery) {
	return { in_app: m.delivery_in_app, immediate: m.delivery_immediate, digest: m.delivery_digest }[
		delivery
	]();
}
