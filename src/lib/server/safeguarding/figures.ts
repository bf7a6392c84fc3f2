// Safeguarding figures for admins and funders, per community and month: response times,
// the share resolved within the due time, outcomes and referrals. Suppressed in SQL
// (public.escalation_figures): a figure of fewer than 10 items comes as null, shown "< 10".
import { columns } from '$lib/figure-names';
import type { Claims, Tx } from '../data/db';
import { reading } from '../data/db';
import { figuresCsv } from '../forum/csv';

export type MonthFigures = {
	/** YYYY-MM, the month the items were opened (Berlin time). */
	month: string;
	communityName: string;
	items: number | null;
	medianMinutesToClaim: number | null;
	medianMinutesToResolution: number | null;
	percentResolvedWithinDue: number | null;
	answeredPublicly: number | null;
	referred: number | null;
	noAction: number | null;
	duplicate: number | null;
	stillOpen: number | null;
};

/** Months from `first` to `last` (YYYY-MM), newest first. Admins only (the function checks). */
export async function read(claims: Claims, first: string, last: string, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<MonthFigures[]>`
		select to_char(month, 'YYYY-MM') as month, community_name as "communityName", items,
			median_minutes_to_claim as "medianMinutesToClaim", median_minutes_to_resolution as "medianMinutesToResolution",
			percent_resolved_within_due as "percentResolvedWithinDue", answered_publicly as "answeredPublicly",
			referred, no_action as "noAction", duplicate, still_open as "stillOpen"
		from public.escalation_figures(${first + '-01'}::date, ${last + '-01'}::date)`
	);
}

/** The figures as CSV, headers as given; suppressed figures as "< 10". */
export const csv = (rows: MonthFigures[], headers: string[]) =>
	figuresCsv(rows, headers, columns, '< 10');
