import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import * as communities from '$lib/server/communities';
import * as search from '$lib/server/search';
import type { PageServerLoad } from './$types';

// Whatever the address holds, the page answers: an unknown community or a broken
// cursor falls back to all communities and the first page; only an overlong query
// is worth telling the visitor about, with their input kept.
const querySchema = z.string().trim().max(search.maxQueryLength);
const filterSchema = z.object({
	community: z.string().max(60).nullable().catch(null),
	after: z.string().max(200).nullable().catch(null)
});

export const load: PageServerLoad = async ({ locals, url }) => {
	const all = await communities.list(locals.claims);
	const filter = filterSchema.parse({
		community: url.searchParams.get('community'),
		after: url.searchParams.get('after')
	});
	const community = all.find(({ slug }) => slug === filter.community) ?? null;
	const input = url.searchParams.get('q') ?? '';
	const page = {
		q: input,
		community: community?.slug ?? '',
		communities: all.map(({ slug, name }) => ({ slug, name })),
		error: null as string | null,
		results: null as search.Result[] | null,
		next: null as string | null
	};
	const q = querySchema.safeParse(input);
	if (!q.success)
		return { ...page, error: m.search_query_too_long({ max: search.maxQueryLength }) };
	if (!q.data) return page;
	const found = await search.threads(locals.claims, {
		q: q.data,
		communityId: community?.id,
		cursor: filter.after
	});
	return { ...page, q: q.data, ...found };
};
