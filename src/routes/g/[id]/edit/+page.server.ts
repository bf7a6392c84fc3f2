import { error, redirect } from '@sveltejs/kit';
import { editGuideSchema } from '$lib/guide-schemas';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import { attempt } from '$lib/server/data/db-errors';
import { found, idParam, requireMember } from '$lib/server/data/request';
import * as guides from '$lib/server/forum/guides';
import type { Actions, PageServerLoad } from './$types';

// Editing a guide: written on the version the member read (basedOn). When someone else's
// edit came in between, the member's text stays in the form with the guide as it is now.
async function editable(locals: App.Locals, id: string) {
	const { claims } = requireMember(locals);
	const guide = found(
		await guides.guide(claims, idParam(id, m.guide_not_found)),
		m.guide_not_found
	);
	// Nobody edits a guide hidden or removed by the moderators; its moderators revert it.
	if (guide.held || guide.removed) error(404, m.guide_not_found());
	if (!guide.canEdit) error(403, m.guide_members_only());
	return { claims, guide };
}

export const load: PageServerLoad = async ({ locals, params }) => ({
	guide: (await editable(locals, params.id)).guide
});

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const { claims, guide } = await editable(locals, params.id);
		const form = parseForm(editGuideSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const { basedOn, ...text } = form.data;
		const edited = await attempt(() => guides.edit(claims, guide.id, basedOn, text));
		if (!edited.ok) return rejectForm(form.values, edited);
		redirect(303, `/g/${guide.id}${edited.value.crisis ? '?crisis=published' : ''}`);
	}
};
