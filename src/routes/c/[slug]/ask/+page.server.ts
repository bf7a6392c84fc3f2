import { redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { limits } from '$lib/limits';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import { askSchema } from '$lib/post-schemas';
import * as communities from '$lib/server/forum/communities';
import { read } from '$lib/server/data/db';
import { attempt } from '$lib/server/data/db-errors';
import * as moderation from '$lib/server/moderation';
import { found, requireMember, writtenUrl } from '$lib/server/data/request';
import * as threads from '$lib/server/forum/threads';
import type { Actions, PageServerLoad } from './$types';

const titleSchema = z.string().trim().max(limits.thread.titleMax).catch('');

async function communityOf(locals: App.Locals, slug: string) {
	return found(await communities.read(locals.claims, slug), m.error_community_not_found);
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.member)
		redirect(303, `/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
	// Community and, for a member suspended somewhere, the suspension here: one round trip.
	const [community, suspension] = await read(locals.claims, (tx) =>
		Promise.all([
			communities.read(locals.claims, params.slug, tx),
			locals.member?.suspended
				? moderation.mySuspension(locals.claims, { slug: params.slug }, tx)
				: null
		])
	);
	return {
		community: found(community, m.error_community_not_found),
		suspension,
		// Words searched before asking (routes/ask) start the title.
		title: titleSchema.parse(url.searchParams.get('title') ?? ''),
		// A fresh key per form: submitting it twice creates one thread.
		idempotencyKey: randomUUID()
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const { claims } = requireMember(locals);
		const form = parseForm(askSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const community = await communityOf(locals, params.slug);
		if (!community.joined) return rejectForm(form.values, { error: m.error_join_first() });
		const asked = await attempt(() => threads.ask(claims, community.id, form.data));
		if (!asked.ok) return rejectForm(form.values, asked);
		redirect(303, writtenUrl(asked.value.id, asked.value));
	}
};
