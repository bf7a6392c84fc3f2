import { figuresRange, monthsBack } from '$lib/figures-range';
import * as figures from '$lib/server/safeguarding-figures';
import { requireAdmin } from '$lib/server/request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { claims } = requireAdmin(locals);
	const range = figuresRange(url.searchParams, monthsBack(new Date(), 11));
	return { range, rows: await figures.read(claims, range.from, range.to) };
};
