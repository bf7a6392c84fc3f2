// Words for the escalation enums, in the member's language (client-safe: no zod, no server code).
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

/** A message without inputs, in the page's language or the one named (mails). */
type Name = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

export const priorityNames: Record<string, Name> = {
	urgent: m.escalation_priority_urgent,
	high: m.escalation_priority_high,
	normal: m.escalation_priority_normal
};
export const stateNames: Record<string, () => string> = {
	open: m.escalation_state_open,
	claimed: m.escalation_state_claimed,
	resolved: m.escalation_state_resolved,
	active: m.escalation_state_active
};
export const triggerNames: Record<string, () => string> = {
	asker_request: m.escalation_trigger_asker_request,
	flag: m.escalation_trigger_flag,
	crisis: m.escalation_trigger_crisis,
	crisis_review: m.escalation_trigger_crisis_review,
	unanswered: m.escalation_trigger_unanswered
};
export const outcomeNames: Record<string, () => string> = {
	answered_publicly: m.escalation_outcome_answered_publicly,
	referred: m.escalation_outcome_referred,
	no_action: m.escalation_outcome_no_action,
	duplicate: m.escalation_outcome_duplicate
};
/** The link to what a case is about, and to where its counsellor answers in public. */
export const subjectLinks: Record<string, () => string> = {
	question: m.escalation_open_thread,
	idea: m.escalation_open_idea,
	guide: m.escalation_open_guide
};
export const answerLinks: Record<string, () => string> = {
	question: m.escalation_answer,
	idea: m.escalation_answer_idea,
	guide: m.escalation_answer_guide
};
/** What a case in the queue is about, where it is not a question. */
export const subjectNames: Record<string, () => string> = {
	idea: m.escalation_subject_idea,
	guide: m.escalation_subject_guide
};
