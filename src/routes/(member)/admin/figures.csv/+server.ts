// The safeguarding figures as CSV, for funders: the same rows as the page, the same
// suppression (done in SQL), the headers in the admin's language.
import { figuresRange, monthsBack } from '$lib/figures-range';
import { figureHeaders } from '$lib/figure-names';
import * as figures from '$lib/server/safeguarding-figures';
import { download } from '$lib/server/csv';
import { requireAdmin } from '$lib/server/request';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const { claims } = requireAdmin(locals);
	const range = figuresRange(url.searchParams, monthsBack(new Date(), 11));
	const rows = await figures.read(claims, range.from, range.to);
	return download(
		figures.csv(rows, figureHeaders()),
		`ratnetz-figures-${range.from}-${range.to}.csv`
	);
};
