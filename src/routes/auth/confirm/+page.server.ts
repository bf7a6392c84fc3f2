import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import * as accounts from '$lib/server/members/accounts';
import type { Actions, PageServerLoad } from './$types';

// Links from Auth's mails land here. Confirming takes a button press, so mail
// scanners that fetch every link do not use up the one-time token.
const linkSchema = z.object({
	token_hash: z.string().min(1).max(200),
	type: z.enum(['email', 'signup', 'recovery', 'email_change', 'invite', 'magiclink'])
});

function readLink(url: URL) {
	return linkSchema.safeParse(Object.fromEntries(url.searchParams));
}

export const load: PageServerLoad = ({ url }) => {
	const link = readLink(url);
	return { valid: link.success, type: link.success ? link.data.type : null };
};

export const actions: Actions = {
	default: async ({ url, locals }) => {
		const link = readLink(url);
		if (!link.success) return fail(400, { error: true });
		const outcome = await accounts.verifyLink(
			locals.supabase,
			link.data.token_hash,
			link.data.type
		);
		if (outcome) return fail(400, { error: true });
		redirect(303, link.data.type === 'recovery' ? '/password/reset' : '/account?welcome=1');
	}
};
