import { error, fail, redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { limits } from '$lib/limits';
import { parseForm, rejectForm } from '$lib/forms';
import { postPath } from '$lib/paths';
import { m } from '$lib/paraglide/messages';
import { answerSchema } from '$lib/post-schemas';
import { read } from '$lib/server/data/db';
import { attempt } from '$lib/server/data/db-errors';
import * as escalations from '$lib/server/escalations';
import * as communities from '$lib/server/forum/communities';
import * as helplines from '$lib/server/safeguarding/helplines';
import * as moderation from '$lib/server/moderation';
import * as ownFlags from '$lib/server/moderation/own-flags';
import { moderate, type ModerationKind } from '$lib/server/moderation/forms';
import * as posts from '$lib/server/forum/posts';
import { renderedAnswer } from '$lib/server/forum/rendered-answers';
import { ServerOnly } from '$lib/server-only';
import * as safeguarding from '$lib/server/safeguarding';
import { crisisWritten, requireMember, writtenUrl } from '$lib/server/data/request';
import * as guides from '$lib/server/forum/guides';
import * as threads from '$lib/server/forum/threads';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const threadId = (params: { id: string }) => {
	const id = z.uuid().safeParse(params.id);
	if (!id.success) error(404, m.error_thread_not_found());
	return id.data;
};

// The thread page needs no JavaScript: every action is a form, and its HTML is all
// server-rendered, kept answers included (rendered-answers.ts). Without hydration no
// page data goes out a second time as script, so a long thread stays light to send.
export const csr = false;

// Just written with crisis words, or just reported as a crisis: the writer (the reporter) sees
// the helplines at once. The link says so only to them: anyone else it is shared with sees
// nothing, as the page asks the database whose post it is and who reported it.
const reportedSchema = z.enum(['', 'crisis']).nullable().catch(null);
// Which answers: a page number, or the page that shows a post (links to a post carry it,
// and a reply link the answer whose reply form it opens).
const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);
const postSchema = z.uuid().nullable().catch(null);

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const id = threadId(params);
	const crisis = crisisWritten(url);
	const reported = reportedSchema.parse(url.searchParams.get('reported'));
	const replyTo = postSchema.parse(url.searchParams.get('reply'));
	const at = {
		page: pageSchema.parse(url.searchParams.get('page') ?? undefined),
		postId: replyTo ?? postSchema.parse(url.searchParams.get('post'))
	};
	// One transaction, its queries sent together with begin and commit: one round trip. What only
	// some readers need is asked only for them, as the session check found them: the
	// community's checks of counsellors and moderators (threads.read), the suspension here of
	// a suspended member, the communities a moderator may move it to.
	const [thread, shown, lines, reportedByMe, mySuspension, moveTargets, help, cited] = await read(
		locals.claims,
		(tx) =>
			Promise.all([
				threads.read(locals.claims, id, tx, locals.member),
				posts.readPage(locals.claims, id, at, tx),
				// Members too: whether the asker waits out of hours is known only from this read,
				// and a second one would cost a round trip (and did, every evening).
				crisis || reported === 'crisis' || locals.claims ? helplines.list(locals.claims, tx) : [],
				// Thanks (and for a crisis the helplines) only for who reported: a shared link shows nothing.
				reported === null || !locals.claims
					? false
					: ownFlags.reported(
							locals.claims,
							{ threadId: id, postId: at.postId, reason: reported || undefined },
							tx
						),
				locals.member?.suspended
					? moderation.mySuspension(locals.claims, { threadId: id }, tx)
					: null,
				locals.claims && locals.member?.moderates
					? communities.moveTargets(locals.claims, id, tx)
					: [],
				// The professional side, for the asker and the counsellors only (the database decides).
				locals.claims ? escalations.professionalHelp(locals.claims, id, tx) : null,
				guides.ofThread(locals.claims, id, tx)
			])
	);
	if (!thread) error(404, m.error_thread_not_found());
	// Waiting while nobody is on duty: the helplines go with the notice that says so.
	const waitingOutOfHours = Boolean(help?.nextStaffedAt);
	const shownHelplines = crisis || reported === 'crisis' || waitingOutOfHours ? lines : [];
	const suspension = thread.canTakePart ? mySuspension : null;
	const written = at.postId
		? shown.answers
				.flatMap((answer) => [answer, ...answer.replies])
				.find((post) => post.id === at.postId)
		: thread;
	// Each answer with its HTML as kept (rendered-answers.ts); moderators' forms show refused
	// attempts, so theirs are rendered on the page (html null).
	const answers = shown.answers.map((answer) => ({
		answer,
		html: thread.canModerate
			? null
			: renderedAnswer(
					{
						answer,
						threadId: id,
						signedIn: Boolean(locals.claims),
						// A suspended member may not vote or report: their answers show no such buttons.
						canTakePart: thread.canTakePart && !suspension,
						canAccept: thread.isMine
					},
					shown.version
				)
	}));
	return {
		thread,
		answers: new ServerOnly(answers),
		pages: { page: shown.page, count: shown.pageCount, answers: shown.answerCount },
		crisis: crisis && written?.isMine ? (written.held ? 'held' : 'published') : null,
		replyTo,
		// Held without crisis words: waiting for a moderator's approval. Told only to its
		// writer: a shared link shows nothing.
		held: url.searchParams.has('held') && Boolean(written?.isMine && written.held),
		// Back from the report page (t/[id]/report); a crisis report is told what happens next.
		reported: reportedByMe ? (reported === 'crisis' ? 'crisis' : 'other') : null,
		helplines: shownHelplines,
		guides: cited,
		help,
		suspension,
		moveTargets,
		// A fresh key per answer form: a double submit creates one post.
		idempotencyKey: randomUUID()
	};
};

