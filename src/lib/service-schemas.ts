// Services: the directory's filter (topic, postcode or place) and the form that adds or
// changes one. Checkboxes and the weekday fields arrive as form fields (topics, languages,
// hours1 … hours7); the database holds the same limits (20261125125200_services.sql).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { serviceKinds, serviceLanguages, serviceTopics } from '$lib/service-names';

/** Empty (or only spaces) is none. */
const optional = <T extends z.ZodType<string, string>>(schema: T) =>
	z
		.string()
		.trim()
		.pipe(z.union([z.literal(''), schema]))
		.transform((value) => value || null);
const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.error_service_text() })
		.default('');
const checked = z
	.string()
	.optional()
	.transform((value) => value === 'on');

export const directorySchema = z.object({
	topic: z
		.enum(['', ...serviceTopics])
		.catch('')
		.transform((value) => value || null),
	near: z.string().trim().max(80).catch('').default('')
});

const fields = z.object({
	name: z
		.string()
		.trim()
		.min(2, { error: () => m.error_service_name() })
		.max(150, { error: () => m.error_service_name() }),
	kind: z.enum(serviceKinds, { error: () => m.error_service_kind() }),
	description: text(1000),
	topics: z
		.array(z.enum(serviceTopics, { error: () => m.error_service_topics() }))
		.min(1, { error: () => m.error_service_topics() })
		.max(5, { error: () => m.error_service_topics() }),
	onSite: checked,
	online: checked,
	street: optional(z.string().min(2).max(150)),
	postcode: optional(z.string().regex(/^\d{5}$/, { error: () => m.error_postcode_format() })),
	place: optional(z.string().min(2).max(80)),
	hours: z.array(text(80)).length(7),
	languages: z
		.array(z.enum(serviceLanguages, { error: () => m.error_service_languages() }))
		.min(1, { error: () => m.error_service_languages() }),
	accessibility: text(500),
	phone: optional(
		z.string().regex(/^\+?[0-9][0-9 /()-]{2,30}$/, { error: () => m.error_service_phone() })
	),
	email: optional(z.email({ error: () => m.error_service_email() }).max(200)),
	website: optional(
		z
			.url({ protocol: /^https$/, error: () => m.error_service_website() })
			.max(300, { error: () => m.error_service_website() })
			.regex(/^[^\s<>"]+$/, { error: () => m.error_service_website() })
	)
});

export const serviceSchema = fields
	.refine((s) => s.onSite || s.online, { error: () => m.error_service_where(), path: ['onSite'] })
	.refine((s) => !s.onSite || (s.street && s.postcode && s.place), {
		error: () => m.error_service_address(),
		path: ['street']
	})
	.refine((s) => s.phone || s.email || s.website, {
		error: () => m.error_service_contact(),
		path: ['phone']
	});

/** The form's fields as the schema reads them: lists from repeated fields and weekdays. */
export function serviceFormInput(formData: FormData) {
	const single = Object.fromEntries(
		[...formData]
			.filter((entry): entry is [string, string] => typeof entry[1] === 'string')
			.map(([name, value]) => [name, value.replaceAll('\0', '')])
	);
	return {
		...single,
		topics: formData.getAll('topics'),
		languages: formData.getAll('languages'),
		hours: [1, 2, 3, 4, 5, 6, 7].map((day) => String(formData.get(`hours${day}`) ?? ''))
	};
}
