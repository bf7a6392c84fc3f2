import { z } from 'zod';
import { limits } from '$lib/limits';
import { regionKey } from '$lib/region-schemas';
import * as communities from '$lib/server/forum/communities';
import * as regions from '$lib/server/forum/regions';
import { read } from '$lib/server/data/db';
import type { PageServerLoad } from './$types';

const filterSchema = z.object({
	q: z.string().trim().max(limits.search.communityQueryMax).catch(''),
	region: regionKey.catch('')
});

export const load: PageServerLoad = async ({ locals, url }) => {
	const filter = filterSchema.parse({
		q: url.searchParams.get('q') ?? '',
		region: url.searchParams.get('region') ?? ''
	});
	// Both in one transaction, sent together: one round trip.
	const [list, choices] = await read(locals.claims, (tx) =>
		Promise.all([
			communities.list(locals.claims, filter, tx),
			regions.choices(locals.claims, true, tx)
		])
	);
	return { filter, communities: list, regions: choices };
};