const flagSchema = z.object({ note: z.string().trim().max(limits.flag.noteMax).optional() });
const revealSchema = z.object({
	postId: z.union([z.literal(''), z.uuid()]).optional(),
	reason: z
		.string()
		.trim()
		.min(limits.escalation.revealReasonMin)
		.max(limits.escalation.revealReasonMax)
});

/** Toggles and choices: one id and an on/off from a button. */
const choiceSchema = z.object({
	postId: z.uuid().optional(),
	on: z.enum(['true', 'false']).optional()
});

async function choice(event: RequestEvent) {
	const { claims } = requireMember(event.locals);
	const form = parseForm(choiceSchema, await event.request.formData());
	if (!form.ok) error(400, m.error_unexpected());
	return {
		claims,
		id: threadId(event.params),
		postId: form.data.postId ?? null,
		on: form.data.on === 'true'
	};
}

/** A moderator acting from the thread page: on the thread, or on the post named in the form. */
async function moderateHere(event: RequestEvent, kind: ModerationKind) {
	const { claims } = requireMember(event.locals);
	const formData = await event.request.formData();
	const postId = z
		.uuid()
		.optional()
		.safeParse(formData.get('postId') || undefined);
	if (!postId.success) error(400, m.error_unexpected());
	const target = { threadId: threadId(event.params), postId: postId.data ?? null };
	return (await moderate(claims, kind, formData, target, null)) ?? { done: kind };
}

/** Done: back to where the reader acted (the page has no script to stay in place). */
async function act(change: () => Promise<unknown>, threadId: string, postId: string | null) {
	const done = await attempt(change);
	if (!done.ok) return fail(403, { error: done.error });
	redirect(303, postPath(threadId, postId));
}

export const actions: Actions = {
	answer: async (event) => {
		const { claims } = requireMember(event.locals);
		const form = parseForm(answerSchema, await event.request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const answered = await attempt(() => posts.answer(claims, threadId(event.params), form.data));
		if (!answered.ok) return rejectForm(form.values, answered);
		redirect(303, writtenUrl(event.params.id, answered.value, answered.value.id));
	},
	accept: async (event) => {
		const { claims, id, postId, on } = await choice(event);
		return act(() => threads.accept(claims, id, on ? postId : null), id, postId);
	},
	helpful: async (event) => {
		const { claims, id, postId, on } = await choice(event);
		if (!postId) error(400, m.error_unexpected());
		return act(() => posts.setHelpful(claims, postId, on), id, postId);
	},
	meToo: async (event) => {
		const { claims, id, on } = await choice(event);
		return act(() => threads.setMeToo(claims, id, on), id, null);
	},
	follow: async (event) => {
		const { claims, id, on } = await choice(event);
		return act(() => threads.setFollow(claims, id, on), id, null);
	},
	withdrawThread: async (event) => {
		const { claims, id } = await choice(event);
		return act(() => threads.withdraw(claims, id), id, null);
	},
	undoThread: async (event) => {
		const { claims, id } = await choice(event);
		return act(() => threads.undoWithdrawal(claims, id), id, null);
	},
	flag: async (event) => {
		const { claims } = requireMember(event.locals);
		const form = parseForm(flagSchema, await event.request.formData());
		if (!form.ok) return fail(400, { error: m.error_flag_note({ max: limits.flag.noteMax }) });
		const flagged = await attempt(() =>
			escalations.flag(
				claims,
				{ threadId: threadId(event.params) },
				{ note: form.data.note ?? null }
			)
		);
		return flagged.ok ? { flagged: true } : fail(409, { error: flagged.error });
	},
	remove: (event) => moderateHere(event, 'remove'),
	restore: (event) => moderateHere(event, 'restore'),
	lock: (event) => moderateHere(event, 'lock'),
	unlock: (event) => moderateHere(event, 'unlock'),
	pin: (event) => moderateHere(event, 'pin'),
	unpin: (event) => moderateHere(event, 'unpin'),
	move: (event) => moderateHere(event, 'move'),
	reveal: async (event) => {
		const { claims } = requireMember(event.locals);
		const form = parseForm(revealSchema, await event.request.formData());
		if (!form.ok)
			return fail(400, {
				error: m.error_reveal_reason({
					min: limits.escalation.revealReasonMin,
					max: limits.escalation.revealReasonMax
				})
			});
		const id = threadId(event.params);
		const target = form.data.postId ? { postId: form.data.postId } : { threadId: id };
		const revealed = await attempt(() =>
			safeguarding.revealAuthor(claims, target, form.data.reason)
		);
		if (!revealed.ok) return fail(403, { error: revealed.error });
		return {
			revealed: { target: form.data.postId || id, pseudonym: revealed.value ?? m.deleted_member() }
		};
	},
	release: async (event) => {
		const { claims, id, postId } = await choice(event);
		return act(
			() => safeguarding.releaseHeld(claims, postId ? { postId } : { threadId: id }),
			id,
			postId
		);
	},
	withdrawPost: async (event) => {
		const { claims, id, postId } = await choice(event);
		if (!postId) error(400, m.error_unexpected());
		return act(() => posts.withdraw(claims, postId), id, postId);
	},
	undoPost: async (event) => {
		const { claims, id, postId } = await choice(event);
		if (!postId) error(400, m.error_unexpected());
		return act(() => posts.undoWithdrawal(claims, postId), id, postId);
	}
};
