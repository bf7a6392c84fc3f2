import { z } from 'zod';
import * as communities from '$lib/server/communities';
import * as moderation from '$lib/server/moderation';
import { requireMember } from '$lib/server/request';
import type { PageServerLoad } from './$types';

const filterSchema = z.object({
	community: z.string().max(60).optional().catch(undefined),
	state: z.enum(['open', 'resolved']).catch('open')
});

// One queue across the communities the member moderates, or one of them; RLS shows
// nothing of other communities, so a member who moderates none sees an empty page.
export const load: PageServerLoad = async ({ locals, url }) => {
	const { claims } = requireMember(locals);
	const filter = filterSchema.parse({
		community: url.searchParams.get('community') || undefined,
		state: url.searchParams.get('state') || undefined
	});
	const moderated = await communities.moderated(claims);
	const chosen = moderated.find((community) => community.slug === filter.community) ?? null;
	const [items, figures] = await Promise.all([
		moderation.queue(claims, { communityId: chosen?.id ?? null, state: filter.state }),
		moderation.figures(
			claims,
			(chosen ? [chosen] : moderated).map((community) => community.id)
		)
	]);
	return {
		items,
		figures,
		communities: moderated,
		chosen: chosen?.slug ?? null,
		state: filter.state
	};
};
