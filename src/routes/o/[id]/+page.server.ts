import { m } from '$lib/paraglide/messages';
import { read } from '$lib/server/data/db';
import { found, idParam } from '$lib/server/data/request';
import * as services from '$lib/server/directory/services';
import * as organisations from '$lib/server/members/organisations';
import * as bookings from '$lib/server/sharing/bookings';
import type { PageServerLoad } from './$types';

// An organisation's public page: what it is, its counsellors, its services, the official
// answers and guide checks signed for it, and how much it lent and borrowed. Only verified
// organisations have one (RLS).
export const csr = false;

export const load: PageServerLoad = async ({ locals, params }) => {
	const id = idParam(params.id, m.organisation_not_found);
	const claims = locals.claims;
	const [organisation, offered, mayKeep, sharing] = await read(claims, (tx) =>
		Promise.all([
			organisations.page(claims, id, tx),
			services.listForOrganisation(claims, id, tx),
			claims ? services.keepsServicesOf(claims, id, tx) : false,
			bookings.figures(claims, id, tx)
		])
	);
	return {
		organisation: found(organisation, m.organisation_not_found),
		services: offered,
		mayKeep,
		sharing: sharing ?? { given: 0, received: 0, resources: 0 }
	};
};
