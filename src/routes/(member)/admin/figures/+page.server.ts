import { figuresRange, monthsBack } from '$lib/figures-range';
import * as communityFigures from '$lib/server/forum/community-figures';
import { read } from '$lib/server/data/db';
import * as figures from '$lib/server/safeguarding/figures';
import { requireAdmin } from '$lib/server/data/request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { claims } = requireAdmin(locals);
	const range = figuresRange(url.searchParams, monthsBack(new Date(), 11));
	// In one read, sent together: one round trip.
	const [communities, rows] = await read(claims, (tx) =>
		Promise.all([
			communityFigures.read(claims, range.from, range.to, tx),
			figures.read(claims, range.from, range.to, tx)
		])
	);
	return { range, communities, rows };
};
