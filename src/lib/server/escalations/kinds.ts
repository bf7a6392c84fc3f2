// The escalations' vocabulary, as the database's enums name it.
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
