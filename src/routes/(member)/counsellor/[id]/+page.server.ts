import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { parseForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import type { Claims } from '$lib/server/db';
import { attempt } from '$lib/server/db-errors';
import * as escalations from '$lib/server/escalations';
import { found, requireCounsellor } from '$lib/server/request';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const id = (params: { id: string }) => z.uuid().safeParse(params.id).data ?? null;

export const load: PageServerLoad = async ({ locals, params }) => {
	const { claims } = requireCounsellor(locals);
	const itemId = id(params);
	const item = found(
		itemId ? await escalations.read(claims, itemId) : null,
		m.escalation_not_found
	);
	return { item };
};

const noteSchema = z.object({ body: z.string().trim().min(1).max(5000) });
const resolveSchema = z.object({
	outcome: z.enum(escalations.outcomes),
	service: z.string().trim().max(200).optional(),
	duplicateOf: z.union([z.literal(''), z.uuid()]).optional()
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
	if (!done.ok) return fail(409, { error: done.error });
	return done.value ? fail(400, { error: done.value }) : { done: true };
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
			const { outcome, service, duplicateOf } = resolution.data;
			await escalations.resolve(claims, itemId, outcome, {
				service: service || null,
				duplicateOf: duplicateOf || null
			});
		})
};
