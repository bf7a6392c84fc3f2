import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { currentPassword } from '$lib/account-schemas';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import * as members from '$lib/server/members/members';
import * as privacy from '$lib/server/members/privacy';
import * as rateLimits from '$lib/server/data/rate-limits';
import { requestInfo, requireMember } from '$lib/server/data/request';
import type { Actions } from './$types';

const deleteSchema = z.object({
	current: currentPassword,
	confirm: z.literal('on', { error: () => m.error_delete_confirm() })
});

export const actions: Actions = {
	default: async (event) => {
		const { claims } = requireMember(event.locals);
		const form = parseForm(deleteSchema, await event.request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		if (
			!(await rateLimits.allow('password_check', {
				address: claims.sub,
				ip: requestInfo(event).ip
			}))
		) {
			return rejectForm(form.values, { error: m.error_rate_limited() });
		}
		if (!(await members.passwordMatches(claims, form.data.current))) {
			return rejectForm(form.values, { error: m.error_current_password(), field: 'current' });
		}
		await privacy.deleteAccount(claims);
		await event.locals.supabase.auth.signOut({ scope: 'local' });
		redirect(303, '/?deleted=1');
	}
};
