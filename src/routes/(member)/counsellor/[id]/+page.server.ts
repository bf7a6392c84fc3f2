import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { parseForm } from '$lib/forms';
import { threadIdIn } from '$lib/paths';
import { m } from '$lib/paraglide/messages';
import type { Claims } from '$lib/server/db';
import { attempt } from '$lib/server/db-errors';
import * as escalations from '$lib/server/escalations';
import { found, requireCounsellor } from '$lib/server/request';
import * as search from '$lib/server/search';
import * as threads from '$lib/server/threads';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const id = (params: { id: string }) => z.uuid().safeParse(params.id).data ?? null;

// The words a counsellor searched for the thread this one duplicates.
const findSchema = z.string().trim().max(search.maxQueryLength).catch('');

// The whole case on one page: the item, its question, the posts that raised it, the
// thread's state, and (for a duplicate) the threads found by the counsellor's search.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { claims } = requireCounsellor(locals);
	const itemId = id(params);
	const find = findSchema.parse(url.searchParams.get('find') ?? '');
	const item = found(
		itemId ? await escalations.read(claims, itemId) : null,
		m.escalation_not_found
	);
	const thread = found(
		await threads.read(claims, item.threadId, undefined, locals.member),
		m.escalation_not_found
	);
	const candidates = find
		? (await search.threads(claims, { q: find })).results.filter(
				(result) => result.id !== item.threadId
			)
		: [];
	return { item, thread, find, candidates };
};

const noteSchema = z.object({ body: z.string().trim().min(1).max(5000) });
const resolveSchema = z.object({
	outcome: z.enum(escalations.outcomes),
	service: z.string().trim().max(200).optional(),
	// An id or a pasted address of the thread (threadIdIn), or a search result's id.
	duplicateOf: z.string().trim().max(500).optional(),
	duplicatePick: z.uuid().optional()
});

type Step = (claims: Claims, itemId: string, form: FormData) => Promise<string | void>;

/**
 * Runs one step on the item. A step returns a message for bad input; the database's
 * refusals (someone else holds it, already resolved …) are shown, not thrown.
 */
async function step(event: RequestEvent, run: Step) {
	const { claims } = requireCounsellor(event.locals);
	const itemId = found(id(event.params), m.escalation_not_found);
	const form = await event.request.formData();
	const done = await attempt(() => run(claims, itemId, form));
	// What was typed comes back with the error, so nothing is typed twice.
	const values = { service: form.get('service'), duplicateOf: form.get('duplicateOf') };
	if (!done.ok) return fail(409, { error: done.error, values });
	return done.value ? fail(400, { error: done.value, values }) : { done: true };
}

export const actions: Actions = {
	claim: (event) => step(event, (claims, itemId) => escalations.claim(claims, itemId)),
	release: (event) => step(event, (claims, itemId) => escalations.release(claims, itemId)),
	reopen: (event) => step(event, (claims, itemId) => escalations.reopen(claims, itemId)),
	note: (event) =>
		step(event, async (claims, itemId, form) => {
			const note = parseForm(noteSchema, form);
			if (!note.ok) return m.escalation_note_required();
			await escalations.addNote(claims, itemId, note.data.body);
		}),
	resolve: (event) =>
		step(event, async (claims, itemId, form) => {
			const resolution = parseForm(resolveSchema, form);
			if (!resolution.ok) return m.escalation_outcome_required();
			const { outcome, service, duplicateOf, duplicatePick } = resolution.data;
			const duplicateId = duplicateOf ? threadIdIn(duplicateOf) : (duplicatePick ?? null);
			if (duplicateOf && !duplicateId) return m.escalation_duplicate_invalid();
			await escalations.resolve(claims, itemId, outcome, {
				service: service || null,
				duplicateOf: duplicateId
			});
		})
};
