// The family's side: what the asker sees of the professionals' work on their thread.
import type { Claims, Tx } from '../data/db';
import { within } from '../data/db';
import type { ServiceSummary } from '../directory/services';
import type { Outcome, Priority, State } from './kinds';

/**
 * The professional side of a thread as its asker sees it (and the counsellors serving
 * its community): the item being worked with its due time, else its latest outcome.
 * Null for everyone else, and for a thread that never had an item.
 */
export type ProfessionalHelp = {
	state: State;
	priority: Priority;
	dueAt: Date;
	outcome: Outcome | null;
	referredService: string | null;
	referredContact: string | null;
	/** The directory's service referred to, while families can see it: its hours and contact now. */
	service: ServiceSummary | null;
	resolutionNote: string | null;
	/** The thread it duplicates, when readers can see it. */
	duplicate: { id: string; title: string } | null;
	/** The newest professional answer, for "answered publicly". */
	professionalPostId: string | null;
	resolvedAt: Date | null;
	/** When the counselling service is next staffed, while it is not (staffed hours); else null. */
	nextStaffedAt: Date | null;
};

export async function professionalHelp(
	claims: Claims,
	threadId: string,
	tx?: Tx
): Promise<ProfessionalHelp | null> {
	const [row] = await within(
		claims,
		tx,
		(tx) => tx<
			(Omit<ProfessionalHelp, 'duplicate' | 'service'> & {
				duplicateOf: string | null;
				duplicateTitle: string | null;
				service: ServiceSummary | null;
			})[]
		>`
		select h.state, h.priority, h.due_at as "dueAt", h.outcome, h.referred_service as "referredService",
			h.referred_contact as "referredContact", h.resolution_note as "resolutionNote",
			h.duplicate_of as "duplicateOf", h.duplicate_title as "duplicateTitle",
			h.professional_post_id as "professionalPostId", h.resolved_at as "resolvedAt",
			case when h.state <> 'resolved' then public.next_staffed_at() end as "nextStaffedAt",
			(select to_jsonb(s) from public.service_summary(h.referred_service_id) s) as service
		from public.asker_escalation(${threadId}) h`
	);
	if (!row) return null;
	const { duplicateOf, duplicateTitle, ...help } = row;
	return {
		...help,
		duplicate: duplicateOf && duplicateTitle ? { id: duplicateOf, title: duplicateTitle } : null
	};
}
