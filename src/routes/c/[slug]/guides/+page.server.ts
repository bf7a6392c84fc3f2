import { m } from '$lib/paraglide/messages';
import { read } from '$lib/server/data/db';
import { found } from '$lib/server/data/request';
import * as communities from '$lib/server/forum/communities';
import * as guides from '$lib/server/forum/guides';
import type { PageServerLoad } from './$types';

// A community's guides, most helpful first; links only, so no script.
export const csr = false;

export const load: PageServerLoad = async ({ locals, params }) => {
	const [community, list] = await read(locals.claims, (tx) =>
		Promise.all([
			communities.read(locals.claims, params.slug, tx),
			guides.ofCommunity(locals.claims, params.slug, tx)
		])
	);
	return { community: found(community, m.error_community_not_found), guides: list };
};
