// The topic radar (Themenradar): a community's open figures by month, as charts drawn on
// the server and as tables, with the downloads. No script is needed.
import { z } from 'zod';
import * as topicRadar from '$lib/server/forum/topic-radar';
import type { PageServerLoad } from './$types';

export const csr = false;

// A slug as communities have them; anything else shows the first community.
const slugSchema = z.string().regex(/^[a-z0-9-]{1,60}$/);

export const load: PageServerLoad = async ({ locals, url }) => {
	const communities = await topicRadar.communities(locals.claims);
	const asked = slugSchema.safeParse(url.searchParams.get('community'));
	const slug =
		asked.success && communities.some((community) => community.slug === asked.data)
			? asked.data
			: communities[0]?.slug;
	return {
		communities,
		radar: slug ? await topicRadar.ofCommunity(locals.claims, slug) : null
	};
};
