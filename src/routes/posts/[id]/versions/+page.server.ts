import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import * as versions from '$lib/server/versions';
import type { PageServerLoad } from './$types';

// Nothing to do on this page but read: no script.
export const csr = false;

/** An answer's or reply's versions for its author and the community's moderators; for anyone else no page. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const id = z.uuid().safeParse(params.id);
	const shown = id.success ? await versions.ofPost(locals.claims, id.data) : null;
	if (!shown) error(404, m.error_post_not_found());
	return { id: id.data, shown };
};
