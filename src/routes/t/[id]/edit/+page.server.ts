import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import { editThreadSchema } from '$lib/post-schemas';
import { attempt } from '$lib/server/data/db-errors';
import { requireMember, writtenUrl } from '$lib/server/data/request';
import * as threads from '$lib/server/forum/threads';
import type { Actions, PageServerLoad } from './$types';

async function ownThread(locals: App.Locals, id: string) {
	const { claims } = requireMember(locals);
	const threadId = z.uuid().safeParse(id);
	const thread = threadId.success ? await threads.read(claims, threadId.data) : null;
	if (!thread || !thread.isMine || thread.withdrawn) error(404, m.error_thread_not_found());
	return { claims, thread };
}

export const load: PageServerLoad = async ({ locals, params }) => ({
	thread: (await ownThread(locals, params.id)).thread
});

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const { claims, thread } = await ownThread(locals, params.id);
		const form = parseForm(editThreadSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const edited = await attempt(() => threads.edit(claims, thread.id, form.data));
		if (!edited.ok) return rejectForm(form.values, edited);
		redirect(303, writtenUrl(thread.id, edited.value));
	}
};
