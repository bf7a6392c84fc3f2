// Who works an escalation: claim, release, reassign, and each counsellor's load.
import type { Claims, Tx } from '../db';
import { within } from '../db';

export async function claim(claims: Claims, id: string, tx?: Tx) {
	await within(claims, tx, (tx) => tx`select public.claim_escalation(${id})`);
}

/** Back to the queue; someone other than the holder gives a reason. */
export async function release(claims: Claims, id: string, reason: string | null = null, tx?: Tx) {
	await within(claims, tx, (tx) => tx`select public.release_escalation(${id}, ${reason})`);
}

/** To a colleague serving the community, or a duty lead; someone other than the holder gives a reason. */
export async function reassign(
	claims: Claims,
	id: string,
	assignee: string,
	reason: string | null = null,
	tx?: Tx
) {
	await within(
		claims,
		tx,
		(tx) => tx`select public.reassign_escalation(${id}, ${assignee}, ${reason})`
	);
}

export type Load = {
	memberId: string;
	pseudonym: string;
	dutyLead: boolean;
	/** Items the counsellor holds, of them urgent and overdue. */
	holding: number;
	urgent: number;
	overdue: number;
};

/**
 * Each counsellor's open load: colleagues serving the counsellor's communities, or, for
 * an item, those who may take it.
 */
export async function loads(claims: Claims, escalationId: string | null = null, tx?: Tx) {
	return within(
		claims,
		tx,
		(tx) => tx<Load[]>`
		select member_id as "memberId", pseudonym, duty_lead as "dutyLead", holding, urgent, overdue
		from public.counsellor_loads(${escalationId})`
	);
}
