// "Ask it yourself" after a search found nothing: on to the chosen community's ask form,
// with the searched words as the title. The search page's form is a plain GET form, so
// its address cannot depend on the choice; this one does.
import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { limits } from '$lib/limits';
import type { RequestHandler } from './$types';

const querySchema = z.object({
	community: z.string().regex(/^[a-z0-9-]{1,60}$/),
	title: z.string().trim().max(limits.thread.titleMax).catch('')
});

export const GET: RequestHandler = ({ url }) => {
	const query = querySchema.safeParse({
		community: url.searchParams.get('community'),
		title: url.searchParams.get('title') ?? ''
	});
	if (!query.success) redirect(303, '/communities');
	const { community, title } = query.data;
	redirect(303, `/c/${community}/ask${title ? `?${new URLSearchParams({ title })}` : ''}`);
};
