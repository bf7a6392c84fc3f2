import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { attempt } from '$lib/server/data/db-errors';
import { found, idParam, requireMember } from '$lib/server/data/request';
import * as services from '$lib/server/directory/services';
import type { Actions, PageServerLoad } from './$types';

// Plain forms, whole without the app's script: none is sent, so no hydration can reset a
// topic ticked or a field filled before it would have loaded.
export const csr = false;

// A service's page: what, where, when, in which languages, how to reach it, and when it
// was last confirmed; its keepers confirm it here.
export const load: PageServerLoad = async ({ locals, params }) => {
	const id = idParam(params.id, m.service_not_found);
	return { service: found(await services.read(locals.claims, id), m.service_not_found) };
};

export const actions: Actions = {
	confirm: async ({ locals, params }) => {
		const { claims } = requireMember(locals);
		const id = idParam(params.id, m.service_not_found);
		const done = await attempt(() => services.confirm(claims, id));
		if (!done.ok) return fail(400, { error: done.error });
		return { done: 'confirmed' };
	}
};
