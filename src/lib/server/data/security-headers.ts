// The headers every answer carries (the Content-Security-Policy comes from SvelteKit,
// vite.config.ts).

/** A browser that saw the forum over https keeps to https for a year, subdomains included. */
const hsts = 'max-age=31536000; includeSubDomains';

/**
 * `url` is the request's address as the app knows it (ORIGIN in production), so HSTS goes
 * out where the forum is served over https, never on a developer's http://localhost.
 */
export function setSecurityHeaders(headers: Headers, url: URL, signedIn: boolean) {
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	if (url.protocol === 'https:') headers.set('Strict-Transport-Security', hsts);
	if (signedIn) headers.set('Cache-Control', 'private, no-store');
}
