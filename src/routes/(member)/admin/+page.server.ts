import { requireAdmin } from '$lib/server/data/request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	requireAdmin(locals);
};
