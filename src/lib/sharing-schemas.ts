// Sharing between organisations: the forms to offer a resource, post a request, ask to
// borrow, decline, and the list's filter; limits as limits.ts says.
import { z } from 'zod';
import { limits } from '$lib/limits';
import { m } from '$lib/paraglide/messages';
import { optionalRegion, regionKey } from '$lib/region-schemas';
import { resourceKinds } from '$lib/sharing-names';

const { titleMin, titleMax, descriptionMax, placeMax, conditionsMax, messageMax } = limits.sharing;
const titleError = () => m.error_resource_title({ min: titleMin, max: titleMax });
const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.error_resource_text({ max }) })
		.default('');

const kind = z.enum(resourceKinds, { error: () => m.error_resource_kind() });

export const requestSchema = z.object({
	kind,
	title: z
		.string({ error: titleError })
		.trim()
		.min(titleMin, { error: titleError })
		.max(titleMax, { error: titleError }),
	description: text(descriptionMax),
	region: optionalRegion
});

export const offerSchema = requestSchema.extend({
	place: text(placeMax),
	conditions: text(conditionsMax),
	answers: z
		.uuid()
		.optional()
		.transform((value) => value ?? null),
	instant: z
		.string()
		.optional()
		.transform((value) => value === 'on')
});

/** A `datetime-local` field: the forum's local time, to the minute. */
const localTime = z
	.string()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: () => m.error_booking_time() });

export const bookingSchema = z
	.object({ starts: localTime, ends: localTime, message: text(messageMax) })
	// Same format, so comparing the strings compares the times.
	.refine((booking) => booking.ends > booking.starts, {
		path: ['ends'],
		error: () => m.error_booking_order()
	});

export const declineSchema = z.object({
	reason: z
		.string({ error: () => m.booking_reason_required() })
		.trim()
		.min(limits.sharing.reasonMin, { error: () => m.booking_reason_required() })
		.max(limits.sharing.reasonMax, { error: () => m.booking_reason_required() })
});

/** The list's filter from the address; anything else is no filter. */
export const filterSchema = z.object({
	kind: kind.nullable().catch(null),
	region: regionKey
		.transform((value) => value || null)
		.nullable()
		.catch(null)
});
