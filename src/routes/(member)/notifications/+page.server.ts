import * as notifications from '$lib/server/forum/notifications';
import { requireMember } from '$lib/server/data/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { claims } = requireMember(locals);
	return { notifications: await notifications.list(claims) };
};

export const actions: Actions = {
	read: async ({ locals }) => {
		const { claims } = requireMember(locals);
		await notifications.markAllRead(claims);
		return { read: true };
	}
};
