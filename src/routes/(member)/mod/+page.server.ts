import { z } from 'zod';
import { limits } from '$lib/limits';
import * as communities from '$lib/server/forum/communities';
import { read } from '$lib/server/data/db';
import * as moderation from '$lib/server/moderation';
import { keysetPages } from '$lib/paths';
import { requireMember } from '$lib/server/data/request';
import type { PageServerLoad } from './$types';

const filterSchema = z.object({
	community: z.string().max(limits.community.slugMax).optional().catch(undefined),
	state: z.enum(['open', 'resolved']).catch('open'),
	after: z.string().max(200).optional().catch(undefined)
});

// One queue across the communities the member moderates, or one of them; RLS shows
// nothing of other communities, so a member who moderates none sees an empty page.
export const load: PageServerLoad = async ({ locals, url }) => {
	const { claims } = requireMember(locals);
	const filter = filterSchema.parse({
		community: url.searchParams.get('community') || undefined,
		state: url.searchParams.get('state') || undefined,
		after: url.searchParams.get('after') || undefined
	});
	// Communities, items and figures in one transaction, sent together: the queue by
	// slug, so nothing waits for the list of communities (an unknown one has no items).
	const [moderated, queued, figures] = await read(claims, (tx) =>
		Promise.all([
			communities.moderated(claims, tx),
			moderation.queue(
				claims,
				{ communitySlug: filter.community ?? null, state: filter.state, after: filter.after },
				tx
			),
			moderation.figures(claims, null, tx)
		])
	);
	const chosen = moderated.find((community) => community.slug === filter.community) ?? null;
	return {
		live: ['moderation'],
		items: queued.items,
		pages: keysetPages(url, queued.next),
		figures: chosen ? figures.filter((figure) => figure.communityId === chosen.id) : figures,
		communities: moderated,
		chosen: chosen?.slug ?? null,
		state: filter.state
	};
};
