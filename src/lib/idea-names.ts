// Service ideas' official answer states, in the database's order (public.idea_state;
// enums.spec.ts holds them together), and their names in the interface.
import { m } from '$lib/paraglide/messages';

export const ideaStates = [
	'under_review',
	'accepted',
	'in_progress',
	'done',
	'not_possible'
] as const;
export type IdeaState = (typeof ideaStates)[number];

export const ideaStateNames: Record<IdeaState, () => string> = {
	under_review: m.idea_state_under_review,
	accepted: m.idea_state_accepted,
	in_progress: m.idea_state_in_progress,
	done: m.idea_state_done,
	not_possible: m.idea_state_not_possible
};

/** The list's filters: every idea, the open ones (no official answer), those awaiting one past the threshold, or a state. */
export const ideaFilters = ['all', 'open', 'awaiting', ...ideaStates] as const;
export type IdeaFilter = (typeof ideaFilters)[number];

export const ideaSorts = ['supports', 'new'] as const;
export type IdeaSort = (typeof ideaSorts)[number];
