import { changePasswordSchema } from '$lib/account-schemas';
import { parseForm, rejectForm } from '$lib/forms';
import * as accounts from '$lib/server/members/accounts';
import { requestInfo, requireMember } from '$lib/server/data/request';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		const { claims } = requireMember(event.locals);
		const form = parseForm(changePasswordSchema, await event.request.formData());
		if (!form.ok) return rejectForm({}, form);
		const outcome = await accounts.changePassword(
			event.locals.supabase,
			claims,
			form.data,
			requestInfo(event)
		);
		if (outcome) return rejectForm({}, outcome);
		return { changed: true };
	}
};
