// The words of moderation: how an item is resolved, how long a suspension lasts, what the
// mod log records, and when an item counts as overdue.

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
