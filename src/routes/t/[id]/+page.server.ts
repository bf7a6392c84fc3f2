import { error, fail, redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import { answerSchema } from '$lib/post-schemas';
import { attempt } from '$lib/server/db-errors';
import * as posts from '$lib/server/posts';
import { requireMember } from '$lib/server/request';
import * as threads from '$lib/server/threads';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const threadId = (params: { id: string }) => {
	const id = z.uuid().safeParse(params.id);
	if (!id.success) error(404, m.error_thread_not_found());
	return id.data;
};

export const load: PageServerLoad = async ({ locals, params }) => {
	const id = threadId(params);
	const [thread, answers] = await Promise.all([
		threads.read(locals.claims, id),
		posts.listInThread(locals.claims, id)
	]);
	if (!thread) error(404, m.error_thread_not_found());
	// A fresh key per answer form: a double submit creates one post.
	return { thread, answers, idempotencyKey: randomUUID() };
};

/** Toggles and choices: one id and an on/off from a button. */
const choiceSchema = z.object({
	postId: z.uuid().optional(),
	on: z.enum(['true', 'false']).optional()
});

async function choice(event: RequestEvent) {
	const { claims } = requireMember(event.locals);
	const form = choiceSchema.safeParse(Object.fromEntries(await event.request.formData()));
	if (!form.success) error(400, m.error_unexpected());
	return {
		claims,
		id: threadId(event.params),
		postId: form.data.postId ?? null,
		on: form.data.on === 'true'
	};
}

async function act(change: () => Promise<unknown>) {
	const done = await attempt(change);
	return done.ok ? null : fail(403, { error: done.error });
}

export const actions: Actions = {
	answer: async (event) => {
		const { claims } = requireMember(event.locals);
		const form = parseForm(answerSchema, await event.request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const answered = await attempt(() => posts.answer(claims, threadId(event.params), form.data));
		if (!answered.ok) return rejectForm(form.values, answered);
		redirect(303, `/t/${event.params.id}#post-${answered.value}`);
	},
	accept: async (event) => {
		const { claims, id, postId, on } = await choice(event);
		return act(() => threads.accept(claims, id, on ? postId : null));
	},
	helpful: async (event) => {
		const { claims, postId, on } = await choice(event);
		if (!postId) error(400, m.error_unexpected());
		return act(() => posts.setHelpful(claims, postId, on));
	},
	meToo: async (event) => {
		const { claims, id, on } = await choice(event);
		return act(() => threads.setMeToo(claims, id, on));
	},
	follow: async (event) => {
		const { claims, id, on } = await choice(event);
		return act(() => threads.setFollow(claims, id, on));
	},
	withdrawThread: async (event) => {
		const { claims, id } = await choice(event);
		return act(() => threads.withdraw(claims, id));
	},
	withdrawPost: async (event) => {
		const { claims, postId } = await choice(event);
		if (!postId) error(400, m.error_unexpected());
		return act(() => posts.withdraw(claims, postId));
	}
};
