// Reporting a guide to its community's moderators, with a reason (no crisis report: a guide
// tells nobody's story). Enough reports hide it until a moderator decides.
import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { limits } from '$lib/limits';
import { parseForm, rejectForm } from '$lib/forms';
import { guideReportReasons } from '$lib/moderation-names';
import { m } from '$lib/paraglide/messages';
import type { Claims } from '$lib/server/data/db';
import { attempt } from '$lib/server/data/db-errors';
import { idParam, requireMember } from '$lib/server/data/request';
import * as escalations from '$lib/server/escalations';
import * as guides from '$lib/server/forum/guides';
import * as moderation from '$lib/server/moderation';
import type { Actions, PageServerLoad } from './$types';

const reportSchema = z.object({
	reason: z.enum(guideReportReasons, { error: () => m.error_flag_reason() }),
	note: z
		.string()
		.trim()
		.max(limits.flag.noteMax, { error: () => m.error_flag_note({ max: limits.flag.noteMax }) })
		.optional()
});

/** The guide as its readers see it, and the reporter's suspension in its community; 404 when removed. */
async function target(claims: Claims, params: { id: string }) {
	const id = idParam(params.id, m.guide_not_found);
	const guide = await guides.guide(claims, id);
	if (!guide || guide.removed) error(404, m.guide_not_found());
	const suspension = await moderation.mySuspension(claims, { slug: guide.communitySlug });
	return { guide, suspension };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	// A visitor following the link signs in first and comes back, as for questions.
	if (!locals.member) redirect(303, `/signin?next=${encodeURIComponent(url.pathname)}`);
	const { claims } = requireMember(locals);
	const { guide, suspension } = await target(claims, params);
	return {
		suspension,
		guide: { id: guide.id, title: guide.title, bodyHtml: guide.bodyHtml }
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const { claims } = requireMember(locals);
		const { guide } = await target(claims, params);
		const form = parseForm(reportSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const reported = await attempt(() =>
			escalations.flag(
				claims,
				{ guideId: guide.id },
				{ reason: form.data.reason, note: form.data.note || null }
			)
		);
		if (!reported.ok) return rejectForm(form.values, reported);
		return { reported: true };
	}
};
