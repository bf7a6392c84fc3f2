import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import { attempt } from '$lib/server/data/db-errors';
import { found, idParam, requireMember } from '$lib/server/data/request';
import * as bookings from '$lib/server/sharing/bookings';
import { declineSchema } from '$lib/sharing-schemas';
import type { Actions, PageServerLoad } from './$types';

// A booking's page for both organisations' counsellors (and admins): the span, the
// message, its state; the owner confirms or declines, the borrower withdraws; a confirmed
// booking offers its calendar file.
export const csr = false;

const bookingId = (params: { id: string }) => idParam(params.id, m.booking_not_found);

export const load: PageServerLoad = async ({ locals, params }) => {
	const { claims } = requireMember(locals);
	return { booking: found(await bookings.page(claims, bookingId(params)), m.booking_not_found) };
};

/** A change of the booking; a refusal of a decline stands by its reason, any other above. */
async function act(change: () => Promise<void>, values: Record<string, string> = {}) {
	const done = await attempt(change);
	if (!done.ok) return rejectForm(values, { error: done.error, field: values.reason && 'reason' });
	return { done: 'decided' };
}

export const actions: Actions = {
	confirm: async ({ locals, params }) => {
		const { claims } = requireMember(locals);
		return act(() => bookings.decide(claims, bookingId(params), true, null));
	},
	decline: async ({ locals, params, request }) => {
		const { claims } = requireMember(locals);
		const form = parseForm(declineSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		return act(
			() => bookings.decide(claims, bookingId(params), false, form.data.reason),
			form.values
		);
	},
	withdraw: async ({ locals, params }) => {
		const { claims } = requireMember(locals);
		return act(() => bookings.withdraw(claims, bookingId(params)));
	}
};
