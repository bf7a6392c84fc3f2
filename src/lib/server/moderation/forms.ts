// The moderators' forms, read one way wherever they appear (the queue item, the
// thread page): zod for the input, the moderation module for the step, and a
// translated refusal with the input kept when the database says no.
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { parseForm, rejectForm } from '$lib/forms';
import { limits } from '$lib/limits';
import { m } from '$lib/paraglide/messages';
import { body } from '$lib/post-schemas';
import type { Claims } from '../data/db';
import { attempt } from '../data/db-errors';
import { type SuspensionDuration, suspensionDurations } from './kinds';
import * as moderationActions from './actions';
import { moderationReason } from './reason';

const { reasonMin, reasonMax } = limits.moderation;
const reason = z
	.string({ error: moderationReason })
	.trim()
	.min(reasonMin, { error: moderationReason })
	.max(reasonMax, { error: moderationReason });
const optionalReason = z
	.string()
	.trim()
	.max(reasonMax, { error: moderationReason })
	.optional()
	.transform((value) => value || null);

const schemas = {
	dismiss: z.object({ reason: optionalReason }),
	remove: z.object({ reason }),
	restore: z.object({ reason: optionalReason }),
	edit: z.object({
		reason,
		title: z
			.string()
			.trim()
			.min(limits.thread.titleMin, {
				error: () =>
					m.error_title_length({ min: limits.thread.titleMin, max: limits.thread.titleMax })
			})
			.max(limits.thread.titleMax, {
				error: () =>
					m.error_title_length({ min: limits.thread.titleMin, max: limits.thread.titleMax })
			})
			.optional(),
		body
	}),
	lock: z.object({ reason: optionalReason }),
	unlock: z.object({ reason: optionalReason }),
	pin: z.object({ reason: optionalReason }),
	unpin: z.object({ reason: optionalReason }),
	move: z.object({
		reason: optionalReason,
		community: z.uuid({ error: () => m.moderation_move_target() })
	}),
	suspend: z.object({
		reason,
		duration: z.enum(suspensionDurations, { error: () => m.moderation_duration() })
	}),
	warn: z.object({ reason })
};
export type ModerationKind = keyof typeof schemas;

type Input = Record<string, string | null | undefined>;

/**
 * Reads a moderator's form of the given kind and takes the step. Returns null when done,
 * else the failure to return from the action (values kept).
 */
async function take(
	kind: ModerationKind,
	formData: FormData,
	step: (input: Input, why: string | null) => Promise<unknown>
) {
	const form = parseForm(schemas[kind], formData);
	// The form names itself, so the page shows the message at the form that was sent.
	const values: Record<string, string> = { ...form.values, kind };
	if (!form.ok) return rejectForm(values, form);
	const input = form.data as Input;
	const done = await attempt(() => step(input, input.reason ?? null));
	if (!done.ok) return fail(409, { values, errors: {}, error: done.error });
	return null;
}

const dismiss = (claims: Claims, seen: moderationActions.Seen, why: string | null) => {
	if (!seen) throw new Error('Dismissing needs the queue item');
	return moderationActions.dismiss(claims, seen, why);
};

/** A moderator's step on a thread or post. */
export function moderate(
	claims: Claims,
	kind: ModerationKind,
	formData: FormData,
	target: moderationActions.Target,
	seen: moderationActions.Seen
) {
	return take(kind, formData, async (input, why) => {
		switch (kind) {
			case 'dismiss':
				return dismiss(claims, seen, why);
			case 'remove':
				return moderationActions.remove(claims, target, why!, seen);
			case 'restore':
				return moderationActions.restore(claims, target, why, seen);
			case 'edit':
				return moderationActions.edit(
					claims,
					target,
					{ title: target.postId ? null : (input.title ?? null), body: input.body!, reason: why! },
					seen
				);
			case 'lock':
			case 'unlock':
				return moderationActions.setLocked(claims, target.threadId, kind === 'lock', why, seen);
			case 'pin':
			case 'unpin':
				return moderationActions.setPinned(claims, target.threadId, kind === 'pin', why, seen);
			case 'move':
				return moderationActions.move(claims, target.threadId, input.community!, why, seen);
			case 'suspend':
				return moderationActions.suspend(
					claims,
					target,
					input.duration as SuspensionDuration,
					why!,
					seen
				);
			case 'warn':
				return moderationActions.warn(claims, target, why!, seen);
		}
	});
}

/** The steps on a guide; a wrong passage is reverted to an earlier version, not edited here. */
export const guideModerationKinds = ['dismiss', 'remove', 'restore'] as const;
export type GuideModerationKind = (typeof guideModerationKinds)[number];

/** A moderator's step on a guide. */
export function moderateGuide(
	claims: Claims,
	kind: GuideModerationKind,
	formData: FormData,
	guideId: string,
	seen: moderationActions.Seen
) {
	return take(kind, formData, async (_input, why) =>
		kind === 'dismiss'
			? dismiss(claims, seen, why)
			: kind === 'remove'
				? moderationActions.removeGuide(claims, guideId, why!, seen)
				: moderationActions.restoreGuide(claims, guideId, why, seen)
	);
}
