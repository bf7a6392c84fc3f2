// The safeguarding audit: every change of crisis policy, due times, waiting time, crisis
// words, helplines and staffed hours, with who (as they were called then) and when, and
// the old and new values. Written by triggers in the database; admins read it (RLS).
import * as cursor from './cursor';
import type { Claims } from './db';
import { transaction } from './db';

export type Subject = 'community_settings' | 'crisis_word' | 'helpline' | 'staffed_hours';
export type AuditEntry = {
	id: string;
	at: Date;
	/** The pseudonym at the time; null: the system. */
	actor: string | null;
	subject: Subject;
	action: 'added' | 'changed' | 'removed';
	/** A community's name, the word, the helpline's German name, the weekday (1–7). */
	label: string;
	/** Only what changed. */
	oldValue: Record<string, unknown> | null;
	newValue: Record<string, unknown> | null;
};

/** A page of entries, newest first; `after` a page's position (cursor.ts). */
export async function log(claims: Claims, after: string | null = null) {
	const from = cursor.decode(after);
	const rows = await transaction(
		claims,
		(tx) => tx<(AuditEntry & { sortedAt: string })[]>`
		select id::text, at, actor_pseudonym as actor, subject, action, label, old_value as "oldValue",
			new_value as "newValue", to_json(at) #>> '{}' as "sortedAt"
		from public.safeguarding_audit
		${from ? tx`where (at, id) < (${from.at}::text::timestamptz, ${from.id}::text::bigint)` : tx``}
		order by at desc, id desc limit ${cursor.pageSize + 1}`
	);
	const page = cursor.paged(rows);
	return { entries: page.rows, next: page.next };
}
