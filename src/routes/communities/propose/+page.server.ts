import { redirect } from '@sveltejs/kit';
import { proposalSchema } from '$lib/community-schemas';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import * as communities from '$lib/server/forum/communities';
import * as regions from '$lib/server/forum/regions';
import { requireMember } from '$lib/server/data/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.member) redirect(303, `/signin?next=${encodeURIComponent(url.pathname)}`);
	return { regions: await regions.choices(locals.claims) };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const { claims } = requireMember(locals);
		const form = parseForm(proposalSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		try {
			await communities.propose(claims, form.data);
		} catch (cause) {
			if (!regions.isUnknownRegion(cause)) throw cause;
			return rejectForm(form.values, { error: m.error_region_unknown(), field: 'region' });
		}
		return { proposed: true };
	}
};
