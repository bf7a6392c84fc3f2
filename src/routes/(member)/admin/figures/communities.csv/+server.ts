// The community figures as CSV: the same rows as the page, the headers in the admin's language.
import { figuresRange, monthsBack } from '$lib/figures-range';
import { communityFigureHeaders } from '$lib/figure-names';
import * as communityFigures from '$lib/server/community-figures';
import { download } from '$lib/server/csv';
import { requireAdmin } from '$lib/server/request';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const { claims } = requireAdmin(locals);
	const range = figuresRange(url.searchParams, monthsBack(new Date(), 11));
	const rows = await communityFigures.read(claims, range.from, range.to);
	return download(
		communityFigures.csv(rows, communityFigureHeaders()),
		`ratnetz-communities-${range.from}-${range.to}.csv`
	);
};
