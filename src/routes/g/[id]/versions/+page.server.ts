import { error, fail } from '@sveltejs/kit';
import { versionSchema } from '$lib/guide-schemas';
import { m } from '$lib/paraglide/messages';
import { read } from '$lib/server/data/db';
import { attempt } from '$lib/server/data/db-errors';
import { found, idParam, requireMember } from '$lib/server/data/request';
import * as guides from '$lib/server/forum/guides';
import type { Actions, PageServerLoad } from './$types';

// Every version of a guide, for everyone who can read it; moderators bring one back.
export const csr = false;

export const load: PageServerLoad = async ({ locals, params }) => {
	const id = idParam(params.id, m.guide_not_found);
	const [guide, versions] = await read(locals.claims, (tx) =>
		Promise.all([guides.guide(locals.claims, id, tx), guides.versions(locals.claims, id, tx)])
	);
	return { guide: found(guide, m.guide_not_found), versions };
};

export const actions: Actions = {
	revert: async ({ locals, params, request }) => {
		const { claims } = requireMember(locals);
		const form = versionSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) error(400, m.error_unexpected());
		const id = idParam(params.id, m.guide_not_found);
		const reverted = await attempt(() => guides.revert(claims, id, form.data.number));
		return reverted.ok ? { reverted: form.data.number } : fail(409, { error: reverted.error });
	}
};
