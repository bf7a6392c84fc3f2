import type { z } from 'zod';
import { parseForm, rejectForm } from '$lib/forms';
import { assignSchema, organisationSchema, verifySchema } from '$lib/organisation-schemas';
import { m } from '$lib/paraglide/messages';
import { read, type Claims } from '$lib/server/data/db';
import { attempt } from '$lib/server/data/db-errors';
import { found, idParam, requireAdmin } from '$lib/server/data/request';
import * as counsellors from '$lib/server/members/counsellors';
import * as organisations from '$lib/server/members/organisations';
import * as regions from '$lib/server/forum/regions';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// One organisation for the admins: its details, its verification, its counsellors (added
// from every verified counsellor; one who belongs elsewhere moves here) and its history.
const organisationId = (params: { id: string }) => idParam(params.id, m.organisation_not_found);

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { claims } = requireAdmin(locals);
	const id = organisationId(params);
	// One read: the organisation, every counsellor, the history and the regions together.
	const [organisation, all, history, regionChoices] = await read(claims, (tx) =>
		Promise.all([
			organisations.page(claims, id, tx),
			counsellors.list(claims, tx),
			organisations.history(claims, id, tx),
			regions.choices(claims, false, tx)
		])
	);
	return {
		organisation: found(organisation, m.organisation_not_found),
		counsellors: all,
		history,
		regions: regionChoices,
		added: url.searchParams.has('added')
	};
};

/** Each change: parse, let the database decide, tell the admin what was done (`done`). */
async function change<Schema extends z.ZodType>(
	{ locals, request, params }: RequestEvent,
	schema: Schema,
	run: (claims: Claims, id: string, data: z.output<Schema>) => Promise<string>
) {
	const { claims } = requireAdmin(locals);
	const id = organisationId(params);
	const form = parseForm(schema, await request.formData());
	if (!form.ok) return rejectForm(form.values, form);
	const changed = await attempt(() => run(claims, id, form.data));
	return changed.ok ? { done: changed.value } : rejectForm(form.values, changed);
}

export const actions: Actions = {
	save: (event) =>
		change(event, organisationSchema, async (claims, id, details) => {
			await organisations.update(claims, id, details);
			return 'saved';
		}),
	verify: (event) =>
		change(event, verifySchema, async (claims, id, { verified }) => {
			await organisations.verify(claims, id, verified === 'true');
			return verified === 'true' ? 'verified' : 'unverified';
		}),
	assign: (event) =>
		change(event, assignSchema, async (claims, id, { memberId }) => {
			await organisations.assign(claims, memberId, id);
			return 'assigned';
		}),
	release: (event) =>
		change(event, assignSchema, async (claims, id, { memberId }) => {
			await organisations.release(claims, memberId, id);
			return 'released';
		})
};
