import { read } from '$lib/server/data/db';
import * as regions from '$lib/server/forum/regions';
import * as resources from '$lib/server/sharing/resources';
import { filterSchema } from '$lib/sharing-schemas';
import type { PageServerLoad } from './$types';

// Share and borrow: what verified organisations offer and ask for, by kind and region.
// The filter is a GET form, so the page needs no script.
export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	const filter = filterSchema.parse({
		kind: url.searchParams.get('kind') || null,
		region: url.searchParams.get('region') ?? ''
	});
	const [[offered, asked], regionChoices, acting] = await read(locals.claims, (tx) =>
		Promise.all([
			resources.list(locals.claims, filter, tx),
			regions.choices(locals.claims, false, tx),
			resources.actingOrganisation(locals.claims, tx)
		])
	);
	return { filter, resources: offered, requests: asked, regions: regionChoices, acting };
};
