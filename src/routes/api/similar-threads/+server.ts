import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { similar, similarGuides } from '$lib/server/forum/similar';
import type { RequestHandler } from './$types';

// Asked while a question's title is typed (SimilarThreads.svelte); too short a
// title is not an error, it simply has no suggestions yet.
const querySchema = z.object({
	title: z.string().max(300),
	community: z.uuid().nullable()
});

export const GET: RequestHandler = async ({ locals, url }) => {
	const query = querySchema.safeParse({
		title: url.searchParams.get('title') ?? '',
		community: url.searchParams.get('community') || null
	});
	if (!query.success) return json({ error: 'invalid_request' }, { status: 400 });
	const options = { communityId: query.data.community };
	const [threads, guides] = await Promise.all([
		similar(locals.claims, query.data.title, options),
		similarGuides(locals.claims, query.data.title, options)
	]);
	// Per visitor (members may see what visitors do not, later), and briefly: new threads appear soon.
	return json({ threads, guides }, { headers: { 'cache-control': 'private, max-age=30' } });
};
