import postgres from 'postgres';
import { z } from 'zod';
import { slug, slugMessage } from '$lib/community-schemas';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import * as communities from '$lib/server/forum/communities';
import { requireAdmin } from '$lib/server/data/request';
import type { Actions, PageServerLoad } from './$types';

const decisionSchema = z.object({ proposalId: z.uuid(), slug: slug.optional() });

async function decide(request: Request, locals: App.Locals, approve: boolean) {
	const { claims } = requireAdmin(locals);
	const form = parseForm(decisionSchema, await request.formData());
	const { values } = form;
	if (!form.ok || (approve && !form.data.slug))
		return rejectForm(values, { error: slugMessage(), field: 'slug' });
	try {
		if (approve) await communities.approve(claims, form.data.proposalId, form.data.slug!);
		else await communities.reject(claims, form.data.proposalId);
	} catch (cause) {
		if (cause instanceof postgres.PostgresError) {
			const message =
				cause.code === '23505' ? m.error_community_slug_taken() : m.error_proposal_decided();
			return rejectForm(values, {
				error: message,
				field: cause.code === '23505' ? 'slug' : undefined
			});
		}
		throw cause;
	}
	return { decided: form.data.proposalId };
}

export const load: PageServerLoad = async ({ locals }) => {
	const { claims } = requireAdmin(locals);
	return { proposals: await communities.proposals(claims) };
};

export const actions: Actions = {
	approve: ({ request, locals }) => decide(request, locals, true),
	reject: ({ request, locals }) => decide(request, locals, false)
};
