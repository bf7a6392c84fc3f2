// How the communities live, for admins, per community and month: members, questions,
// the share with a peer answer and the median time to the first (public.community_figures,
// which checks that the reader is an admin).
import { communityColumns } from '$lib/figure-names';
import type { Claims, Tx } from '../data/db';
import { reading } from '../data/db';
import { figuresCsv } from './csv';

export type CommunityMonth = {
	/** YYYY-MM (Berlin time). */
	month: string;
	communityName: string;
	members: number;
	newMembers: number;
	questions: number;
	answered: number;
	/** Null without questions. */
	percentAnswered: number | null;
	/** Null without answered questions. */
	medianMinutesToFirstAnswer: number | null;
};

/** Months from `first` to `last` (YYYY-MM), newest first, each community that existed then. */
export async function read(claims: Claims, first: string, last: string, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<CommunityMonth[]>`
		select to_char(month, 'YYYY-MM') as month, community_name as "communityName", members,
			new_members as "newMembers", questions, answered, percent_answered as "percentAnswered",
			median_minutes_to_first_answer as "medianMinutesToFirstAnswer"
		from public.community_figures(${first + '-01'}::date, ${last + '-01'}::date)`
	);
}

/** The figures as CSV, headers as given; a figure there is none of stays empty. */
export const csv = (rows: CommunityMonth[], headers: string[]) =>
	figuresCsv(rows, headers, communityColumns, '');
