// Writing a guide from a question (and up to four more of its community): any member of
// the community drafts it; the database checks again who may and which questions count.
import { error, redirect } from '@sveltejs/kit';
import { citedMax, draftGuideSchema } from '$lib/guide-schemas';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import { attempt } from '$lib/server/data/db-errors';
import { found, idParam, requireMember } from '$lib/server/data/request';
import * as guides from '$lib/server/forum/guides';
import * as threads from '$lib/server/forum/threads';
import type { Actions, PageServerLoad } from './$types';

async function citable(locals: App.Locals, id: string) {
	const { claims } = requireMember(locals);
	const thread = found(
		await threads.read(claims, idParam(id, m.error_thread_not_found)),
		m.error_thread_not_found
	);
	if (thread.withdrawn || thread.held || thread.removed) error(404, m.error_thread_not_found());
	if (!thread.canTakePart) error(403, m.guide_members_only());
	// A guide carries its writer's name: its anonymous asker would be named (draft_guide refuses too).
	if (thread.isMine && thread.anonymous) error(403, m.guide_own_anonymous());
	return { claims, thread };
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const { thread } = await citable(locals, params.id);
	return { thread: { id: thread.id, title: thread.title, communityName: thread.communityName } };
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const { claims, thread } = await citable(locals, params.id);
		const form = parseForm(draftGuideSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const { citations, ...text } = form.data;
		const cited = [...new Set([thread.id, ...citations])];
		if (cited.length > citedMax)
			return rejectForm(form.values, { error: m.guide_threads_invalid() });
		const drafted = await attempt(() => guides.draft(claims, cited, text));
		if (!drafted.ok) return rejectForm(form.values, drafted);
		redirect(303, `/g/${drafted.value.id}${drafted.value.crisis ? '?crisis=published' : ''}`);
	}
};
