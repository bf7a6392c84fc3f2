import { error, fail } from '@sveltejs/kit';
import { versionSchema } from '$lib/guide-schemas';
import { m } from '$lib/paraglide/messages';
import { attempt } from '$lib/server/data/db-errors';
import { read } from '$lib/server/data/db';
import { crisisWritten, found, idParam, requireMember } from '$lib/server/data/request';
import * as helplines from '$lib/server/safeguarding/helplines';
import * as guides from '$lib/server/forum/guides';
import { type GuideModerationKind, moderateGuide } from '$lib/server/moderation/forms';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// A guide's page: its newest version, whether a professional checked it, the questions it
// was written from; its moderators remove or restore it here too. Every action is a form;
// no script is needed.
export const csr = false;

const guideId = (params: { id: string }) => idParam(params.id, m.guide_not_found);

export const load: PageServerLoad = async ({ locals, params, url }) => {
	// After crisis words, the writer's helplines (their counsellors were alerted).
	const crisis = crisisWritten(url);
	const [guide, lines] = await read(locals.claims, (tx) =>
		Promise.all([
			guides.guide(locals.claims, guideId(params), tx),
			crisis ? helplines.list(locals.claims, tx) : []
		])
	);
	return { guide: found(guide, m.guide_not_found), crisis: crisis !== null, helplines: lines };
};

/** A moderator's step from the page, as from a queue item but without one. */
async function moderateHere(event: RequestEvent, kind: GuideModerationKind) {
	const { claims } = requireMember(event.locals);
	const formData = await event.request.formData();
	return (
		(await moderateGuide(claims, kind, formData, guideId(event.params), null)) ?? {
			moderated: kind
		}
	);
}

export const actions: Actions = {
	remove: (event) => moderateHere(event, 'remove'),
	restore: (event) => moderateHere(event, 'restore'),
	helpful: async ({ locals, params, request }) => {
		const { claims } = requireMember(locals);
		const on = (await request.formData()).get('on') === 'true';
		const marked = await attempt(() => guides.markHelpful(claims, guideId(params), on));
		return marked.ok ? null : fail(403, { error: marked.error });
	},
	check: async ({ locals, params, request }) => {
		const { claims } = requireMember(locals);
		const form = versionSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) error(400, m.error_unexpected());
		const checked = await attempt(() => guides.check(claims, guideId(params), form.data.number));
		return checked.ok ? { checked: true } : fail(409, { error: checked.error });
	}
};
