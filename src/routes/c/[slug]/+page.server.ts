import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import * as communities from '$lib/server/communities';
import { found, requireMember, safeNext } from '$lib/server/request';
import * as threads from '$lib/server/threads';
import type { Actions, PageServerLoad } from './$types';

const querySchema = z.object({
	tab: z.enum(threads.tabs).catch('new'),
	after: z.string().max(200).nullable().catch(null)
});

async function communityOf(locals: App.Locals, slug: string) {
	return found(await communities.read(locals.claims, slug), m.error_community_not_found);
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const community = await communityOf(locals, params.slug);
	const { tab, after } = querySchema.parse({
		tab: url.searchParams.get('tab') ?? undefined,
		after: url.searchParams.get('after')
	});
	const [list, pinned] = await Promise.all([
		threads.listInCommunity(locals.claims, community.id, tab, after),
		after ? [] : threads.pinned(locals.claims, community.id)
	]);
	return { community, tab, after, pinned, ...list };
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
