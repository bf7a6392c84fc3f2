import * as communities from '$lib/server/communities';
import { read } from '$lib/server/db';
import * as escalations from '$lib/server/escalations';
import * as moderation from '$lib/server/moderation';
import * as notifications from '$lib/server/notifications';
import * as threads from '$lib/server/threads';
import type { PageServerLoad } from './$types';

// What each reader needs first, in one transaction sent at once (one round trip): the
// newest and the unanswered questions of their communities, their own questions' new
// answers, and what waits for counsellors and moderators (asked only of them).
export const load: PageServerLoad = async ({ locals }) => {
	const { claims, member } = locals;
	const [all, newest, unanswered, newAnswers, waiting, openItems] = await read(claims, (tx) =>
		Promise.all([
			communities.list(claims, {}, tx),
			threads.latest(claims, 'new', tx),
			threads.latest(claims, 'unanswered', tx),
			claims ? notifications.newAnswers(claims, tx) : [],
			claims && member?.siteRole === 'counsellor' ? escalations.waiting(claims, tx) : null,
			claims && member?.moderates ? moderation.openItems(claims, tx) : null
		])
	);
	return {
		communities: all,
		joinedAny: all.some((community) => community.joined),
		newest,
		unanswered,
		newAnswers,
		waiting,
		openItems
	};
};
