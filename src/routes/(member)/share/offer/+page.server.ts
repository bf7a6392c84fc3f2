import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import { read } from '$lib/server/data/db';
import { attempt } from '$lib/server/data/db-errors';
import { requireMember } from '$lib/server/data/request';
import * as regions from '$lib/server/forum/regions';
import * as sharingPages from '$lib/server/sharing/pages';
import * as resources from '$lib/server/sharing/resources';
import { offerSchema } from '$lib/sharing-schemas';
import type { Actions, PageServerLoad } from './$types';

// Offering a resource for the counsellor's organisation, perhaps in answer to a request
// (?request=<id>). Only counsellors of a verified organisation offer (the database checks).
export const load: PageServerLoad = async ({ locals, url }) => {
	const { claims } = requireMember(locals);
	const answers = z.uuid().safeParse(url.searchParams.get('request')).data ?? null;
	const [acting, regionChoices, request] = await read(claims, (tx) =>
		Promise.all([
			resources.actingOrganisation(claims, tx),
			regions.choices(claims, false, tx),
			answers ? sharingPages.request(claims, answers, tx) : null
		])
	);
	if (!acting) error(403, m.sharing_organisations_only());
	return { regions: regionChoices, answers: request && !request.closed ? request : null };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const { claims } = requireMember(locals);
		const form = parseForm(offerSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const offered = await attempt(() => resources.offer(claims, form.data));
		if (!offered.ok) {
			const field = offered.error === m.error_region_unknown() ? 'region' : undefined;
			return rejectForm(form.values, { error: offered.error, field });
		}
		redirect(303, `/share/r/${offered.value}`);
	}
};
