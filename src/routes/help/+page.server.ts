import * as helplines from '$lib/server/safeguarding/helplines';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	helplines: await helplines.list(locals.claims)
});
