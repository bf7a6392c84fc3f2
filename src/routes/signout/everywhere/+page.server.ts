import { redirect } from '@sveltejs/kit';
import * as accounts from '$lib/server/members/accounts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

// "Sign out everywhere" on the account page: Auth ends every session of the member
// (logout with scope global, as supabase-js does), so their other devices are signed out
// at their next page (the session check asks on every request).
export const actions: Actions = {
	default: async ({ locals }) => {
		await accounts.signOut(locals.supabase, 'global');
		redirect(303, '/');
	}
};
