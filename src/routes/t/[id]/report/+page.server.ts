// Reporting a thread or one of its posts to the community's moderators: a page of its
// own, linked from each post, so a long thread does not carry a form for every post.
import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { limits } from '$lib/limits';
import { shownAuthor } from '$lib/authors';
import { parseForm, rejectForm } from '$lib/forms';
import { reportReasons } from '$lib/moderation-names';
import { m } from '$lib/paraglide/messages';
import { postPath } from '$lib/paths';
import type { Claims } from '$lib/server/data/db';
import { read } from '$lib/server/data/db';
import { attempt } from '$lib/server/data/db-errors';
import * as escalations from '$lib/server/escalations';
import * as moderation from '$lib/server/moderation';
import * as posts from '$lib/server/forum/posts';
import { requireMember } from '$lib/server/data/request';
import * as threads from '$lib/server/forum/threads';
import type { Actions, PageServerLoad } from './$types';

const reportSchema = z.object({
	reason: z.enum(reportReasons, { error: () => m.error_flag_reason() }),
	note: z
		.string()
		.trim()
		.max(limits.flag.noteMax, { error: () => m.error_flag_note({ max: limits.flag.noteMax }) })
		.optional()
});

/** The thread and, when the link names one, the post being reported; 404 for anything else. */
async function target(claims: Claims, params: { id: string }, url: URL, suspended = false) {
	const threadId = z.uuid().safeParse(params.id);
	const postId = z.uuid().nullable().safeParse(url.searchParams.get('post'));
	if (!threadId.success || !postId.success) error(404, m.error_thread_not_found());
	const [thread, shown, suspension] = await read(claims, (tx) =>
		Promise.all([
			threads.read(claims, threadId.data, tx),
			postId.data ? posts.readPage(claims, threadId.data, { postId: postId.data }, tx) : null,
			suspended ? moderation.mySuspension(claims, { threadId: threadId.data }, tx) : null
		])
	);
	const post =
		shown?.answers
			.flatMap((answer) => [answer, ...answer.replies])
			.find((each) => each.id === postId.data) ?? null;
	if (!thread || thread.withdrawn || (postId.data && (!post || post.withdrawn)))
		error(404, m.error_thread_not_found());
	return { thread, post, suspension };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	// A visitor following a report link signs in first and comes back, as on members' pages.
	if (!locals.member)
		redirect(303, `/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
	const { claims, member } = requireMember(locals);
	const { thread, post, suspension } = await target(claims, params, url, member.suspended);
	return {
		// A suspended member may not report here: told so instead of a form.
		suspension,
		thread: { id: thread.id, title: thread.title, bodyHtml: thread.bodyHtml },
		post: post && {
			id: post.id,
			author: shownAuthor(post),
			bodyHtml: post.bodyHtml
		}
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		const { claims } = requireMember(locals);
		const { thread, post } = await target(claims, params, url);
		const form = parseForm(reportSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const { reason, note } = form.data;
		const reported = await attempt(() =>
			escalations.flag(claims, post ? { postId: post.id } : { threadId: thread.id }, {
				reason,
				note: note || null
			})
		);
		if (!reported.ok) return rejectForm(form.values, reported);
		// A crisis report goes to the counsellors as urgent: the reporter is told so, with the helplines.
		const query = new URLSearchParams({ reported: reason === 'crisis' ? 'crisis' : '' });
		redirect(303, postPath(thread.id, post?.id ?? null, query));
	}
};
