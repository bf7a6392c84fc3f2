import { z } from 'zod';
import * as communities from '$lib/server/forum/communities';
import { read } from '$lib/server/data/db';
import * as escalations from '$lib/server/escalations';
import { keysetPages } from '$lib/paths';
import { requireCounsellor } from '$lib/server/data/request';
import { ServerOnly } from '$lib/server-only';
import type { PageServerLoad } from './$types';

const filterSchema = z.object({
	community: z.uuid().optional().catch(undefined),
	priority: z.enum(escalations.priorities).optional().catch(undefined),
	state: z.enum([...escalations.states, 'active']).catch('active'),
	mine: z.literal('1').optional().catch(undefined),
	after: z.string().max(200).optional().catch(undefined)
});

// The queue needs no hydration: the filters are a GET form, the items links, and its
// script of its own keeps it live (static/live-page.js). Without hydration the lists go
// out once, as HTML, not a second time as data (ServerOnly): half the page's weight.
export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	const { claims } = requireCounsellor(locals);
	const filter = filterSchema.parse({
		community: url.searchParams.get('community') || undefined,
		priority: url.searchParams.get('priority') || undefined,
		state: url.searchParams.get('state') || undefined,
		mine: url.searchParams.get('mine') || undefined,
		after: url.searchParams.get('after') || undefined
	});
	const shown: escalations.QueueFilter = {
		communityId: filter.community,
		priority: filter.priority,
		state: filter.state,
		mine: Boolean(filter.mine),
		after: filter.after
	};
	const [queued, figures, all, loads] = await read(claims, (tx) =>
		Promise.all([
			// The figures' open counts are the total where they can be (countedByFigures).
			escalations.queue(claims, shown, tx, !escalations.countedByFigures(shown)),
			escalations.figures(claims, tx),
			communities.names(claims, tx),
			escalations.loads(claims, null, tx)
		])
	);
	return {
		filter,
		items: new ServerOnly(queued.items),
		total: queued.total ?? escalations.activeTotal(figures, shown),
		pages: keysetPages(url, queued.next),
		figures: new ServerOnly(figures),
		communities: new ServerOnly(all),
		loads: new ServerOnly(loads)
	};
};
