import { error, text } from '@sveltejs/kit';
import * as notificationSettings from '$lib/server/members/notification-settings';
import type { RequestHandler } from './$types';

// RFC 8058 one-click: the mail program posts "List-Unsubscribe=One-Click" here,
// without cookies. The token alone authorises it. (A browser's form post of the
// page goes to the page's action instead.)
export const POST: RequestHandler = async ({ params }) => {
	const kinds = await notificationSettings.unsubscribe(params.token);
	if (!kinds) error(404, 'Unknown unsubscribe link');
	return text('Unsubscribed');
};
