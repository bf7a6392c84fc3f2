import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

// Pages for signed-in members only; visitors sign in first and come back.
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!locals.member)
		redirect(303, `/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
	return { member: locals.member };
};
