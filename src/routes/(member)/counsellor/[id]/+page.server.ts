import { z } from 'zod';
import { limits } from '$lib/limits';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import type { Claims } from '$lib/server/data/db';
import { attempt } from '$lib/server/data/db-errors';
import * as escalations from '$lib/server/escalations';
import { found, requireCounsellor } from '$lib/server/data/request';
import * as directory from '$lib/server/directory/search';
import * as search from '$lib/server/forum/search';
import { similar } from '$lib/server/forum/similar';
import * as threads from '$lib/server/forum/threads';
import { threadIdFrom } from '$lib/thread-address';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const id = (params: { id: string }) => z.uuid().safeParse(params.id).data ?? null;
const duplicateQuery = z.string().trim().max(limits.search.queryMax).catch('');
// A postcode or place to find the service to refer to near it.
const nearQuery = z.string().trim().max(80).catch('');

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { claims } = requireCounsellor(locals);
	const itemId = id(params);
	const item = found(
		itemId ? await escalations.read(claims, itemId) : null,
		m.escalation_not_found
	);
	// The whole case on one page: the item, its question (read after the item, which names
	// it), the colleagues to hand it to, and the threads to pick as the one this duplicates:
	// those the counsellor searched for, else those whose titles resemble this one's. An
	// idea's or guide's item shows the texts that raised it (item.texts) and has no duplicate.
	// A referral picks its service from the directory, nearest first to the place searched.
	const q = duplicateQuery.parse(url.searchParams.get('dup') ?? '');
	const near = nearQuery.parse(url.searchParams.get('near') ?? '');
	const { threadId } = item;
	const resolving = item.state === 'claimed' && item.claimedByMe && threadId !== null;
	const [thread, colleagues, candidates, services] = await Promise.all([
		threadId ? threads.read(claims, threadId, undefined, locals.member) : null,
		escalations.loads(claims, item.id),
		resolving
			? q
				? search.threads(claims, { q }).then((found) => found.results)
				: similar(claims, item.title, { communityId: item.communityId })
			: [],
		item.state === 'claimed' && item.claimedByMe && near ? servicesNear(claims, near) : null
	]);
	return {
		item,
		thread: threadId ? found(thread, m.escalation_not_found) : null,
		colleagues,
		duplicateQuery: q,
		near,
		services,
		candidates: candidates.filter((thread) => thread.id !== threadId).slice(0, 10)
	};
};

/** The directory's services nearest the place; none for a place it does not know. */
async function servicesNear(claims: Claims, near: string) {
	const from = await directory.origin(claims, near);
	if (!from) return [];
	const found = await directory.nearest(claims, from, null);
	return found.slice(0, 8).map(({ id, name, organisationName, metres }) => ({
		id,
		name,
		organisationName,
		metres
	}));
}

const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.error_field_length({ max }) });
const { escalation } = limits;
const noteSchema = z.object({ body: z.string().trim().min(1).max(escalation.noteMax) });
const reasonSchema = z.object({ reason: text(escalation.handoverReasonMax).optional() });
const reassignSchema = z.object({
	assignee: z.uuid({ error: () => m.escalation_assignee_required() }),
	reason: text(escalation.handoverReasonMax).optional()
});
const resolveSchema = z.object({
	outcome: z.enum(escalations.outcomes, { error: () => m.escalation_outcome_required() }),
	serviceId: z.union([z.literal(''), z.uuid()]).optional(),
	service: text(escalation.referredServiceMax).optional(),
	contact: text(escalation.referredContactMax).optional(),
	note: text(escalation.resolutionNoteMax).optional(),
	duplicateOf: z.union([z.literal(''), z.uuid()]).optional(),
	duplicateAddress: text(escalation.duplicateAddressMax).optional()
});

type Step = (claims: Claims, itemId: string) => Promise<unknown>;

/**
 * One step on the item, its form parsed first. Bad input and the database's refusals
 * (someone else holds it, already resolved …) come back with the input kept.
 */
async function step<Schema extends z.ZodType>(
	event: RequestEvent,
	schema: Schema,
	run: (data: z.output<Schema>) => Step | { error: string; field?: string }
) {
	const { claims } = requireCounsellor(event.locals);
	const itemId = found(id(event.params), m.escalation_not_found);
	const form = parseForm(schema, await event.request.formData());
	if (!form.ok) return rejectForm(form.values, form);
	const planned = run(form.data);
	if (typeof planned !== 'function') return rejectForm(form.values, planned);
	const done = await attempt(() => planned(claims, itemId));
	return done.ok ? { done: true } : rejectForm(form.values, done);
}

const none = z.object({});

export const actions: Actions = {
	claim: (event) => step(event, none, () => escalations.claim),
	reopen: (event) => step(event, none, () => escalations.reopen),
	release: (event) =>
		step(
			event,
			reasonSchema,
			({ reason }) =>
				(claims, itemId) =>
					escalations.release(claims, itemId, reason || null)
		),
	reassign: (event) =>
		step(
			event,
			reassignSchema,
			({ assignee, reason }) =>
				(claims, itemId) =>
					escalations.reassign(claims, itemId, assignee, reason || null)
		),
	note: (event) =>
		step(event, noteSchema.catch({ body: '' }), ({ body }) =>
			body
				? (claims, itemId) => escalations.addNote(claims, itemId, body)
				: { error: m.escalation_note_required({ max: escalation.noteMax }), field: 'body' }
		),
	resolve: (event) =>
		step(event, resolveSchema, (form) => {
			// A thread picked from the suggestions, else the address pasted (or its id).
			const address = form.duplicateAddress ?? '';
			const duplicateOf = form.duplicateOf || (address ? threadIdFrom(address) : null);
			if (form.outcome === 'duplicate' && address && !form.duplicateOf && !duplicateOf)
				return { error: m.escalation_duplicate_address_invalid(), field: 'duplicateAddress' };
			return (claims, itemId) =>
				escalations.resolve(claims, itemId, form.outcome, {
					serviceId: form.serviceId || null,
					service: form.service || null,
					contact: form.contact || null,
					note: form.note || null,
					duplicateOf
				});
		})
};
