import { redirect } from '@sveltejs/kit';
import postgres from 'postgres';
import { communitySchema } from '$lib/community-schemas';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import * as communities from '$lib/server/forum/communities';
import * as regions from '$lib/server/forum/regions';
import * as members from '$lib/server/members/members';
import { requireAdmin } from '$lib/server/data/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.member) redirect(303, `/signin?next=${encodeURIComponent(url.pathname)}`);
	requireAdmin(locals);
	return { regions: await regions.choices(locals.claims) };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const { claims } = requireAdmin(locals);
		const form = parseForm(communitySchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const { moderator, ...community } = form.data;
		if (moderator && (await members.pseudonymAvailable(moderator))) {
			return rejectForm(form.values, { error: m.error_member_not_found(), field: 'moderator' });
		}
		try {
			await communities.create(claims, community, moderator);
		} catch (cause) {
			if (cause instanceof postgres.PostgresError && cause.code === '23505') {
				return rejectForm(form.values, { error: m.error_community_slug_taken(), field: 'slug' });
			}
			if (regions.isUnknownRegion(cause)) {
				return rejectForm(form.values, { error: m.error_region_unknown(), field: 'region' });
			}
			throw cause;
		}
		redirect(303, `/c/${community.slug}`);
	}
};
