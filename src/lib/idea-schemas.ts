// Service ideas: one zod schema per form and for the list's query. Title and text as a
// question's (post-schemas.ts), the reasons and threshold as limits.ts says.
import { z } from 'zod';
import { ideaFilters, ideaSorts, ideaStates } from '$lib/idea-names';
import { limits } from '$lib/limits';
import { m } from '$lib/paraglide/messages';
import { body, title } from '$lib/post-schemas';

const idempotencyKey = z.uuid({ error: () => m.error_form_expired() });

export const proposeIdeaSchema = z.object({ title, body, idempotencyKey });

export const ideaPostSchema = z.object({ body, idempotencyKey });

const reasonsError = () =>
	m.idea_reasons_length({ min: limits.idea.reasonsMin, max: limits.idea.reasonsMax });

export const officialAnswerSchema = z.object({
	state: z.enum(ideaStates, { error: () => m.idea_state_required() }),
	reasons: z
		.string()
		.trim()
		.min(limits.idea.reasonsMin, { error: reasonsError })
		.max(limits.idea.reasonsMax, { error: reasonsError })
});

const { supportThresholdMin: min, supportThresholdMax: max } = limits.idea;
export const thresholdSchema = z.object({
	threshold: z.coerce
		.number({ error: () => m.idea_threshold_invalid({ min, max }) })
		.int({ error: () => m.idea_threshold_invalid({ min, max }) })
		.min(min, { error: () => m.idea_threshold_invalid({ min, max }) })
		.max(max, { error: () => m.idea_threshold_invalid({ min, max }) })
});

/** The list's address: ?sort=…&state=…; anything else reads as the default. */
export const ideaListQuery = z.object({
	sort: z.enum(ideaSorts).catch('supports'),
	state: z.enum(ideaFilters).catch('all')
});
