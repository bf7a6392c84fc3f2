import { signUpSchema } from '$lib/account-schemas';
import { parseForm, rejectForm } from '$lib/forms';
import { getLocale } from '$lib/paraglide/runtime';
import * as accounts from '$lib/server/members/accounts';
import { requestInfo } from '$lib/server/data/request';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		const formData = await event.request.formData();
		const form = parseForm(signUpSchema, formData);
		if (!form.ok) return rejectForm(form.values, form);
		const outcome = await accounts.signUp(
			{ ...form.data, locale: getLocale() },
			requestInfo(event)
		);
		if (outcome) return rejectForm(form.values, outcome);
		return { sentTo: form.data.email };
	}
};
