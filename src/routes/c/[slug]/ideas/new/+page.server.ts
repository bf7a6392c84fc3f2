import { redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { parseForm, rejectForm } from '$lib/forms';
import { proposeIdeaSchema } from '$lib/idea-schemas';
import { m } from '$lib/paraglide/messages';
import { attempt } from '$lib/server/data/db-errors';
import { found, requireMember } from '$lib/server/data/request';
import * as communities from '$lib/server/forum/communities';
import * as ideas from '$lib/server/forum/ideas';
import type { Actions, PageServerLoad } from './$types';

// Proposing a service idea: members of the community; a refused form keeps what was typed
// (hydrated, so the focus moves to the first field to fix).
async function communityOf(locals: App.Locals, slug: string) {
	return found(await communities.read(locals.claims, slug), m.error_community_not_found);
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.member) redirect(303, `/signin?next=${encodeURIComponent(url.pathname)}`);
	// A fresh key per form: submitting it twice proposes one idea.
	return { community: await communityOf(locals, params.slug), idempotencyKey: randomUUID() };
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const { claims } = requireMember(locals);
		const form = parseForm(proposeIdeaSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const community = await communityOf(locals, params.slug);
		if (!community.joined) return rejectForm(form.values, { error: m.error_join_first() });
		const proposed = await attempt(() => ideas.propose(claims, community.id, form.data));
		if (!proposed.ok) return rejectForm(form.values, proposed);
		redirect(303, `/i/${proposed.value.id}${proposed.value.crisis ? '?crisis=published' : ''}`);
	}
};
