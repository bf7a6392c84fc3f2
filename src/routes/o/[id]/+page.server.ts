import { m } from '$lib/paraglide/messages';
import { found, idParam } from '$lib/server/data/request';
import * as organisations from '$lib/server/members/organisations';
import type { PageServerLoad } from './$types';

// An organisation's public page: what it is, its counsellors, and the official answers
// and guide checks signed for it. Only verified organisations have one (RLS).
export const csr = false;

export const load: PageServerLoad = async ({ locals, params }) => {
	const id = idParam(params.id, m.organisation_not_found);
	return {
		organisation: found(await organisations.page(locals.claims, id), m.organisation_not_found)
	};
};
