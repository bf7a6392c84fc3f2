import { fail } from '@sveltejs/kit';
import * as notificationSettings from '$lib/server/members/notification-settings';
import type { Actions, PageServerLoad } from './$types';

// Opening the link changes nothing (mail scanners open links too); the button does.
export const load: PageServerLoad = async ({ params }) => ({
	kinds: await notificationSettings.unsubscribeKinds(params.token)
});

export const actions: Actions = {
	default: async ({ params }) => {
		const kinds = await notificationSettings.unsubscribe(params.token);
		if (!kinds) return fail(404, { unsubscribed: false as const });
		return { unsubscribed: true as const, kinds };
	}
};
