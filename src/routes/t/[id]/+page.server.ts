import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import * as threads from '$lib/server/threads';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const id = z.uuid().safeParse(params.id);
	const thread = id.success ? await threads.read(locals.claims, id.data) : null;
	if (!thread) error(404, m.error_thread_not_found());
	return { thread };
};
