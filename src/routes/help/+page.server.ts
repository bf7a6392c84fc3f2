import * as helplines from '$lib/server/helplines';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	helplines: await helplines.list(locals.claims)
});
