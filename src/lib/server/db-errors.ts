// Database refusals, told to the member in their language. The database decides
// (RLS, checks, triggers); this only names the reason.
import postgres from 'postgres';
import { m } from '$lib/paraglide/messages';

/** Thrown when a change touched nothing: RLS hid the row, so it is not the member's to change. */
export class NotAllowed extends Error {
	constructor() {
		super('Not allowed');
	}
}

export function refusal(error: unknown): string | null {
	if (error instanceof NotAllowed) return m.error_not_allowed();
	if (!(error instanceof postgres.PostgresError)) return null;
	if (error.hint === 'rate_limited') return m.error_posting_too_fast();
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
