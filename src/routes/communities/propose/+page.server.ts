import { redirect } from '@sveltejs/kit';
import { proposalSchema } from '$lib/community-schemas';
import { parseForm, rejectForm } from '$lib/forms';
import * as communities from '$lib/server/forum/communities';
import { requireMember } from '$lib/server/data/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (!locals.member) redirect(303, `/signin?next=${encodeURIComponent(url.pathname)}`);
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const { claims } = requireMember(locals);
		const form = parseForm(proposalSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		await communities.propose(claims, form.data);
		return { proposed: true };
	}
};
