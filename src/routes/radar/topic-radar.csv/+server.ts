// The topic radar as CSV, every community and month: open data under CC BY 4.0.
import { download } from '$lib/server/forum/csv';
import { radarCsv } from '$lib/server/forum/open-data';
import * as topicRadar from '$lib/server/forum/topic-radar';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) =>
	download(radarCsv(await topicRadar.cells(locals.claims)), 'topic-radar.csv');
