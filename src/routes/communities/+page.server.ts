import { z } from 'zod';
import { limits } from '$lib/limits';
import * as communities from '$lib/server/forum/communities';
import { read } from '$lib/server/data/db';
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
	// Both in one transaction, sent together: one round trip.
	const [list, regions] = await read(locals.claims, (tx) =>
		Promise.all([
			communities.list(locals.claims, filter, tx),
			communities.regions(locals.claims, tx)
		])
	);
	return { filter, communities: list, regions };
};
