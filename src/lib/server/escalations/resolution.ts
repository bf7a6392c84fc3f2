// How an escalation ends, and how it opens again.
import type { Claims, Tx } from '../data/db';
import { within } from '../data/db';
import type { Outcome } from './kinds';

/**
 * What the asker is told: a referral names the service and how to reach it (or picks it
 * from the help directory, `serviceId`), a duplicate the thread it duplicates, "no action" why.
 */
export type Resolution = {
	serviceId?: string | null;
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
				${detail.contact ?? null}, ${detail.note ?? null}, ${detail.serviceId ?? null})`
	);
}

export async function reopen(claims: Claims, id: string, reason: string | null = null, tx?: Tx) {
	await within(claims, tx, (tx) => tx`select public.reopen_escalation(${id}, ${reason})`);
}
