import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

// Sign-up and sign-in make no sense while signed in.
export const load: LayoutServerLoad = ({ locals }) => {
	if (locals.member) redirect(303, '/');
};
