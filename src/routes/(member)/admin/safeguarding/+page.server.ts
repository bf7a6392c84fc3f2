import { z } from 'zod';
import { limits } from '$lib/limits';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import { read } from '$lib/server/data/db';
import * as crisisWords from '$lib/server/safeguarding/crisis-words';
import { attempt } from '$lib/server/data/db-errors';
import * as helplines from '$lib/server/safeguarding/helplines';
import { requireAdmin } from '$lib/server/data/request';
import { keysetPages } from '$lib/paths';
import * as safeguarding from '$lib/server/safeguarding';
import * as staffedHours from '$lib/server/safeguarding/staffed-hours';
import type { Actions, PageServerLoad } from './$types';

const text = (max: number, min = 0) =>
	z
		.string()
		.trim()
		.min(min, { error: () => m.error_field_length({ max }) })
		.max(max, { error: () => m.error_field_length({ max }) });
const { helpline, crisisWord } = limits;
const helplineUrl = () => m.error_helpline_url({ max: helpline.onlineUrlMax });
const helplineSchema = z
	.object({
		nameDe: text(helpline.nameMax, helpline.nameMin),
		nameEn: text(helpline.nameMax),
		phone: text(helpline.phoneMax, helpline.phoneMin),
		descriptionDe: text(helpline.descriptionMax),
		descriptionEn: text(helpline.descriptionMax),
		alwaysOpen: z.string().optional(),
		hoursDe: text(helpline.hoursMax),
		hoursEn: text(helpline.hoursMax),
		onlineUrl: z.union([
			z.literal(''),
			z
				.url({ protocol: /^https$/, error: helplineUrl })
				.max(helpline.onlineUrlMax, { error: helplineUrl })
		]),
		region: z.union([z.literal(''), text(helpline.regionMax, helpline.regionMin)]),
		position: z.coerce.number().int().min(0).max(1000).catch(100)
	})
	.transform(({ alwaysOpen, onlineUrl, region, ...helpline }) => ({
		...helpline,
		alwaysOpen: Boolean(alwaysOpen),
		onlineUrl: onlineUrl || null,
		region: region || null
	}));
const editSchema = z.intersection(z.object({ id: z.uuid() }), helplineSchema);
const time = z.union([z.literal(''), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)]);
const hoursSchema = z
	.object(
		Object.fromEntries(
			staffedHours.weekdays.flatMap((day) => [
				[`opens${day}`, time.catch('invalid')],
				[`closes${day}`, time.catch('invalid')]
			])
		)
	)
	.superRefine((days, context) => {
		for (const day of staffedHours.weekdays) {
			const opens = days[`opens${day}`];
			const closes = days[`closes${day}`];
			// Both empty: not staffed that day; else a window that opens before it closes.
			if (opens === '' && closes === '') continue;
			if (opens === 'invalid' || closes === 'invalid' || !opens || !closes || opens >= closes)
				context.addIssue({
					code: 'custom',
					path: [`opens${day}`],
					message: m.error_staffed_hours()
				});
		}
	})
	.transform((days) =>
		Object.fromEntries(
			staffedHours.weekdays
				.filter((day) => days[`opens${day}`])
				.map((day) => [day, { opens: days[`opens${day}`], closes: days[`closes${day}`] }])
		)
	);
// A crisis word has a category unless it marks a harmless context or phrase.
const wordSchema = z
	.object({
		word: text(crisisWord.wordMax, crisisWord.wordMin),
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
	// One read: helplines, words, the reveals' log and the hours together.
	const [lines, words, reveals, hours] = await read(claims, (tx) =>
		Promise.all([
			helplines.all(claims, tx),
			crisisWords.list(claims, tx),
			safeguarding.revealLog(claims, url.searchParams.get('after'), tx),
			staffedHours.read(claims, tx)
		])
	);
	return {
		helplines: lines,
		words,
		hours,
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
	updateHelpline: async ({ locals, request }) => {
		const { claims } = requireAdmin(locals);
		return change(request, editSchema, ({ id, ...helpline }) =>
			helplines.update(claims, id, helpline)
		);
	},
	saveHours: async ({ locals, request }) => {
		const { claims } = requireAdmin(locals);
		return change(request, hoursSchema, (week) => staffedHours.save(claims, week));
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
