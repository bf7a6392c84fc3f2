// The topic radar as JSON records, the CSV's fields: open data under CC BY 4.0.
import { json } from '@sveltejs/kit';
import { radarJson } from '$lib/server/forum/open-data';
import * as topicRadar from '$lib/server/forum/topic-radar';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) =>
	json(radarJson(await topicRadar.cells(locals.claims)));
