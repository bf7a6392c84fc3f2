// Database refusals, told to the member in their language. The database decides
// (RLS, checks, triggers, state-changing functions); this only names the reason.
// The SQL functions name theirs in the error's hint, which is a message key.
import postgres from 'postgres';
import { markdownProblemMessage } from '$lib/post-schemas';
import { m } from '$lib/paraglide/messages';
import { MarkdownTooCostly } from '../forum/markdown';
import { moderationReason } from '../moderation/reason';

/** Thrown when a change touched nothing: RLS hid the row, so it is not the member's to change. */
export class NotAllowed extends Error {
	constructor() {
		super('Not allowed');
	}
}

/** Reasons the escalation, safeguarding, moderation, guide, idea, organisation, sharing and service functions and triggers give in their hint. */
const reasons: Record<string, () => string> = {
	escalation_not_serving: m.escalation_not_serving,
	escalation_already_claimed: m.escalation_already_claimed,
	escalation_not_holder: m.escalation_not_holder,
	escalation_is_resolved: m.escalation_is_resolved,
	escalation_not_resolved: m.escalation_not_resolved,
	escalation_already_open: m.escalation_already_open,
	escalation_service_required: m.escalation_service_required,
	escalation_duplicate_required: m.escalation_duplicate_required,
	escalation_contact_required: m.escalation_contact_required,
	escalation_service_unknown: m.escalation_service_unknown,
	escalation_note_for_asker_required: m.escalation_note_for_asker_required,
	escalation_handover_reason_required: m.escalation_handover_reason_required,
	escalation_assignee_not_serving: m.escalation_assignee_not_serving,
	escalation_not_claimed: m.escalation_not_claimed,
	escalation_answer_first: m.escalation_answer_first,
	escalation_reason_required: m.escalation_reason_required,
	escalation_communities_required: m.escalation_communities_required,
	escalation_reveal_not_allowed: m.escalation_reveal_not_allowed,
	escalation_not_anonymous: m.escalation_not_anonymous,
	escalation_not_held: m.escalation_not_held,
	escalation_reveal_not_committed: m.escalation_reveal_not_committed,
	moderation_already_handled: m.moderation_already_handled,
	moderation_not_moderator: m.moderation_not_moderator,
	moderation_reason_required: moderationReason,
	moderation_not_found: m.moderation_not_found,
	moderation_not_removed: m.moderation_not_removed,
	moderation_move_target: m.moderation_move_target,
	moderation_duration: m.moderation_duration,
	moderation_no_author: m.moderation_no_author,
	moderation_not_for_moderators: m.moderation_not_for_moderators,
	moderation_suspended: m.moderation_suspended,
	moderation_thread_locked: m.moderation_thread_locked,
	moderation_log_members_only: m.moderation_log_members_only,
	withdrawn_unchangeable: m.withdrawn_unchangeable,
	guide_members_only: m.guide_members_only,
	guide_own_anonymous: m.guide_own_anonymous,
	guide_threads_invalid: m.guide_threads_invalid,
	guide_changed: m.guide_changed,
	guide_professionals_only: m.guide_professionals_only,
	guide_not_found: m.guide_not_found,
	guide_version_invalid: m.guide_version_invalid,
	idea_members_only: m.idea_members_only,
	idea_not_found: m.idea_not_found,
	idea_closed: m.idea_closed,
	idea_professionals_only: m.idea_professionals_only,
	organisation_admins_only: m.organisation_admins_only,
	organisation_not_found: m.organisation_not_found,
	organisation_name_taken: m.organisation_name_taken,
	organisation_not_counsellor: m.organisation_not_counsellor,
	organisation_not_verified: m.organisation_not_verified,
	sharing_organisations_only: m.sharing_organisations_only,
	sharing_not_found: m.sharing_not_found,
	booking_own_resource: m.booking_own_resource,
	booking_span_invalid: m.booking_span_invalid,
	booking_in_past: m.booking_in_past,
	booking_overlaps: m.booking_overlaps,
	booking_not_requested: m.booking_not_requested,
	booking_not_withdrawable: m.booking_not_withdrawable,
	booking_reason_required: m.booking_reason_required,
	region_unknown: m.error_region_unknown,
	service_keepers_only: m.service_keepers_only,
	service_not_found: m.service_not_found,
	service_invalid: m.service_invalid,
	postcode_unknown: m.postcode_unknown
};

export function refusal(error: unknown): string | null {
	if (error instanceof NotAllowed) return m.error_not_allowed();
	// A text the forms let through but the renderer refuses (they check the same limits).
	if (error instanceof MarkdownTooCostly) return markdownProblemMessage(error.problem);
	if (!(error instanceof postgres.PostgresError)) return null;
	if (error.hint === 'rate_limited') return m.error_posting_too_fast();
	if (error.hint === 'rate_limited_edits') return m.error_editing_too_fast();
	// The writer learns which word the community does not allow (the database names it).
	if (error.hint === 'moderation_watched_word_blocked') {
		return m.moderation_watched_word_blocked({ word: error.detail ?? '' });
	}
	if (error.hint && error.hint in reasons) return reasons[error.hint]();
	switch (error.code) {
		case '42501': // RLS or privilege: not allowed here
			return m.error_not_allowed();
		case '23514': // a check: too long, bad tag, wrong thread
		case '22001':
			return m.error_invalid_post();
		case '23505':
			return m.error_already_done();
		case '23P01': // an exclusion constraint: a confirmed booking overlapping another
			return m.booking_overlaps();
		default:
			return null;
	}
}

/** Runs a change; a refusal becomes a message, anything else stays an error. */
export async function attempt<T>(
	change: () => Promise<T>
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
	try {
		return { ok: true, value: await change() };
	} catch (error) {
		const message = refusal(error);
		if (message === null) throw error;
		return { ok: false, error: message };
	}
}
