import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { attempt } from '$lib/server/data/db-errors';
import { found, idParam, requireMember } from '$lib/server/data/request';
import { saveServiceForm, serviceValues } from '$lib/server/directory/form';
import * as services from '$lib/server/directory/services';
import type { Actions, PageServerLoad } from './$types';

// Plain forms, whole without the app's script: none is sent, so no hydration can reset a
// topic ticked or a field filled before it would have loaded.
export const csr = false;

// Its keepers change a service (which confirms it), or take it out of the directory.
export const load: PageServerLoad = async ({ locals, params }) => {
	const { claims } = requireMember(locals);
	const id = idParam(params.id, m.service_not_found);
	const service = found(await services.read(claims, id), m.service_not_found);
	if (!service.mayKeep) error(403, m.service_keepers_only());
	return {
		service: { id, name: service.name, withdrawn: Boolean(service.withdrawnAt) },
		values: serviceValues(service)
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const { claims } = requireMember(locals);
		const id = idParam(params.id, m.service_not_found);
		const saved = await saveServiceForm(await request.formData(), async (input) => {
			await services.update(claims, id, input);
			return id;
		});
		if (!saved.ok) return saved.failure;
		redirect(303, `/s/${id}`);
	},
	withdraw: async ({ locals, params, request }) => {
		const { claims } = requireMember(locals);
		const id = idParam(params.id, m.service_not_found);
		const withdrawn = (await request.formData()).get('withdrawn') === 'true';
		const done = await attempt(() => services.withdraw(claims, id, withdrawn));
		if (!done.ok) return fail(400, { error: done.error });
		redirect(303, `/s/${id}`);
	}
};
