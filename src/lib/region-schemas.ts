// Regions in forms and addresses: official keys (AGS) and postcodes. Whether a key or a
// postcode exists is the database's to say (regions, postcodes).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/** A Land (2 digits) or a Kreis (5 digits); empty is none. */
export const regionKey = z
	.string()
	.trim()
	.regex(/^(\d{2}|\d{5})?$/, { error: () => m.error_region_unknown() });

/** A community's or organisation's region: none makes a community supra-local. */
export const optionalRegion = regionKey.transform((value) => value || null);

/** A member's region: by postcode (wins when given) or by Kreis; neither removes it. */
export const memberRegionSchema = z.object({
	postcode: z
		.string()
		.trim()
		.regex(/^(\d{5})?$/, { error: () => m.error_postcode_format() }),
	kreis: z
		.string()
		.trim()
		.regex(/^(\d{5})?$/, { error: () => m.error_region_unknown() }),
	show: z
		.string()
		.optional()
		.transform((value) => value === 'on')
});
