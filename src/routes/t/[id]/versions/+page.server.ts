import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import * as versions from '$lib/server/versions';
import type { PageServerLoad } from './$types';

// Nothing to do on this page but read: no script.
export const csr = false;

/** The question's versions for its asker and the community's moderators; for anyone else no page. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const id = z.uuid().safeParse(params.id);
	const shown = id.success ? await versions.ofThread(locals.claims, id.data) : null;
	if (!shown) error(404, m.error_thread_not_found());
	return { shown };
};
