import { redirect } from '@sveltejs/kit';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import { read } from '$lib/server/data/db';
import { attempt } from '$lib/server/data/db-errors';
import { found, idParam, requireMember } from '$lib/server/data/request';
import * as bookings from '$lib/server/sharing/bookings';
import * as sharingPages from '$lib/server/sharing/pages';
import * as resources from '$lib/server/sharing/resources';
import { bookingSchema } from '$lib/sharing-schemas';
import type { Actions, PageServerLoad } from './$types';

// A resource's page: what it is, its confirmed bookings from today on (for counsellors of
// verified organisations), the form to ask to borrow it, and for its owner a way to stop
// offering it. Every action is a form, so no script is needed.
export const csr = false;

const resourceId = (params: { id: string }) => idParam(params.id, m.resource_not_found);

export const load: PageServerLoad = async ({ locals, params }) => {
	const [resource, acting] = await read(locals.claims, (tx) =>
		Promise.all([
			sharingPages.resource(locals.claims, resourceId(params), tx),
			resources.actingOrganisation(locals.claims, tx)
		])
	);
	return { resource: found(resource, m.resource_not_found), acting };
};

export const actions: Actions = {
	book: async ({ locals, params, request }) => {
		const { claims } = requireMember(locals);
		const form = parseForm(bookingSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const booked = await attempt(() => bookings.request(claims, resourceId(params), form.data));
		if (!booked.ok) return rejectForm(form.values, { error: booked.error });
		redirect(303, `/share/b/${booked.value}`);
	},
	withdraw: async ({ locals, params }) => {
		const { claims } = requireMember(locals);
		const done = await attempt(() => resources.withdraw(claims, resourceId(params)));
		if (!done.ok) return rejectForm({}, { error: done.error });
		return { done: 'withdrawn' };
	}
};
