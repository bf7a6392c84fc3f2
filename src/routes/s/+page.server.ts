import { directory } from '$lib/server/directory/page';
import type { PageServerLoad } from './$types';

// The help directory: services of verified organisations by topic, nearest first from a
// postcode or place. A GET form: it works without JavaScript and its address can be shared.
export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => directory(locals.claims, url);
