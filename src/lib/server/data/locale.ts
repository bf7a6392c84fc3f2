// A signed-in member's saved language wins over the cookie and the browser.
import type { Cookies } from '@sveltejs/kit';
import { cookieName, defineCustomServerStrategy, type Locale } from '$lib/paraglide/runtime';

const memberLocales = new WeakMap<Request, Locale>();

export function rememberMemberLocale(request: Request, locale: Locale) {
	memberLocales.set(request, locale);
}

defineCustomServerStrategy('custom-member', {
	getLocale: (request) => (request ? memberLocales.get(request) : undefined)
});

/** The language cookie: readable by the browser's Paraglide runtime, so not httpOnly. */
export function setLocaleCookie(cookies: Cookies, locale: Locale) {
	cookies.set(cookieName, locale, {
		path: '/',
		maxAge: 60 * 60 * 24 * 400,
		httpOnly: false,
		sameSite: 'lax'
	});
}
