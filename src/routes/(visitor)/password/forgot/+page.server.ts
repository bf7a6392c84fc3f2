import { forgotPasswordSchema } from '$lib/account-schemas';
import { parseForm, rejectForm } from '$lib/forms';
import * as accounts from '$lib/server/members/accounts';
import { requestInfo } from '$lib/server/data/request';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		const formData = await event.request.formData();
		const form = parseForm(forgotPasswordSchema, formData);
		if (!form.ok) return rejectForm(form.values, form);
		const outcome = await accounts.requestPasswordReset(form.data.email, requestInfo(event));
		if (outcome) return rejectForm(form.values, outcome);
		return { sentTo: form.data.email };
	}
};
