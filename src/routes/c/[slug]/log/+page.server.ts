import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import * as communities from '$lib/server/communities';
import * as moderation from '$lib/server/moderation';
import { found } from '$lib/server/request';
import type { PageServerLoad } from './$types';

// Older pages: the time and id of the last entry shown.
const beforeSchema = z
	.object({ at: z.iso.datetime({ offset: true }), id: z.string().regex(/^\d{1,18}$/) })
	.nullable()
	.catch(null);

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const community = found(
		await communities.read(locals.claims, params.slug),
		m.error_community_not_found
	);
	// Members of the community read its log; everyone else is asked to join.
	if (!locals.claims || !(community.joined || community.moderates)) {
		return { community, entries: null, next: null };
	}
	const before = beforeSchema.parse(
		url.searchParams.has('before')
			? { at: url.searchParams.get('before'), id: url.searchParams.get('id') }
			: null
	);
	const entries = await moderation.log(
		locals.claims,
		community.id,
		before && { at: new Date(before.at), id: before.id }
	);
	const last = entries.at(-1);
	return {
		community,
		entries,
		next:
			entries.length === 50 && last
				? `?before=${encodeURIComponent(last.at.toISOString())}&id=${last.id}`
				: null
	};
};
