// RFC 8058 one-click unsubscribe: mail providers POST "List-Unsubscribe=One-Click" as
// form data from their own servers, with no Origin of ours. SvelteKit's CSRF check
// (which stays on) refuses such a post before any hook runs. For exactly the
// unsubscribe link, and nothing else, the request is marked as coming from the app
// itself. That is safe there: the 256-bit token in the path is the only key, the
// endpoint needs no cookies and unsubscribing twice changes nothing.
// Plain JavaScript, so the production server (server/index.js) and `vite preview` (a
// plugin in vite.config.ts) share it without a build step.

const oneClickPath = /^\/unsubscribe\/[0-9a-f]{64}$/;

/**
 * Lets a one-click unsubscribe through the CSRF check by giving it the app's own
 * origin; leaves every other request as it is. Returns whether it was one.
 * @param {import('node:http').IncomingMessage} request
 * @param {string} origin the app's origin, as SvelteKit will compare it
 */
export function allowOneClickUnsubscribe(request, origin) {
	if (request.method !== 'POST' || !oneClickPath.test(request.url ?? '')) return false;
	request.headers.origin = origin;
	return true;
}
