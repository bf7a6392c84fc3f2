import { z } from 'zod';
import { limits } from '$lib/limits';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import * as communities from '$lib/server/forum/communities';
import * as counsellors from '$lib/server/members/counsellors';
import { read } from '$lib/server/data/db';
import { attempt } from '$lib/server/data/db-errors';
import * as members from '$lib/server/members/members';
import { requireAdmin } from '$lib/server/data/request';
import { keysetPages } from '$lib/paths';
import type { Actions, PageServerLoad } from './$types';

const { counsellor } = limits;
const badgeText = () =>
	m.error_badge_text({
		min: counsellor.professionMin,
		professionMax: counsellor.professionMax,
		organisationMax: counsellor.organisationMax
	});
const withdrawalReason = () =>
	m.error_withdraw_reason({
		min: counsellor.withdrawalReasonMin,
		max: counsellor.withdrawalReasonMax
	});
const verifySchema = z.object({
	pseudonym: z
		.string()
		.trim()
		.min(1, { error: () => m.error_member_not_found() })
		.max(limits.member.pseudonymMax),
	profession: z
		.string()
		.trim()
		.min(counsellor.professionMin, { error: badgeText })
		.max(counsellor.professionMax, { error: badgeText }),
	organisation: z
		.string()
		.trim()
		.min(counsellor.organisationMin, { error: badgeText })
		.max(counsellor.organisationMax, { error: badgeText }),
	servesAll: z.string().optional(),
	dutyLead: z.string().optional()
});
const withdrawSchema = z.object({
	memberId: z.uuid(),
	reason: z
		.string()
		.trim()
		.min(counsellor.withdrawalReasonMin, { error: withdrawalReason })
		.max(counsellor.withdrawalReasonMax, { error: withdrawalReason })
});

export const load: PageServerLoad = async ({ locals, url }) => {
	const { claims } = requireAdmin(locals);
	// In one read, sent together: one round trip.
	const [list, log, all] = await read(claims, (tx) =>
		Promise.all([
			counsellors.list(claims, tx),
			counsellors.log(claims, url.searchParams.get('after'), tx),
			communities.list(claims, {}, tx)
		])
	);
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
