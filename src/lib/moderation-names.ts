// Words for the moderation enums, in the member's language (client-safe: no zod, no server code).
import { m } from '$lib/paraglide/messages';

export const flagReasonNames: Record<string, () => string> = {
	abuse: m.flag_reason_abuse,
	spam: m.flag_reason_spam,
	off_topic: m.flag_reason_off_topic,
	privacy: m.flag_reason_privacy,
	dangerous_advice: m.flag_reason_dangerous_advice,
	crisis: m.flag_reason_crisis,
	needs_professional: m.flag_reason_needs_professional
};

/** The reasons a member reports a thread or post to the moderators for. */
export const reportReasons = [
	'abuse',
	'spam',
	'off_topic',
	'privacy',
	'dangerous_advice',
	'crisis'
] as const;

/**
 * A guide is reported to the moderators alone: no crisis report (nobody's story is told in
 * it), and dangerous advice does not go to counsellors (they check guides on their own).
 */
export const guideReportReasons = [
	'abuse',
	'spam',
	'off_topic',
	'privacy',
	'dangerous_advice'
] as const;
export const guideFlagReasonNames: Record<string, () => string> = {
	...flagReasonNames,
	dangerous_advice: m.flag_reason_dangerous_advice_guide
};

/** The reasons' names as their reporters chose them: for a guide's reports or a thread's. */
export const reasonNamesFor = (target: { guideId: string | null }) =>
	target.guideId ? guideFlagReasonNames : flagReasonNames;

export const actionNames: Record<string, () => string> = {
	opened: m.mod_action_opened,
	flagged: m.mod_action_flagged,
	auto_hidden: m.mod_action_auto_hidden,
	held_first_post: m.mod_action_held_first_post,
	held_watched_word: m.mod_action_held_watched_word,
	flagged_watched_word: m.mod_action_flagged_watched_word,
	dismissed: m.mod_action_dismissed,
	removed: m.mod_action_removed,
	restored: m.mod_action_restored,
	edited: m.mod_action_edited,
	locked: m.mod_action_locked,
	unlocked: m.mod_action_unlocked,
	pinned: m.mod_action_pinned,
	unpinned: m.mod_action_unpinned,
	moved: m.mod_action_moved,
	suspended: m.mod_action_suspended,
	suspension_lifted: m.mod_action_suspension_lifted,
	warned: m.mod_action_warned,
	moderator_appointed: m.mod_action_moderator_appointed,
	moderator_removed: m.mod_action_moderator_removed,
	settings_changed: m.mod_action_settings_changed,
	description_changed: m.mod_action_description_changed,
	rules_changed: m.mod_action_rules_changed
};

/** Why an item is in the queue besides members' reports. */
export const automaticNames: Record<string, () => string> = {
	auto_hidden: m.mod_automatic_auto_hidden,
	held_first_post: m.mod_automatic_held_first_post,
	held_watched_word: m.mod_automatic_held_watched_word,
	flagged_watched_word: m.mod_automatic_flagged_watched_word
};

export const resolutionNames: Record<string, () => string> = {
	dismissed: m.mod_resolution_dismissed,
	removed: m.mod_resolution_removed,
	edited: m.mod_resolution_edited,
	restored: m.mod_resolution_restored
};

export const durationNames: Record<string, () => string> = {
	'24 hours': m.mod_duration_24_hours,
	'72 hours': m.mod_duration_72_hours,
	'7 days': m.mod_duration_7_days,
	'30 days': m.mod_duration_30_days,
	permanent: m.mod_duration_permanent
};

export const watchedActionNames: Record<string, () => string> = {
	block: m.watched_action_block,
	hold: m.watched_action_hold,
	flag: m.watched_action_flag
};

/** What a queue item is about: a question, an answer or reply, or a guide. */
export function itemTargetName(item: { guideId: string | null; postId: string | null }) {
	if (item.guideId) return m.mod_item_target_guide();
	return item.postId ? m.mod_item_target_post() : m.mod_item_target_thread();
}
