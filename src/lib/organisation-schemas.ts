// Organisations: the admins' forms (details, verification, a counsellor's organisation),
// limits as limits.ts says; region (a Land or Kreis by key) and website may be left empty.
import { z } from 'zod';
import { limits } from '$lib/limits';
import { organisationKinds } from '$lib/organisation-names';
import { m } from '$lib/paraglide/messages';
import { optionalRegion } from '$lib/region-schemas';

const { nameMin, nameMax, websiteMax } = limits.organisation;
const nameError = () => m.error_organisation_name({ min: nameMin, max: nameMax });
const websiteError = () => m.error_organisation_website({ max: websiteMax });
/** Empty (or only spaces) is none. */
const optional = <T extends z.ZodType<string, string>>(schema: T) =>
	z
		.string()
		.trim()
		.pipe(z.union([z.literal(''), schema]))
		.transform((value) => value || null);

export const organisationSchema = z.object({
	name: z
		.string({ error: nameError })
		.trim()
		.min(nameMin, { error: nameError })
		.max(nameMax, { error: nameError }),
	kind: z.enum(organisationKinds, { error: () => m.error_organisation_kind() }),
	region: optionalRegion,
	website: optional(
		z
			.url({ protocol: /^https$/, error: websiteError })
			.max(websiteMax, { error: websiteError })
			// The database allows no spaces or angle brackets in an address.
			.regex(/^[^\s<>"]+$/, { error: websiteError })
	)
});

export const verifySchema = z.object({ verified: z.enum(['true', 'false']) });

export const assignSchema = z.object({
	memberId: z.uuid({ error: () => m.error_organisation_counsellor() })
});
