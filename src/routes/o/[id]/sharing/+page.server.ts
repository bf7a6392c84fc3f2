import { m } from '$lib/paraglide/messages';
import { read } from '$lib/server/data/db';
import { found, idParam } from '$lib/server/data/request';
import * as organisations from '$lib/server/members/organisations';
import * as bookings from '$lib/server/sharing/bookings';
import type { PageServerLoad } from './$types';

// What an organisation lent and borrowed: its figures for everyone, the bookings themselves
// as the reader may see them (counsellors of verified organisations: the confirmed ones;
// its own counsellors: every state).
export const csr = false;

export const load: PageServerLoad = async ({ locals, params }) => {
	const id = idParam(params.id, m.organisation_not_found);
	const [organisation, figures, history] = await read(locals.claims, (tx) =>
		Promise.all([
			organisations.page(locals.claims, id, tx),
			bookings.figures(locals.claims, id, tx),
			bookings.history(locals.claims, id, tx)
		])
	);
	return {
		organisation: found(organisation, m.organisation_not_found),
		figures: found(figures, m.organisation_not_found),
		given: history.filter((booking) => booking.given),
		received: history.filter((booking) => !booking.given),
		signedIn: locals.claims !== null
	};
};
