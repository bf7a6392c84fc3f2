// The topic radar's Frictionless Data package: the CSV beside it, its fields and licence.
import { json } from '@sveltejs/kit';
import { radarPackage } from '$lib/server/forum/open-data';
import * as topicRadar from '$lib/server/forum/topic-radar';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) =>
	json(radarPackage((await topicRadar.keptAt(locals.claims)) ?? new Date()));
