import { redirect } from '@sveltejs/kit';
import postgres from 'postgres';
import { profileSchema } from '$lib/account-schemas';
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import { setLocaleCookie } from '$lib/server/data/locale';
import * as members from '$lib/server/members/members';
import { requireMember } from '$lib/server/data/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({
	welcome: url.searchParams.has('welcome'),
	saved: url.searchParams.has('saved'),
	passwordChanged: url.searchParams.get('password') === 'changed'
});

export const actions: Actions = {
	default: async ({ request, locals, cookies }) => {
		const { claims } = requireMember(locals);
		const formData = await request.formData();
		const form = parseForm(profileSchema, formData);
		if (!form.ok) return rejectForm(form.values, form);
		try {
			await members.updateProfile(claims, form.data);
		} catch (error) {
			if (error instanceof postgres.PostgresError && error.code === '23505') {
				return rejectForm(form.values, { error: m.error_pseudonym_taken(), field: 'pseudonym' });
			}
			throw error;
		}
		setLocaleCookie(cookies, form.data.locale);
		// A fresh page, so a changed language applies to all of it.
		redirect(303, '/account?saved=1');
	}
};
