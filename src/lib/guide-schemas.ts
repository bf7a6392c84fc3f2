// Guides: one zod schema per form. Title and text as a question's (limits.ts).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { body, title } from '$lib/post-schemas';
import { threadIdFrom } from '$lib/thread-address';

/** At most this many questions a guide cites (draft_guide holds the same). */
export const citedMax = 5;

/** Further questions to cite, one address per line; the page's own question comes first. */
const citations = z
	.string()
	.max(2000)
	.transform((text, context) => {
		const lines = text
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean);
		const ids = lines.map(threadIdFrom);
		if (ids.includes(null)) {
			context.issues.push({ code: 'custom', message: m.guide_citations_invalid(), input: text });
			return z.NEVER;
		}
		return ids as string[];
	});

export const draftGuideSchema = z.object({ title, body, citations });

export const editGuideSchema = z.object({
	title,
	body,
	basedOn: z.coerce.number().int().min(1)
});

export const versionSchema = z.object({ number: z.coerce.number().int().min(1) });
