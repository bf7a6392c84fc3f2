// How each kind of notification is named, in the list, the settings and the mails.
// Generic over kinds: a new kind needs only its two messages, notification_<kind>
// (what happened, with the thread's title) and notification_kind_<kind> (its label);
// a moderator's reason comes with it as written.
import { postPath } from '$lib/paths';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

type Message = (inputs: Record<string, unknown>, options?: { locale?: Locale }) => string;
const messages = m as unknown as Record<string, Message | undefined>;

export const deliveries = ['in_app', 'immediate', 'digest'] as const;
export type Delivery = (typeof deliveries)[number];

/** What happened, e.g. "New answer to your question …". */
export function notificationText(kind: string, title: string, locale?: Locale) {
	return (messages[`notification_${kind}`] ?? m.notification_other)({ title }, { locale });
}

/** The moderator's reason, or what was decided about a flag; null without either. */
export function notificationReason(kind: string, reason: string | null, locale?: Locale) {
	if (!reason) return null;
	const decision = kind === 'flag_decided' ? messages[`mod_resolution_${reason}`] : undefined;
	return m.notification_reason(
		{ reason: decision ? decision({}, { locale }) : reason },
		{ locale }
	);
}

/** Where a notification leads: the queue for moderators, my reports for a decision, else the post. */
export function notificationPath(kind: string, threadId: string | null, postId: string | null) {
	if (kind === 'moderation_item') return '/mod';
	if (kind === 'flag_decided') return '/account/flags';
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
