import { figuresRange, monthsBack } from '$lib/figures-range';
import * as communityFigures from '$lib/server/community-figures';
import * as figures from '$lib/server/safeguarding-figures';
import { requireAdmin } from '$lib/server/request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { claims } = requireAdmin(locals);
	const range = figuresRange(url.searchParams, monthsBack(new Date(), 11));
	const [communities, rows] = await Promise.all([
		communityFigures.read(claims, range.from, range.to),
		figures.read(claims, range.from, range.to)
	]);
	return { range, communities, rows };
};
