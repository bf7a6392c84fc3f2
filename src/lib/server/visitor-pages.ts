// Visitors' thread pages, kept as rendered and reused while the thread is unchanged,
// as Discourse does for anonymous readers: most readers of a forum are not signed in,
// and a long thread costs far more to render than to send. Each request still asks the
// database for the page's version (thread_page_version: the thread and its posts, plus
// what every page shows), so a visitor never sees an outdated page, not even for a moment.
// Kept compressed too (brotli and gzip, as small as they get), so the production server
// sends them as they are instead of compressing them for every visitor (server/compression.js).
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { compressedOnce, preferredEncoding } from '../../../server/compression.js';
import { read } from './db';
import { Kept } from './kept';

type Bytes = Uint8Array<ArrayBuffer>;
type Compressed = { br: Bytes; gzip: Bytes };
type KeptPage = {
	version: string;
	body: Bytes;
	/** Under way while the first visitor gets the page the server compresses as it goes. */
	compressed: Promise<Compressed>;
	headers: [string, string][];
};

/** About 25 MB with the longest threads' pages; the least recently read go first. */
const kept = new Kept<KeptPage>(300);
// What the page sends along, apart from the headers every response gets (hooks.server.ts);
// never cookies, which SvelteKit adds for each request itself.
const keptHeaders = ['content-type', 'content-security-policy', 'link', 'etag'];
// Only these change what a visitor's thread page shows (a page, or the page of a post).
const pageParameters = new Set(['page', 'post']);

function threadOf(event: RequestEvent) {
	if (event.request.method !== 'GET' || event.locals.claims || event.isDataRequest) return null;
	if (event.route.id !== '/t/[id]' || !/^[0-9a-f-]{36}$/.test(event.params.id ?? '')) return null;
	if ([...event.url.searchParams.keys()].some((key) => !pageParameters.has(key))) return null;
	return event.params.id!;
}

async function versionOf(threadId: string) {
	const [row] = await read(
		null,
		(tx) =>
			tx<{ version: string | null }[]>`select public.thread_page_version(${threadId}) as version`
	);
	return row?.version ?? null;
}

export const handleVisitorPages: Handle = async ({ event, resolve }) => {
	const threadId = threadOf(event);
	if (!threadId) return resolve(event);
	const version = await versionOf(threadId);
	if (!version) return resolve(event);
	const key = `${getLocale()} ${event.url.pathname}${event.url.search}`;
	const hit = kept.get(key);
	if (hit?.version === version) {
		const encoding = preferredEncoding(event.request.headers.get('accept-encoding'));
		const headers = new Headers(hit.headers);
		headers.set('vary', 'Accept-Encoding');
		// (Should compressing have failed, the page goes out as it is.)
		const compressed = encoding && (await hit.compressed.catch(() => null));
		if (!encoding || !compressed) return new Response(hit.body, { headers });
		headers.set('content-encoding', encoding);
		// Each encoding is its own byte string, with its own tag.
		const etag = headers.get('etag');
		if (etag) headers.set('etag', etag.replace(/"$/, `-${encoding}"`));
		return new Response(compressed[encoding], { headers });
	}
	// Rendered after the version was read: what is kept is at least that new.
	const response = await resolve(event);
	if (response.status !== 200) return response;
	const body = new Uint8Array(await response.arrayBuffer());
	const compressed = Promise.all([compressedOnce(body, 'br'), compressedOnce(body, 'gzip')]).then(
		([br, gzip]) => ({ br: br as Bytes, gzip: gzip as Bytes })
	);
	compressed.catch(() => {});
	kept.set(key, {
		version,
		body,
		compressed,
		headers: keptHeaders.flatMap((name) => {
			const value = response.headers.get(name);
			return value === null ? [] : [[name, value] as [string, string]];
		})
	});
	return new Response(body, response);
};
