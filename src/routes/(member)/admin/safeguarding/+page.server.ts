import { z } from 'zod';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import * as crisisWords from '$lib/server/crisis-words';
import { attempt } from '$lib/server/db-errors';
import * as helplines from '$lib/server/helplines';
import { requireAdmin } from '$lib/server/request';
import { keysetPages } from '$lib/paths';
import * as safeguarding from '$lib/server/safeguarding';
import type { Actions, PageServerLoad } from './$types';

const text = (max: number, min = 0) =>
	z
		.string()
		.trim()
		.min(min, { error: () => m.error_field_length({ max }) })
		.max(max, { error: () => m.error_field_length({ max }) });
const helplineSchema = z.object({
	name: text(120, 2),
	phone: text(120, 3),
	description: text(500),
	hours: text(120),
	position: z.coerce.number().int().min(0).max(1000).catch(100)
});
// A crisis word has a category unless it marks a harmless context or phrase.
const wordSchema = z
	.object({
		word: text(500, 2),
		language: z.enum(['de', 'en']),
		kind: z.enum(crisisWords.kinds),
		category: z
			.union([z.literal(''), z.enum(crisisWords.categories)])
			.transform((category) => category || null)
	})
	.refine(
		(word) =>
			(word.category === null) ===
			(word.kind === 'harmless_context' || word.kind === 'harmless_phrase'),
		{ path: ['category'], error: () => m.error_crisis_word_category() }
	);
const idSchema = z.object({ id: z.uuid() });

export const load: PageServerLoad = async ({ locals, url }) => {
	const { claims } = requireAdmin(locals);
	const [lines, words, reveals] = await Promise.all([
		helplines.list(claims),
		crisisWords.list(claims),
		safeguarding.revealLog(claims, url.searchParams.get('after'))
	]);
	return {
		helplines: lines,
		words,
		reveals: reveals.entries,
		revealPages: keysetPages(url, reveals.next)
	};
};

/** Each change: parse, let the database decide, tell the admin. */
async function change<Schema extends z.ZodType>(
	request: Request,
	schema: Schema,
	run: (data: z.output<Schema>) => Promise<unknown>
) {
	const form = parseForm(schema, await request.formData());
	if (!form.ok) return rejectForm(form.values, form);
	const done = await attempt(() => run(form.data));
	return done.ok ? { saved: true } : rejectForm(form.values, done);
}

export const actions: Actions = {
	addHelpline: async ({ locals, request }) => {
		const { claims } = requireAdmin(locals);
		return change(request, helplineSchema, (helpline) => helplines.add(claims, helpline));
	},
	removeHelpline: async ({ locals, request }) => {
		const { claims } = requireAdmin(locals);
		return change(request, idSchema, ({ id }) => helplines.remove(claims, id));
	},
	addWord: async ({ locals, request }) => {
		const { claims } = requireAdmin(locals);
		return change(request, wordSchema, (word) => crisisWords.add(claims, word));
	},
	removeWord: async ({ locals, request }) => {
		const { claims } = requireAdmin(locals);
		return change(request, idSchema, ({ id }) => crisisWords.remove(claims, id));
	}
};
