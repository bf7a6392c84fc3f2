import { redirect } from '@sveltejs/kit';
import { parseForm, rejectForm } from '$lib/forms';
import { organisationSchema } from '$lib/organisation-schemas';
import { m } from '$lib/paraglide/messages';
import { read } from '$lib/server/data/db';
import { attempt } from '$lib/server/data/db-errors';
import * as regions from '$lib/server/forum/regions';
import { requireAdmin } from '$lib/server/data/request';
import * as organisations from '$lib/server/members/organisations';
import type { Actions, PageServerLoad } from './$types';

// The admins' organisations: every one, unverified first, and the form that adds one
// (verified on its own page, where its counsellors are added).
export const load: PageServerLoad = async ({ locals }) => {
	const { claims } = requireAdmin(locals);
	const [all, regionChoices] = await read(claims, (tx) =>
		Promise.all([organisations.list(claims, tx), regions.choices(claims, false, tx)])
	);
	return { organisations: all, regions: regionChoices };
};

export const actions: Actions = {
	add: async ({ locals, request }) => {
		const { claims } = requireAdmin(locals);
		const form = parseForm(organisationSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const added = await attempt(() => organisations.add(claims, form.data));
		if (!added.ok) {
			const field = added.error === m.error_region_unknown() ? 'region' : 'name';
			return rejectForm(form.values, { error: added.error, field });
		}
		redirect(303, `/admin/organisations/${added.value}?added`);
	}
};
