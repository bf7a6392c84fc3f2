import { keysetPages } from '$lib/paths';
import * as audit from '$lib/server/safeguarding-audit';
import { requireAdmin } from '$lib/server/request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { claims } = requireAdmin(locals);
	const log = await audit.log(claims, url.searchParams.get('after'));
	return { entries: log.entries, pages: keysetPages(url, log.next) };
};
