import { redirect } from '@sveltejs/kit';
import { signInSchema } from '$lib/account-schemas';
import { parseForm, rejectForm } from '$lib/forms';
import * as accounts from '$lib/server/members/accounts';
import { safeNext } from '$lib/safe-next';
import { requestInfo } from '$lib/server/data/request';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		const formData = await event.request.formData();
		const form = parseForm(signInSchema, formData);
		if (!form.ok) return rejectForm(form.values, form);
		const outcome = await accounts.signIn(event.locals.supabase, form.data, requestInfo(event));
		if (outcome) return rejectForm(form.values, outcome);
		redirect(303, safeNext(event.url.searchParams.get('next')));
	}
};
