// Forms that bring a community about (an admin's creation, a member's proposal) and its
// moderators' edit of what describes it.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

const name = z
	.string()
	.trim()
	.min(3, { error: () => m.error_community_name() })
	.max(80, { error: () => m.error_community_name() });
const description = z
	.string()
	.trim()
	.min(10, { error: () => m.error_community_description() })
	.max(1000, { error: () => m.error_community_description() });
const topic = z
	.string()
	.trim()
	.min(2, { error: () => m.error_community_topic() })
	.max(60, { error: () => m.error_community_topic() });
const region = z
	.string()
	.trim()
	.max(80, { error: () => m.error_community_region() })
	.transform((value) => value || null);
const rules = z
	.string()
	.trim()
	.max(4000, { error: () => m.error_community_rules() });
export const slug = z
	.string()
	.trim()
	.toLowerCase()
	.max(60, { error: () => m.error_community_slug() })
	.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: () => m.error_community_slug() });

export const proposalSchema = z.object({ name, description, topic, region });

export const communitySchema = proposalSchema.extend({
	slug,
	rules,
	moderator: z
		.string()
		.trim()
		.max(30)
		.transform((value) => value || null)
});

/** The description and rules a community's moderators and admins edit (settings page). */
export const textsSchema = z.object({ description, rules });
