import * as communities from '$lib/server/communities';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	communities: await communities.list(locals.claims)
});
