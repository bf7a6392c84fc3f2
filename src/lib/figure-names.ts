// The safeguarding figures' column names, in the page's language: the page's table and
// the CSV use the same words (client-safe: no server code).
import { m } from '$lib/paraglide/messages';

export const figureNames = {
	items: m.figures_items,
	medianMinutesToClaim: m.figures_median_claim,
	medianMinutesToResolution: m.figures_median_resolution,
	percentResolvedWithinDue: m.figures_within_due,
	answeredPublicly: m.escalation_outcome_answered_publicly,
	referred: m.figures_referred,
	noAction: m.escalation_outcome_no_action,
	duplicate: m.escalation_outcome_duplicate,
	stillOpen: m.figures_still_open
};

/** The figures' columns, in their order. */
export const columns = Object.keys(figureNames) as (keyof typeof figureNames)[];

/** Month, community, then each figure. */
export const figureHeaders = () => [
	m.figures_month(),
	m.queue_community(),
	...Object.values(figureNames).map((name) => name())
];

// The community figures' column names, likewise.
export const communityFigureNames = {
	members: m.figures_members,
	newMembers: m.figures_new_members,
	questions: m.figures_questions,
	answered: m.figures_answered,
	percentAnswered: m.figures_percent_answered,
	medianMinutesToFirstAnswer: m.figures_median_first_answer
};

export const communityColumns = Object.keys(
	communityFigureNames
) as (keyof typeof communityFigureNames)[];

/** Month, community, then each community figure. */
export const communityFigureHeaders = () => [
	m.figures_month(),
	m.queue_community(),
	...Object.values(communityFigureNames).map((name) => name())
];
