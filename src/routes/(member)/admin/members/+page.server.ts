import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { limits } from '$lib/limits';
import { parseForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import * as members from '$lib/server/members/members';
import { requireAdmin, requireMember } from '$lib/server/data/request';
import type { Actions, PageServerLoad } from './$types';

const searchSchema = z.string().trim().max(limits.member.pseudonymMax).catch('');
const roleSchema = z.object({
	memberId: z.uuid(),
	// Counsellors are verified on their own page (profession, organisation, communities).
	role: z.enum(['member', 'admin'])
});

export const load: PageServerLoad = async ({ locals, url }) => {
	const { claims } = requireAdmin(locals);
	const search = searchSchema.parse(url.searchParams.get('q') ?? '');
	return { search, members: await members.list(claims, search) };
};

// The database decides (set_site_role checks the admin role and logs the change).
export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { claims } = requireMember(locals);
		const form = parseForm(roleSchema, await request.formData());
		if (!form.ok) return fail(400, { error: m.error_unexpected() });
		try {
			await members.setSiteRole(claims, form.data.memberId, form.data.role);
		} catch {
			return fail(403, { error: m.error_role_change_refused() });
		}
		return { changed: form.data.memberId };
	}
};
