import { redirect } from '@sveltejs/kit';
import { resetPasswordSchema } from '$lib/account-schemas';
import { parseForm, rejectForm } from '$lib/forms';
import * as accounts from '$lib/server/members/accounts';
import { requireMember } from '$lib/server/data/request';
import type { Actions } from './$types';

// Reached from a recovery link, which has signed the member in.
export const actions: Actions = {
	default: async ({ request, locals }) => {
		requireMember(locals);
		const form = parseForm(resetPasswordSchema, await request.formData());
		if (!form.ok) return rejectForm({}, form);
		const outcome = await accounts.setPassword(locals.supabase, form.data.password);
		if (outcome) return rejectForm({}, outcome);
		redirect(303, '/account?password=changed');
	}
};
