// One way to read a form: parse with zod, and on failure hand back the input
// (never passwords) with one translated message per field.
import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages';

export type FieldErrors = Record<string, string>;

const secretFields = new Set(['password', 'confirmation', 'current']);

/** Form values to echo back to the page, without any password. */
export function echo(formData: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [name, value] of formData) {
		if (typeof value === 'string' && !secretFields.has(name)) values[name] = value;
	}
	return values;
}

/** `input`: the fields as the schema reads them where a form has lists (repeated fields). */
export function parseForm<Schema extends z.ZodType>(
	schema: Schema,
	formData: FormData,
	// NUL cannot be stored in Postgres text and is never meaningful in a form.
	input: unknown = Object.fromEntries(
		[...formData]
			.filter((entry): entry is [string, string] => typeof entry[1] === 'string')
			.map(([name, value]) => [name, value.replaceAll('\0', '')])
	)
) {
	const result = schema.safeParse(input);
	const values = echo(formData);
	if (result.success) return { ok: true as const, data: result.data as z.output<Schema>, values };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return { ok: false as const, errors, values };
}

/** What a page's form components read of its last action's result (failures, and marks of success). */
export type PageResult = {
	values?: Record<string, string>;
	errors?: FieldErrors;
	error?: string;
	done?: string;
} | null;

/** Every rejected form answers in this one shape, so pages read it the same way. */
export type FormFailure = { values: Record<string, string>; errors: FieldErrors; error: string };

/** Field errors from parsing, or one problem (an account outcome), perhaps tied to a field. */
export function rejectForm(
	values: Record<string, string>,
	problem: { errors: FieldErrors } | { error: string; field?: string }
) {
	const failure: FormFailure =
		'errors' in problem
			? { values, errors: problem.errors, error: m.error_check_fields() }
			: {
					values,
					errors: problem.field ? { [problem.field]: problem.error } : {},
					error: problem.error
				};
	return fail(400, failure);
}
