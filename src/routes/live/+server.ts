// The one endpoint of live pages (src/lib/server/live.ts): `?topic=thread:<id>`, `queue`,
// `moderation`, `notifications`, up to four. Answers a stream of server-sent events, or
// 204 when there is nothing the reader may hear about (the browser then stops asking).
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import {
	announcementsFor,
	eventStream,
	liveTopics,
	mostStreams,
	openStreams,
	startListening
} from '$lib/server/live';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals, request }) => {
	const topics = liveTopics.safeParse(url.searchParams.getAll('topic'));
	if (!topics.success) error(400, m.error_live_topics());
	if (openStreams() >= mostStreams) error(503, m.error_live_busy());
	const [announcements] = await Promise.all([
		announcementsFor(locals.claims, topics.data),
		startListening()
	]);
	if (announcements.size === 0) return new Response(null, { status: 204 });
	return new Response(eventStream(announcements, request.signal), {
		headers: {
			'content-type': 'text/event-stream',
			'cache-control': 'no-store',
			// Proxies such as nginx would otherwise hold the events back.
			'x-accel-buffering': 'no'
		}
	});
};
