import { z } from 'zod';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import * as communities from '$lib/server/communities';
import * as counsellors from '$lib/server/counsellors';
import { attempt } from '$lib/server/db-errors';
import * as members from '$lib/server/members';
import { requireAdmin } from '$lib/server/request';
import { keysetPages } from '$lib/paths';
import type { Actions, PageServerLoad } from './$types';

const verifySchema = z.object({
	pseudonym: z
		.string()
		.trim()
		.min(1, { error: () => m.error_member_not_found() })
		.max(30),
	profession: z
		.string()
		.trim()
		.min(2, { error: () => m.error_badge_text() })
		.max(80, { error: () => m.error_badge_text() }),
	organisation: z
		.string()
		.trim()
		.min(2, { error: () => m.error_badge_text() })
		.max(120, { error: () => m.error_badge_text() }),
	servesAll: z.string().optional(),
	dutyLead: z.string().optional()
});
const withdrawSchema = z.object({
	memberId: z.uuid(),
	reason: z
		.string()
		.trim()
		.min(3, { error: () => m.error_withdraw_reason() })
		.max(500, { error: () => m.error_withdraw_reason() })
});

export const load: PageServerLoad = async ({ locals, url }) => {
	const { claims } = requireAdmin(locals);
	const [list, log, all] = await Promise.all([
		counsellors.list(claims),
		counsellors.log(claims, url.searchParams.get('after')),
		communities.list(claims)
	]);
	return {
		counsellors: list,
		log: log.entries,
		logPages: keysetPages(url, log.next),
		communities: all
	};
};

export const actions: Actions = {
	verify: async ({ locals, request }) => {
		const { claims } = requireAdmin(locals);
		const formData = await request.formData();
		const form = parseForm(verifySchema, formData);
		if (!form.ok) return rejectForm(form.values, form);
		const memberId = await members.findByPseudonym(claims, form.data.pseudonym);
		if (!memberId)
			return rejectForm(form.values, { error: m.error_member_not_found(), field: 'pseudonym' });
		const communityIds = form.data.servesAll ? null : formData.getAll('communityIds').map(String);
		const verified = await attempt(() =>
			counsellors.verify(claims, memberId, {
				profession: form.data.profession,
				organisation: form.data.organisation,
				communityIds,
				dutyLead: Boolean(form.data.dutyLead)
			})
		);
		return verified.ok ? { verified: true } : rejectForm(form.values, verified);
	},
	withdraw: async ({ locals, request }) => {
		const { claims } = requireAdmin(locals);
		const form = parseForm(withdrawSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const withdrawn = await attempt(() =>
			counsellors.withdraw(claims, form.data.memberId, form.data.reason)
		);
		return withdrawn.ok ? { withdrawn: true } : rejectForm(form.values, withdrawn);
	}
};
