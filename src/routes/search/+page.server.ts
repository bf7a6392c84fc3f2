import { z } from 'zod';
import { limits } from '$lib/limits';
import { m } from '$lib/paraglide/messages';
import * as communities from '$lib/server/forum/communities';
import { read } from '$lib/server/data/db';
import { ServerOnly } from '$lib/server-only';
import * as guides from '$lib/server/forum/guides';
import * as search from '$lib/server/forum/search';
import type { PageServerLoad } from './$types';

// Whatever the address holds, the page answers: an unknown community or a broken
// cursor falls back to all communities and the first page; only an overlong query
// is worth telling the visitor about, with their input kept.
const querySchema = z.string().trim().max(limits.search.queryMax);
const filterSchema = z.object({
	community: z.string().max(limits.community.slugMax).nullable().catch(null),
	after: z.string().max(200).nullable().catch(null)
});

// The search needs no JavaScript: its forms are plain GET forms and its results links. Without
// hydration no script goes out (the page data, hashed for the Content-Security-Policy), and
// the results and communities, only rendered, are not even serialized (ServerOnly): that
// was a third of the page's server time.
export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	const filter = filterSchema.parse({
		community: url.searchParams.get('community'),
		after: url.searchParams.get('after')
	});
	const input = url.searchParams.get('q') ?? '';
	const q = querySchema.safeParse(input);
	// The communities and the results in one transaction, sent together.
	const query = q.success && q.data ? q.data : null;
	const [all, inCommunity, guidesFound] = await read(locals.claims, (tx) =>
		Promise.all([
			communities.names(locals.claims, tx),
			query
				? search.threads(
						locals.claims,
						{ q: query, communitySlug: filter.community, cursor: filter.after },
						tx
					)
				: null,
			// Guides come first, on the first page only.
			query && !filter.after ? guides.found(locals.claims, query, filter.community, tx) : []
		])
	);
	const community = all.find(({ slug }) => slug === filter.community) ?? null;
	// Only an address naming an unknown community costs a second search.
	const found =
		query && filter.community && !community
			? await search.threads(locals.claims, { q: query, cursor: filter.after })
			: inCommunity;
	const page = {
		q: input,
		community: community?.slug ?? '',
		communities: new ServerOnly(all.map(({ slug, name }) => ({ slug, name }))),
		// Where "ask it yourself" suggests asking: the community searched, else the first joined.
		askIn: community?.slug ?? all.find(({ joined }) => joined)?.slug ?? '',
		error: null as string | null,
		guides: new ServerOnly(guidesFound),
		results: null as ServerOnly<search.Result[]> | null,
		next: null as string | null,
		suggestion: null as string | null
	};
	if (!q.success)
		return { ...page, error: m.search_query_too_long({ max: limits.search.queryMax }) };
	if (!found) return page;
	return { ...page, q: q.data, ...found, results: new ServerOnly(found.results) };
};
