import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as communities from '$lib/server/communities';
import * as threads from '$lib/server/threads';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const community = await communities.read(locals.claims, params.slug);
	if (!community) error(404, m.error_community_not_found());
	return { community, threads: await threads.listInCommunity(locals.claims, community.id) };
};
