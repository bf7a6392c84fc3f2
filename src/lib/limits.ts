// Post limits, shared by the forms (hints, maxlength) and their schemas; kept apart
// from the schemas so pages do not ship zod to the browser.
import { formatFigures } from '$lib/format';
import { m } from '$lib/paraglide/messages';

export const limits = {
	titleMin: 10,
	titleMax: 150,
	bodyMax: 20_000,
	tags: 5,
	tagMax: 30,
	// What one text may ask of the renderer (markdown-cost.ts).
	markdownElements: 2000,
	markdownTableColumns: 20,
	markdownNesting: 10,
	markdownEmphasisMarks: 1000
} as const;

/** The hint under every body field ("Höchstens 20.000 Zeichen"), worded once per language. */
export const bodyHint = () => formatFigures(m.field_body_hint, { max: limits.bodyMax });
