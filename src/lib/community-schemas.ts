// Forms that bring a community about (an admin's creation, a member's proposal) and its
// moderators' edit of what describes it.
import { z } from 'zod';
import { limits } from '$lib/limits';
import { m } from '$lib/paraglide/messages';
import { optionalRegion as region } from '$lib/region-schemas';

const { community } = limits;

const name = z
	.string()
	.trim()
	.min(community.nameMin, {
		error: () => m.error_community_name({ min: community.nameMin, max: community.nameMax })
	})
	.max(community.nameMax, {
		error: () => m.error_community_name({ min: community.nameMin, max: community.nameMax })
	});
const description = z
	.string()
	.trim()
	.min(community.descriptionMin, {
		error: () =>
			m.error_community_description({
				min: community.descriptionMin,
				max: community.descriptionMax
			})
	})
	.max(community.descriptionMax, {
		error: () =>
			m.error_community_description({
				min: community.descriptionMin,
				max: community.descriptionMax
			})
	});
const topic = z
	.string()
	.trim()
	.min(community.topicMin, {
		error: () => m.error_community_topic({ min: community.topicMin, max: community.topicMax })
	})
	.max(community.topicMax, {
		error: () => m.error_community_topic({ min: community.topicMin, max: community.topicMax })
	});
const rules = z
	.string()
	.trim()
	.max(community.rulesMax, { error: () => m.error_community_rules({ max: community.rulesMax }) });
/** Also said when an admin's address for a proposed community is refused. */
export const slugMessage = () => m.error_community_slug({ max: community.slugMax });
export const slug = z
	.string()
	.trim()
	.toLowerCase()
	.max(community.slugMax, { error: slugMessage })
	.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: slugMessage });

export const proposalSchema = z.object({ name, description, topic, region });

export const communitySchema = proposalSchema.extend({
	slug,
	rules,
	moderator: z
		.string()
		.trim()
		.max(limits.member.pseudonymMax)
		.transform((value) => value || null)
});

/** The description and rules a community's moderators and admins edit (settings page). */
export const textsSchema = z.object({ description, rules });
