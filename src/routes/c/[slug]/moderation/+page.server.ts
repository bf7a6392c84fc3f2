import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { limits } from '$lib/limits';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import * as communities from '$lib/server/forum/communities';
import { read } from '$lib/server/data/db';
import { attempt } from '$lib/server/data/db-errors';
import * as moderation from '$lib/server/moderation';
import * as moderationActions from '$lib/server/moderation/actions';
import * as settings from '$lib/server/moderation/settings';
import { found, requireMember } from '$lib/server/data/request';
import type { Actions, PageServerLoad } from './$types';

const settingsSchema = z.object({
	flagHideThreshold: z.coerce
		.number({ error: () => m.error_flag_threshold() })
		.int({ error: () => m.error_flag_threshold() })
		.min(1, { error: () => m.error_flag_threshold() })
		.max(50, { error: () => m.error_flag_threshold() }),
	holdFirstPosts: z.literal('on').optional(),
	namesInLog: z.literal('on').optional()
});
const watchedWord = () =>
	m.error_watched_word({
		min: limits.moderation.watchedWordMin,
		max: limits.moderation.watchedWordMax
	});
const wordSchema = z.object({
	word: z
		.string()
		.trim()
		.min(limits.moderation.watchedWordMin, { error: watchedWord })
		.max(limits.moderation.watchedWordMax, { error: watchedWord })
		// Whole words; a * only at the end matches any ending (as the database checks).
		.regex(/^[^*]+\*?$/u, { error: watchedWord }),
	action: z.enum(settings.watchedActions, { error: () => m.error_check_fields() })
});
const idSchema = z.object({ id: z.uuid() });
const pseudonymSchema = z.object({
	pseudonym: z
		.string()
		.trim()
		.min(1, { error: () => m.error_member_not_found() })
		.max(limits.member.pseudonymMax)
});

/** The community, for its moderators (and admins, who appoint moderators); the database checks again. */
async function manageable(locals: App.Locals, slug: string) {
	const { claims, member } = requireMember(locals);
	const community = found(await communities.read(claims, slug), m.error_community_not_found);
	const isAdmin = member.siteRole === 'admin';
	if (!community.moderates && !isAdmin) error(403, m.moderation_not_moderator());
	return { claims, member, community, isAdmin };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.member) redirect(303, `/signin?next=${encodeURIComponent(url.pathname)}`);
	const { claims, member, community, isAdmin } = await manageable(locals, params.slug);
	// In one read, sent together: one round trip.
	const [current, moderators, suspensions] = await read(claims, (tx) =>
		Promise.all([
			settings.read(claims, community.id, tx),
			communities.moderators(claims, community.id, tx),
			community.moderates ? moderation.suspensions(claims, community.id, tx) : []
		])
	);
	const isOwner = moderators.some((mod) => mod.isOwner && mod.pseudonym === member.pseudonym);
	return {
		community,
		...current,
		moderators,
		suspensions,
		canAppoint: isAdmin || isOwner,
		saved: url.searchParams.has('saved')
	};
};

const back = (slug: string) => redirect(303, `/c/${slug}/moderation?saved`);

export const actions: Actions = {
	settings: async ({ locals, params, request }) => {
		const { claims, community } = await manageable(locals, params.slug);
		const form = parseForm(settingsSchema, await request.formData());
		const values = { ...form.values, kind: 'settings' };
		if (!form.ok) return rejectForm(values, form);
		const saved = await attempt(() =>
			settings.update(claims, community.id, {
				flagHideThreshold: form.data.flagHideThreshold,
				holdFirstPosts: form.data.holdFirstPosts === 'on',
				namesInLog: form.data.namesInLog === 'on'
			})
		);
		if (!saved.ok) return rejectForm(values, saved);
		back(community.slug);
	},
	addWord: async ({ locals, params, request }) => {
		const { claims, community } = await manageable(locals, params.slug);
		const form = parseForm(wordSchema, await request.formData());
		const values = { ...form.values, kind: 'word' };
		if (!form.ok) return rejectForm(values, form);
		const added = await attempt(() => settings.addWord(claims, community.id, form.data));
		if (!added.ok) return rejectForm(values, { error: added.error, field: 'word' });
		back(community.slug);
	},
	removeWord: async ({ locals, params, request }) => {
		const { claims, community } = await manageable(locals, params.slug);
		const form = parseForm(idSchema, await request.formData());
		if (!form.ok) error(400, m.error_unexpected());
		const removed = await attempt(() => settings.removeWord(claims, form.data.id));
		if (!removed.ok) return rejectForm({ kind: 'word' }, removed);
		back(community.slug);
	},
	appoint: async ({ locals, params, request }) => {
		const { claims, community } = await manageable(locals, params.slug);
		const form = parseForm(pseudonymSchema, await request.formData());
		const values = { ...form.values, kind: 'appoint' };
		if (!form.ok) return rejectForm(values, form);
		const appointed = await attempt(() =>
			communities.appointModerator(claims, community.id, form.data.pseudonym)
		);
		if (!appointed.ok) return rejectForm(values, { error: appointed.error, field: 'pseudonym' });
		if (!appointed.value) {
			return rejectForm(values, { error: m.error_member_not_found(), field: 'pseudonym' });
		}
		back(community.slug);
	},
	removeModerator: async ({ locals, params, request }) => {
		const { claims, community } = await manageable(locals, params.slug);
		const form = parseForm(pseudonymSchema, await request.formData());
		if (!form.ok) error(400, m.error_unexpected());
		const removed = await attempt(() =>
			communities.removeModerator(claims, community.id, form.data.pseudonym)
		);
		if (!removed.ok) return rejectForm({ kind: 'appoint' }, removed);
		back(community.slug);
	},
	lift: async ({ locals, params, request }) => {
		const { claims, community } = await manageable(locals, params.slug);
		const form = parseForm(idSchema, await request.formData());
		if (!form.ok) error(400, m.error_unexpected());
		const lifted = await attempt(() =>
			moderationActions.liftSuspension(claims, form.data.id, null)
		);
		if (!lifted.ok) return rejectForm({ kind: 'lift' }, lifted);
		back(community.slug);
	}
};
