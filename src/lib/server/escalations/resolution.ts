// How an escalation ends, and how it opens again.
import type { Claims, Tx } from '../db';
import { within } from '../db';
import type { Outcome } from './kinds';

/**
 * What the asker is told: a referral names the service and how to reach it, a duplicate
 * the thread it duplicates, "no action" why.
 */
export type Resolution = {
	service?: string | null;
	contact?: string | null;
	duplicateOf?: string | null;
	note?: string | null;
};

export async function resolve(
	claims: Claims,
	id: string,
	outcome: Outcome,
	detail: Resolution = {},
	tx?: Tx
) {
	await within(
		claims,
		tx,
		(tx) =>
			tx`select public.resolve_escalation(${id}, ${outcome}, ${detail.service ?? null}, ${detail.duplicateOf ?? null},
				${detail.contact ?? null}, ${detail.note ?? null})`
	);
}

export async function reopen(claims: Claims, id: string, reason: string | null = null, tx?: Tx) {
	await within(claims, tx, (tx) => tx`select public.reopen_escalation(${id}, ${reason})`);
}
