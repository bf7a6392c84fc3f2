import { randomUUID } from 'node:crypto';
import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { parseForm, rejectForm } from '$lib/forms';
import { ideaPostSchema, officialAnswerSchema } from '$lib/idea-schemas';
import { limits } from '$lib/limits';
import { m } from '$lib/paraglide/messages';
import { attempt } from '$lib/server/data/db-errors';
import { read } from '$lib/server/data/db';
import { crisisWritten, found, idParam, requireMember } from '$lib/server/data/request';
import * as helplines from '$lib/server/safeguarding/helplines';
import * as ideaPages from '$lib/server/forum/idea-pages';
import * as ideas from '$lib/server/forum/ideas';
import { moderationReason } from '$lib/server/moderation/reason';
import type { Actions, PageServerLoad } from './$types';

// A service idea's page: the text, the support button with its count, the official answers
// (newest first) and the posts; the counsellors' answer form and the moderators' forms.
// Every action is a form, so no script is needed.
export const csr = false;

const ideaId = (params: { id: string }) => idParam(params.id, m.idea_not_found);

const { reasonMin, reasonMax } = limits.moderation;
const removalSchema = z.object({
	reason: z
		.string({ error: moderationReason })
		.trim()
		.min(reasonMin, { error: moderationReason })
		.max(reasonMax, { error: moderationReason }),
	postId: z.uuid().optional()
});

export const load: PageServerLoad = async ({ locals, params, url }) => {
	// After crisis words, the writer's helplines (their counsellors were alerted).
	const crisis = crisisWritten(url);
	const [idea, lines] = await read(locals.claims, (tx) =>
		Promise.all([
			ideaPages.idea(locals.claims, ideaId(params), tx),
			crisis ? helplines.list(locals.claims, tx) : []
		])
	);
	return {
		idea: found(idea, m.idea_not_found),
		crisis: crisis !== null,
		helplines: lines,
		// A fresh key per form: a post sent twice is written once.
		idempotencyKey: randomUUID()
	};
};

/** One of the page's forms: parsed, run, and refused with its kind, so the page shows the refusal beside it. */
async function submit<Schema extends z.ZodType>(
	request: Request,
	schema: Schema,
	kind: string,
	run: (data: z.output<Schema>) => Promise<unknown>
) {
	const form = parseForm(schema, await request.formData());
	const values = { ...form.values, kind };
	if (!form.ok) return rejectForm(values, form);
	const done = await attempt(() => run(form.data));
	return done.ok ? { done: kind } : rejectForm(values, done);
}

export const actions: Actions = {
	support: async ({ locals, params, request }) => {
		const { claims } = requireMember(locals);
		const on = (await request.formData()).get('on') === 'true';
		const done = await attempt(() => ideas.support(claims, ideaId(params), on));
		return done.ok ? null : rejectForm({ kind: 'support' }, done);
	},
	post: async ({ locals, params, request }) => {
		const { claims } = requireMember(locals);
		const id = ideaId(params);
		let crisis = false;
		const result = await submit(request, ideaPostSchema, 'post', async (post) => {
			crisis = (await ideas.comment(claims, id, post)).crisis;
		});
		if (crisis) redirect(303, `/i/${id}?crisis=published`);
		return result;
	},
	answer: ({ locals, params, request }) => {
		const { claims } = requireMember(locals);
		return submit(request, officialAnswerSchema, 'answer', (statement) =>
			ideas.answer(claims, ideaId(params), statement)
		);
	},
	remove: ({ locals, params, request }) => {
		const { claims } = requireMember(locals);
		return submit(request, removalSchema, 'remove', ({ reason, postId }) =>
			postId
				? ideas.removeComment(claims, postId, reason)
				: ideas.remove(claims, ideaId(params), reason)
		);
	},
	restore: ({ locals, params, request }) => {
		const { claims } = requireMember(locals);
		return submit(request, z.object({}), 'restore', () => ideas.restore(claims, ideaId(params)));
	}
};
