import * as moderation from '$lib/server/moderation';
import { requireMember } from '$lib/server/request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { claims } = requireMember(locals);
	return { flags: await moderation.myFlags(claims) };
};
