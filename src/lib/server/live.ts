// Live pages: each server process holds one LISTEN on ratnetz_live
// (supabase/migrations/20261125190000_live_pages.sql) and passes what changed on to the
// open pages that show it, as server-sent events. A page is told only "changed" and reads
// again through RLS, so nothing reaches a reader that their own request would not.
// Without JavaScript nothing of this runs, and every page stays as it is until reloaded.
import { z } from 'zod';
import { type Claims, listen, read } from './db';

/** What a page may ask to hear about: its thread, the queues, the reader's notifications. */
export const liveTopics = z
	.array(
		z.union([
			z.enum(['queue', 'moderation', 'notifications']),
			z
				.string()
				.refine((topic) => /^thread:/.test(topic) && z.uuid().safeParse(topic.slice(7)).success)
		])
	)
	.min(1)
	.max(4);

type Subscriber = { keys: Set<string>; tell: () => void; end: () => void };
const subscribers = new Set<Subscriber>();
/** Open streams one process holds at most: each costs a socket, not a database connection. */
export const mostStreams = 5000;

let listening: Promise<unknown> | undefined;

/** The process's one listener, started by the first page that asks. */
export function startListening() {
	listening ??= listen('ratnetz_live', (payload) => {
		for (const subscriber of subscribers) if (subscriber.keys.has(payload)) subscriber.tell();
	}).catch((cause: unknown) => {
		listening = undefined;
		throw cause;
	});
	return listening;
}

/**
 * The announcements (payloads) the reader may hear for the topics asked: threads they may
 * read, the queues of the communities they serve or moderate, their own notifications.
 * Asked through RLS, as the page itself is.
 */
export async function announcementsFor(claims: Claims | null, topics: string[]) {
	const threadIds = topics.flatMap((topic) =>
		topic.startsWith('thread:') ? [topic.slice(7)] : []
	);
	const member = claims !== null;
	const [threads, served, moderated] = await read(claims, (tx) =>
		Promise.all([
			threadIds.length
				? tx<{ id: string }[]>`select id from public.threads where id = any(${threadIds}::uuid[])`
				: [],
			member && topics.includes('queue')
				? tx<{ id: string }[]>`select unnest(public.served_communities()) as id`
				: [],
			member && topics.includes('moderation')
				? tx<{ id: string }[]>`select unnest(public.moderated_communities()) as id`
				: []
		])
	);
	return new Set([
		...threads.map(({ id }) => `thread:${id}`),
		...served.map(({ id }) => `escalations:${id}`),
		...moderated.map(({ id }) => `moderation:${id}`),
		...(member && topics.includes('notifications') ? [`member:${claims.sub}`] : [])
	]);
}

/** How many streams this process holds open now. */
export const openStreams = () => subscribers.size;

/**
 * A stream of server-sent events that says "change" whenever one of the announcements
 * is made; it ends when the page goes (the request's signal) or the server stops.
 */
export function eventStream(announcements: Set<string>, signal: AbortSignal) {
	const encoder = new TextEncoder();
	let subscriber: Subscriber | undefined;
	let ping: ReturnType<typeof setInterval> | undefined;
	const stop = () => {
		if (subscriber) subscribers.delete(subscriber);
		clearInterval(ping);
	};
	return new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (text: string) => {
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					stop();
				}
			};
			const end = () => {
				stop();
				try {
					controller.close();
				} catch {
					// Closed already.
				}
			};
			// An event needs data, or browsers drop it.
			const change = 'event: change\ndata: changed\n\n';
			subscriber = { keys: announcements, tell: () => send(change), end };
			subscribers.add(subscriber);
			// The browser reconnects by itself after a dropped connection; 5 s spares a server
			// that restarts from every page at once.
			send('retry: 5000\n\n');
			// Proxies close connections that stay silent; a comment every 25 s keeps it open.
			ping = setInterval(() => send(': \n\n'), 25_000);
			signal.addEventListener('abort', end, { once: true });
		},
		cancel: stop
	});
}

/** Ends every open stream: the server is stopping and should not wait for them. */
export function endStreams() {
	for (const subscriber of [...subscribers]) subscriber.end();
}
