import { z } from 'zod';
import { limits } from '$lib/limits';
import * as communities from '$lib/server/forum/communities';
import type { PageServerLoad } from './$types';

const filterSchema = z.object({
	q: z.string().trim().max(limits.search.communityQueryMax).catch(''),
	region: z.string().trim().max(limits.community.regionMax).catch('')
});

export const load: PageServerLoad = async ({ locals, url }) => {
	const filter = filterSchema.parse({
		q: url.searchParams.get('q') ?? '',
		region: url.searchParams.get('region') ?? ''
	});
	const [list, regions] = await Promise.all([
		communities.list(locals.claims, filter),
		communities.regions(locals.claims)
	]);
	return { filter, communities: list, regions };
};
