import { directory } from '$lib/server/directory/page';
import * as search from '$lib/server/directory/search';
import { tileSource } from '$lib/server/directory/tiles';
import type { PageServerLoad } from './$types';

// The directory on a map: the same services (and the local communities) as markers, the
// list beside it. Only this page loads the map library.
export const load: PageServerLoad = async ({ locals, url }) => {
	const [found, communities] = await Promise.all([
		directory(locals.claims, url),
		search.localCommunities(locals.claims)
	]);
	return { ...found, communities, tiles: tileSource() };
};
