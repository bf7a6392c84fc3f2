import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import { editPostSchema } from '$lib/post-schemas';
import { attempt } from '$lib/server/data/db-errors';
import * as posts from '$lib/server/forum/posts';
import { requireMember, writtenUrl } from '$lib/server/data/request';
import type { Actions, PageServerLoad } from './$types';

async function ownPost(locals: App.Locals, id: string) {
	const { claims } = requireMember(locals);
	const postId = z.uuid().safeParse(id);
	const post = postId.success ? await posts.readOwn(claims, postId.data) : null;
	if (!post) error(404, m.error_post_not_found());
	return { claims, post };
}

export const load: PageServerLoad = async ({ locals, params }) => ({
	post: (await ownPost(locals, params.id)).post
});

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const { claims, post } = await ownPost(locals, params.id);
		const form = parseForm(editPostSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const edited = await attempt(() => posts.edit(claims, post.id, form.data.body));
		if (!edited.ok) return rejectForm(form.values, edited);
		redirect(303, writtenUrl(post.threadId, edited.value, post.id));
	}
};
