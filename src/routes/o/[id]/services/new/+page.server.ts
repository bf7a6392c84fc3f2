import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { found, idParam, requireMember } from '$lib/server/data/request';
import { saveServiceForm } from '$lib/server/directory/form';
import * as services from '$lib/server/directory/services';
import * as organisations from '$lib/server/members/organisations';
import type { Actions, PageServerLoad } from './$types';

// Plain forms, whole without the app's script: none is sent, so no hydration can reset a
// topic ticked or a field filled before it would have loaded.
export const csr = false;

// A counsellor of the organisation (or an admin) adds one of its services.
export const load: PageServerLoad = async ({ locals, params }) => {
	const { claims } = requireMember(locals);
	const id = idParam(params.id, m.organisation_not_found);
	const organisation = found(await organisations.page(claims, id), m.organisation_not_found);
	return { organisation: { id: organisation.id, name: organisation.name } };
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const { claims } = requireMember(locals);
		const id = idParam(params.id, m.organisation_not_found);
		const saved = await saveServiceForm(await request.formData(), (input) =>
			services.add(claims, id, input)
		);
		if (!saved.ok) return saved.failure;
		redirect(303, `/s/${saved.id}`);
	}
};
