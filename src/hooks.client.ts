import {
	baseLocale,
	isLocale,
	overwriteGetLocale,
	overwriteSetLocale
} from '$lib/paraglide/runtime';

// The server decides the page's language (the member's setting, the switcher's cookie or the
// browser's) and writes it into <html lang>; the browser's strings follow it. Paraglide
// would otherwise store what it resolved in its cookie on the first page, and a member's
// language would outlast the sign-out on a shared computer. Only the switcher sets the cookie.
overwriteGetLocale(() => {
	const lang = document.documentElement.lang;
	return isLocale(lang) ? lang : baseLocale;
});
overwriteSetLocale(() => {});
