// Questions and answers: one zod schema per form, limits documented in the README.
import { z } from 'zod';
import { limits } from '$lib/limits';
import { markdownProblem, type MarkdownProblem } from '$lib/markdown-cost';
import { m } from '$lib/paraglide/messages';

const checkbox = z
	.string()
	.optional()
	.transform((value) => value === 'on');

/** Why a text would cost the renderer too much, naming the limit (markdown-cost.ts). */
export function markdownProblemMessage(problem: MarkdownProblem) {
	switch (problem) {
		case 'elements':
			return m.error_markdown_elements({ max: limits.markdown.elements });
		case 'tableColumns':
			return m.error_markdown_table_columns({ max: limits.markdown.tableColumns });
		case 'nesting':
			return m.error_markdown_nesting({ max: limits.markdown.nesting });
		case 'emphasisMarks':
			return m.error_markdown_emphasis_marks({ max: limits.markdown.emphasisMarks });
	}
}

/** A question's, answer's or reply's text, as every form that writes one reads it. */
export const body = z
	.string()
	.trim()
	.min(1, { error: () => m.error_body_required() })
	.max(limits.post.bodyMax, { error: () => m.error_body_too_long({ max: limits.post.bodyMax }) })
	.check((context) => {
		// Past the length limit the text is refused anyway: not worth reading.
		if (context.value.length > limits.post.bodyMax) return;
		const problem = markdownProblem(context.value);
		if (problem)
			context.issues.push({
				code: 'custom',
				message: markdownProblemMessage(problem),
				input: context.value
			});
	});

const tagsInvalid = () =>
	m.error_tags_invalid({ min: limits.thread.tagMin, max: limits.thread.tagMax });

/** "Schule, Widerspruch" → ["schule", "widerspruch"]: lower-case words joined by hyphens. */
const tags = z
	.string()
	.max(300, { error: tagsInvalid })
	.optional()
	.transform((value) => [
		...new Set(
			(value ?? '')
				.split(',')
				.map((tag) => tag.trim().toLowerCase().replace(/\s+/g, '-'))
				.filter(Boolean)
		)
	])
	.pipe(
		z
			.array(
				z
					.string()
					.max(limits.thread.tagMax, { error: tagsInvalid })
					.regex(/^[\p{Ll}0-9]+(-[\p{Ll}0-9]+)*$/u, { error: tagsInvalid })
					.min(limits.thread.tagMin, { error: tagsInvalid })
			)
			.max(limits.thread.tags, { error: () => m.error_tags_too_many({ max: limits.thread.tags }) })
	);

const idempotencyKey = z.uuid({ error: () => m.error_form_expired() });

/** Bidirectional embeddings, overrides and isolates: the text around them reads reversed. */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/u;

/** What a reader sees of a text: without the characters that show nothing (zero-width spaces, joiners, fillers). */
const visible = (text: string) => text.replace(/\p{Default_Ignorable_Code_Point}/gu, '');

// Refused, not cleaned: the title is stored as written, or the writer changes it (the
// database checks the same, threads.sql).
export const title = z
	.string()
	.trim()
	.refine(
		(value) =>
			visible(value).length >= limits.thread.titleMin && value.length <= limits.thread.titleMax,
		{
			error: () =>
				m.error_title_length({ min: limits.thread.titleMin, max: limits.thread.titleMax })
		}
	)
	.refine((value) => /\p{L}/u.test(visible(value)), { error: () => m.error_title_letters() })
	.refine((value) => !bidiControls.test(value), { error: () => m.error_title_direction() });

export const askSchema = z.object({
	title,
	body,
	tags,
	anonymous: checkbox,
	wantsProfessional: checkbox,
	idempotencyKey
});

export const editThreadSchema = askSchema.pick({ title: true, body: true, tags: true });

export const answerSchema = z.object({
	body,
	parentPostId: z
		.union([z.literal(''), z.uuid()])
		.optional()
		.transform((value) => value || null),
	// The choice of the form's radio buttons; left out, the thread decides (posts.answer).
	anonymous: z
		.enum(['on', 'off'])
		.optional()
		.transform((value) => (value === undefined ? null : value === 'on')),
	idempotencyKey
});

export const editPostSchema = z.object({ body });

export const postIdSchema = z.object({ postId: z.uuid() });
