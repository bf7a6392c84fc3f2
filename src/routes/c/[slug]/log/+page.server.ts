import { m } from '$lib/paraglide/messages';
import * as communities from '$lib/server/forum/communities';
import * as moderation from '$lib/server/moderation';
import { found } from '$lib/server/data/request';
import { keysetPages } from '$lib/paths';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const community = found(
		await communities.read(locals.claims, params.slug),
		m.error_community_not_found
	);
	// Members of the community read its log; everyone else is asked to join.
	if (!locals.claims || !(community.joined || community.moderates)) {
		return { community, entries: null, pages: null };
	}
	const { entries, next } = await moderation.log(
		locals.claims,
		community.id,
		url.searchParams.get('after')
	);
	return { community, entries, pages: keysetPages(url, next) };
};
