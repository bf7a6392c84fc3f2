import { redirect } from '@sveltejs/kit';
import * as accounts from '$lib/server/members/accounts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals }) => {
		await accounts.signOut(locals.supabase);
		redirect(303, '/');
	}
};
