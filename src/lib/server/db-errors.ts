// Database refusals, told to the member in their language. The database decides
// (RLS, checks, triggers, state-changing functions); this only names the reason.
// The SQL functions name theirs in the error's hint, which is a message key.
import postgres from 'postgres';
import { m } from '$lib/paraglide/messages';

/** Thrown when a change touched nothing: RLS hid the row, so it is not the member's to change. */
export class NotAllowed extends Error {
	constructor() {
		super('Not allowed');
	}
}

/** Reasons the escalation and safeguarding functions give in their hint. */
const reasons: Record<string, () => string> = {
	escalation_not_serving: m.escalation_not_serving,
	escalation_already_claimed: m.escalation_already_claimed,
	escalation_not_holder: m.escalation_not_holder,
	escalation_is_resolved: m.escalation_is_resolved,
	escalation_not_resolved: m.escalation_not_resolved,
	escalation_already_open: m.escalation_already_open,
	escalation_service_required: m.escalation_service_required,
	escalation_duplicate_required: m.escalation_duplicate_required,
	escalation_answer_first: m.escalation_answer_first,
	escalation_reason_required: m.escalation_reason_required,
	escalation_communities_required: m.escalation_communities_required,
	escalation_reveal_not_allowed: m.escalation_reveal_not_allowed,
	escalation_not_anonymous: m.escalation_not_anonymous,
	escalation_not_held: m.escalation_not_held
};

export function refusal(error: unknown): string | null {
	if (error instanceof NotAllowed) return m.error_not_allowed();
	if (!(error instanceof postgres.PostgresError)) return null;
	if (error.hint === 'rate_limited') return m.error_posting_too_fast();
	if (error.hint && error.hint in reasons) return reasons[error.hint]();
	switch (error.code) {
		case '42501': // RLS or privilege: not allowed here
			return m.error_not_allowed();
		case '23514': // a check: too long, bad tag, wrong thread
		case '22001':
			return m.error_invalid_post();
		case '23505':
			return m.error_already_done();
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
