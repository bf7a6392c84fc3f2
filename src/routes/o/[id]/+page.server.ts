import { m } from '$lib/paraglide/messages';
import { read } from '$lib/server/data/db';
import { found, idParam } from '$lib/server/data/request';
import * as organisations from '$lib/server/members/organisations';
import * as bookings from '$lib/server/sharing/bookings';
import type { PageServerLoad } from './$types';

// An organisation's public page: what it is, its counsellors, and the official answers
// and guide checks signed for it, and how much it lent and borrowed. Only verified
// organisations have one (RLS).
export const csr = false;

export const load: PageServerLoad = async ({ locals, params }) => {
	const id = idParam(params.id, m.organisation_not_found);
	const [organisation, sharing] = await read(locals.claims, (tx) =>
		Promise.all([
			organisations.page(locals.claims, id, tx),
			bookings.figures(locals.claims, id, tx)
		])
	);
	return {
		organisation: found(organisation, m.organisation_not_found),
		sharing: sharing ?? { given: 0, received: 0, resources: 0 }
	};
};
