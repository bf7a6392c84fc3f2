import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { textsSchema } from '$lib/community-schemas';
import { thresholdSchema } from '$lib/idea-schemas';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import * as communities from '$lib/server/forum/communities';
import { read } from '$lib/server/data/db';
import { attempt } from '$lib/server/data/db-errors';
import * as settings from '$lib/server/escalations/settings';
import * as ideaPages from '$lib/server/forum/idea-pages';
import * as ideas from '$lib/server/forum/ideas';
import { found, requireMember } from '$lib/server/data/request';
import type { Actions, PageServerLoad } from './$types';

const hours = (max: number) =>
	z.coerce
		.number({ error: () => m.error_hours({ max }) })
		.min(0.25, { error: () => m.error_hours({ max }) })
		.max(max, { error: () => m.error_hours({ max }) })
		.transform((value) => Math.round(value * 60));
const settingsSchema = z.object({
	waiting: hours(720),
	urgent: hours(24),
	high: hours(168),
	normal: hours(336),
	crisisPolicy: z.enum(['publish', 'hold'])
});

/** The community, for its moderators and admins only; the database checks again on saving. */
async function manageable(locals: App.Locals, slug: string) {
	const { claims, member } = requireMember(locals);
	const community = found(await communities.read(claims, slug), m.error_community_not_found);
	if (!community.moderates && member.siteRole !== 'admin') error(403, m.error_not_allowed());
	return { claims, community };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.member) redirect(303, `/signin?next=${encodeURIComponent(url.pathname)}`);
	const { claims, community } = await manageable(locals, params.slug);
	// One read: both are the community's row.
	const [escalation, ideaThreshold] = await read(claims, (tx) =>
		Promise.all([
			settings.read(claims, community.id, tx),
			ideaPages.threshold(claims, community.id, tx)
		])
	);
	return { community, settings: escalation, ideaThreshold, saved: url.searchParams.get('saved') };
};

export const actions: Actions = {
	/** The description and rules; the database logs each change in the mod log. */
	texts: async ({ locals, params, request }) => {
		const { claims, community } = await manageable(locals, params.slug);
		const form = parseForm(textsSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const saved = await attempt(() => communities.updateTexts(claims, community.id, form.data));
		if (!saved.ok) return rejectForm(form.values, saved);
		redirect(303, `/c/${community.slug}/settings?saved=texts`);
	},
	escalation: async ({ locals, params, request }) => {
		const { claims, community } = await manageable(locals, params.slug);
		const form = parseForm(settingsSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const { waiting, urgent, high, normal, crisisPolicy } = form.data;
		const saved = await attempt(() =>
			settings.update(claims, community.id, {
				waitingMinutes: waiting,
				dueMinutes: { urgent, high, normal },
				crisisPolicy
			})
		);
		if (!saved.ok) return rejectForm(form.values, saved);
		redirect(303, `/c/${community.slug}/settings?saved=escalation`);
	},
	/** How many supports put an unanswered idea in front of the community's counsellors. */
	ideas: async ({ locals, params, request }) => {
		const { claims, community } = await manageable(locals, params.slug);
		const form = parseForm(thresholdSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const saved = await attempt(() =>
			ideas.updateThreshold(claims, community.id, form.data.threshold)
		);
		if (!saved.ok) return rejectForm(form.values, saved);
		redirect(303, `/c/${community.slug}/settings?saved=ideas`);
	}
};
