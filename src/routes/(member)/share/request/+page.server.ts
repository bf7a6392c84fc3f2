import { error, redirect } from '@sveltejs/kit';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import { read } from '$lib/server/data/db';
import { attempt } from '$lib/server/data/db-errors';
import { requireMember } from '$lib/server/data/request';
import * as regions from '$lib/server/forum/regions';
import * as resources from '$lib/server/sharing/resources';
import { requestSchema } from '$lib/sharing-schemas';
import type { Actions, PageServerLoad } from './$types';

// Posting a request (Gesuch) for what the counsellor's organisation lacks.
export const load: PageServerLoad = async ({ locals }) => {
	const { claims } = requireMember(locals);
	const [acting, regionChoices] = await read(claims, (tx) =>
		Promise.all([resources.actingOrganisation(claims, tx), regions.choices(claims, false, tx)])
	);
	if (!acting) error(403, m.sharing_organisations_only());
	return { regions: regionChoices };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const { claims } = requireMember(locals);
		const form = parseForm(requestSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const posted = await attempt(() => resources.ask(claims, form.data));
		if (!posted.ok) {
			const field = posted.error === m.error_region_unknown() ? 'region' : undefined;
			return rejectForm(form.values, { error: posted.error, field });
		}
		redirect(303, `/share/q/${posted.value}`);
	}
};
