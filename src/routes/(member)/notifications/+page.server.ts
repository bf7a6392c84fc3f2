import * as notifications from '$lib/server/notifications';
import { requireMember } from '$lib/server/request';
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
