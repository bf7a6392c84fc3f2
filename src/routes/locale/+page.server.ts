import { redirect } from '@sveltejs/kit';
import { localeSchema } from '$lib/account-schemas';
import { parseForm } from '$lib/forms';
import { setLocaleCookie } from '$lib/server/data/locale';
import * as members from '$lib/server/members/members';
import { safeNext } from '$lib/safe-next';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

// The language switcher: a cookie for everyone, the member's setting when signed in.
export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		const form = parseForm(localeSchema, await request.formData());
		if (!form.ok) redirect(303, '/');
		setLocaleCookie(cookies, form.data.locale);
		if (locals.claims) await members.setLocale(locals.claims, form.data.locale);
		redirect(303, safeNext(form.data.redirectTo));
	}
};
