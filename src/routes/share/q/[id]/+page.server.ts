import { m } from '$lib/paraglide/messages';
import { read } from '$lib/server/data/db';
import { attempt } from '$lib/server/data/db-errors';
import { rejectForm } from '$lib/forms';
import { found, idParam, requireMember } from '$lib/server/data/request';
import * as sharingPages from '$lib/server/sharing/pages';
import * as resources from '$lib/server/sharing/resources';
import type { Actions, PageServerLoad } from './$types';

// A request's page (Gesuch): what an organisation lacks, the resources offered in answer,
// the way to offer one, and for the asking organisation a way to mark it done.
export const csr = false;

const requestId = (params: { id: string }) => idParam(params.id, m.request_not_found);

export const load: PageServerLoad = async ({ locals, params }) => {
	const [request, acting] = await read(locals.claims, (tx) =>
		Promise.all([
			sharingPages.request(locals.claims, requestId(params), tx),
			resources.actingOrganisation(locals.claims, tx)
		])
	);
	return { request: found(request, m.request_not_found), acting };
};

export const actions: Actions = {
	close: async ({ locals, params }) => {
		const { claims } = requireMember(locals);
		const done = await attempt(() => resources.close(claims, requestId(params)));
		if (!done.ok) return rejectForm({}, { error: done.error });
		return { done: 'closed' };
	}
};
