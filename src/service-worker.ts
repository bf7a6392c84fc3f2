/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
// Offline, a page that cannot load shows the helplines (routes/offline) instead of the
// browser's error. Nothing else is kept: only that page, as a visitor gets it (no cookies,
// so never a signed-in member's page), and the stylesheets it names.
import { version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;
const cacheName = `offline-${version}`;
const offlinePage = '/offline';
const day = 24 * 60 * 60 * 1000;

/** Fetches the offline page anew (the helplines may have changed) with its stylesheets. */
async function keepOfflinePage() {
	const response = await fetch(offlinePage, { credentials: 'omit', cache: 'no-store' });
	if (!response.ok) return;
	const html = await response.clone().text();
	// Named relative to the page (./_app/…) or to the site (/_app/…).
	const styles = [...html.matchAll(/href="((?:\.|)\/_app\/immutable\/[^"]+\.css)"/g)].map(
		([, href]) => new URL(href, new URL(offlinePage, worker.location.origin)).pathname
	);
	const cache = await caches.open(cacheName);
	await cache.addAll(styles);
	await cache.put(offlinePage, response);
}

/** Kept more than a day ago (or never): fetched again after a page loaded fine. */
async function keptRecently() {
	const kept = await caches.match(offlinePage);
	const at = kept?.headers.get('date');
	return at !== null && at !== undefined && Date.now() - Date.parse(at) < day;
}

worker.addEventListener('install', (event) => {
	event.waitUntil(keepOfflinePage().then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(keys.filter((key) => key !== cacheName).map((key) => caches.delete(key)))
			)
			.then(() => worker.clients.claim())
	);
});

worker.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	if (request.mode === 'navigate') {
		event.respondWith(
			fetch(request).then(
				(response) => {
					event.waitUntil(keptRecently().then((recent) => recent || keepOfflinePage()));
					return response;
				},
				async () => (await caches.match(offlinePage)) ?? Response.error()
			)
		);
	} else if (/\/_app\/immutable\/.+\.css$/.test(new URL(request.url).pathname)) {
		// The offline page's stylesheets, when the network cannot give them. The page names
		// them relative to its own address, which offline is that of the page asked for.
		const { pathname } = new URL(request.url);
		const kept = pathname.slice(pathname.indexOf('/_app/immutable/'));
		event.respondWith(
			fetch(request).catch(async () => (await caches.match(kept)) ?? Response.error())
		);
	}
});
