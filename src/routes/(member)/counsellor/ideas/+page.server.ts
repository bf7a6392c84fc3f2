import { requireCounsellor } from '$lib/server/data/request';
import * as ideaPages from '$lib/server/forum/idea-pages';
import type { PageServerLoad } from './$types';

// Ideas that reached their community's threshold of supports and wait for an official
// answer, in the communities the counsellor serves, longest waiting first.
export const csr = false;

export const load: PageServerLoad = async ({ locals }) => {
	const { claims } = requireCounsellor(locals);
	return { ideas: await ideaPages.awaitingStatement(claims) };
};
