import { z } from 'zod';
import * as communities from '$lib/server/communities';
import { read } from '$lib/server/db';
import * as escalations from '$lib/server/escalations';
import { keysetPages } from '$lib/paths';
import { requireCounsellor } from '$lib/server/request';
import type { PageServerLoad } from './$types';

const filterSchema = z.object({
	community: z.uuid().optional().catch(undefined),
	priority: z.enum(escalations.priorities).optional().catch(undefined),
	state: z.enum([...escalations.states, 'active']).catch('active'),
	after: z.string().max(200).optional().catch(undefined)
});

export const load: PageServerLoad = async ({ locals, url }) => {
	const { claims } = requireCounsellor(locals);
	const filter = filterSchema.parse({
		community: url.searchParams.get('community') || undefined,
		priority: url.searchParams.get('priority') || undefined,
		state: url.searchParams.get('state') || undefined,
		after: url.searchParams.get('after') || undefined
	});
	const [queued, figures, all] = await read(claims, (tx) =>
		Promise.all([
			escalations.queue(
				claims,
				{
					communityId: filter.community,
					priority: filter.priority,
					state: filter.state,
					after: filter.after
				},
				tx
			),
			escalations.figures(claims, tx),
			communities.list(claims, {}, tx)
		])
	);
	return {
		filter,
		items: queued.items,
		total: queued.total,
		pages: keysetPages(url, queued.next),
		figures,
		communities: all
	};
};
