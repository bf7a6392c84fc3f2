// Moderation figures per community: open and overdue items, time to a first action, actions.
import type { Claims, Tx } from '../data/db';
import { within } from '../data/db';
import type { Action } from './kinds';

export type Figures = {
	communityId: string;
	openItems: number;
	overdueItems: number;
	/** Median minutes from opening to a moderator's first action, last 30 days; null without items. */
	medianMinutesToFirstAction: number | null;
	actions: Partial<Record<Action, number>>;
};

/**
 * Figures for each of the given communities, in one query; null: every community the
 * member moderates, by name (so a page need not look them up first).
 */
export async function figures(claims: Claims, communityIds: string[] | null, tx?: Tx) {
	return within(
		claims,
		tx,
		(tx) => tx<Figures[]>`
		select c.id as "communityId", f.open_items as "openItems", f.overdue_items as "overdueItems",
			f.median_minutes_to_first_action as "medianMinutesToFirstAction", f.actions
		from ${
			communityIds
				? tx`unnest(${communityIds}::uuid[]) with ordinality as c(id, n)`
				: tx`(select c.id, row_number() over (order by c.name) as n from public.communities c
					join public.community_moderators cm on cm.community_id = c.id and cm.member_id = (select auth.uid())) c`
		}
		cross join lateral public.moderation_figures(c.id) f
		order by c.n`
	);
}
