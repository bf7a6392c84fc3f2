import { ideaListQuery } from '$lib/idea-schemas';
import { m } from '$lib/paraglide/messages';
import { read } from '$lib/server/data/db';
import { found } from '$lib/server/data/request';
import * as communities from '$lib/server/forum/communities';
import * as ideaPages from '$lib/server/forum/idea-pages';
import type { PageServerLoad } from './$types';

// A community's service ideas, by supports or newest, filtered by state (a GET form and
// links: no script needed).
export const csr = false;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const query = ideaListQuery.parse({
		sort: url.searchParams.get('sort') ?? undefined,
		state: url.searchParams.get('state') ?? undefined
	});
	const community = found(
		await communities.read(locals.claims, params.slug),
		m.error_community_not_found
	);
	const ideas = await read(locals.claims, (tx) =>
		ideaPages.ofCommunity(locals.claims, community.id, query, tx)
	);
	return { community, ideas, query };
};
