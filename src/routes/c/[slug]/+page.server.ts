import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import * as communities from '$lib/server/forum/communities';
import * as regions from '$lib/server/forum/regions';
import { read } from '$lib/server/data/db';
import { safeNext } from '$lib/safe-next';
import { found, requireMember } from '$lib/server/data/request';
import * as threads from '$lib/server/forum/threads';
import type { Actions, PageServerLoad } from './$types';

const querySchema = z.object({
	tab: z.enum(threads.tabs).catch('new'),
	after: z.string().max(200).nullable().catch(null)
});

async function communityOf(locals: App.Locals, slug: string) {
	return found(await communities.read(locals.claims, slug), m.error_community_not_found);
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { tab, after } = querySchema.parse({
		tab: url.searchParams.get('tab') ?? undefined,
		after: url.searchParams.get('after')
	});
	// Community, pinned and listed threads in one transaction, sent together.
	const [community, list, pinned, related] = await read(locals.claims, (tx) =>
		Promise.all([
			communities.read(locals.claims, params.slug, tx),
			threads.listInCommunity(locals.claims, params.slug, tab, after, tx),
			after ? [] : threads.pinned(locals.claims, params.slug, tx),
			regions.related(locals.claims, params.slug, tx)
		])
	);
	return {
		community: found(community, m.error_community_not_found),
		tab,
		after,
		pinned,
		related,
		...list
	};
};

export const actions: Actions = {
	join: async ({ locals, params, request }) => {
		const { claims } = requireMember(locals);
		await communities.join(claims, (await communityOf(locals, params.slug)).id);
		const redirectTo = (await request.formData()).get('redirectTo');
		if (redirectTo) redirect(303, safeNext(redirectTo));
		return { joined: true };
	},
	leave: async ({ locals, params }) => {
		const { claims } = requireMember(locals);
		await communities.leave(claims, (await communityOf(locals, params.slug)).id);
		return { left: true };
	}
};
