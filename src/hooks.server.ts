import { AsyncLocalStorage } from 'node:async_hooks';
import { env } from '$env/dynamic/private';
import { sequence } from '@sveltejs/kit/hooks';
import { error, json, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { m } from '$lib/paraglide/messages';
import {
	extractLocaleFromRequestAsync,
	getTextDirection,
	locales,
	overwriteServerAsyncLocalStorage,
	type ParaglideAsyncLocalStorage
} from '$lib/paraglide/runtime';
import { closeDatabase } from '$lib/server/db';
import { endStreams } from '$lib/server/live';
import { rememberMemberLocale } from '$lib/server/locale';
import { settled } from '$lib/server/out-of-band';
import { startScheduler } from '$lib/server/scheduler';
import * as session from '$lib/server/session';
import { setSecurityHeaders } from '$lib/server/security-headers';
import { measure } from '$lib/server/sql-timing';
import { handleVisitorPages } from '$lib/server/visitor-pages';
import { createSupabase, type Supabase } from '$lib/server/supabase';

// Once per server: the scheduler runs the scheduled jobs and the mail sender (never
// while building). On SIGTERM adapter-node stops taking requests, then work started
// out of band (account mails) ends and the database connections close.
export const init: ServerInit = () => {
	if (building) return;
	startScheduler();
	// Open live pages would hold a stopping server until its time runs out (server/index.js).
	process.once('ratnetz:stopping', endStreams);
	process.once('sveltekit:shutdown', () => void settled().then(closeDatabase));
};

// Once per language: Paraglide asks Intl anew on every call.
const textDirections = new Map(locales.map((locale) => [locale, getTextDirection(locale)]));

// The request's language, where Paraglide's getLocale() looks for it: Paraglide's
// middleware without what the forum does not use. It copied every request twice (for
// languages in URLs and frameworks that need a new Request) and noted every message
// called (for splitting messages by page), a good part of a page's time.
const requestLocales: ParaglideAsyncLocalStorage = new AsyncLocalStorage();
overwriteServerAsyncLocalStorage(requestLocales);

const handleLocale: Handle = async ({ event, resolve }) => {
	// The async form asks custom strategies too: the signed-in member's own language.
	const locale = await extractLocaleFromRequestAsync(event.request);
	return requestLocales.run({ locale, origin: event.url.origin }, () =>
		resolve(event, {
			// Both are in the opening <html> tag (app.html): only it is copied, not the page.
			transformPageChunk: ({ html }) => {
				const tagEnd = html.indexOf('>', html.indexOf('<html')) + 1;
				const tag = html
					.slice(0, tagEnd)
					.replace('%paraglide.lang%', locale)
					.replace('%paraglide.dir%', textDirections.get(locale)!);
				return tag + html.slice(tagEnd);
			}
		})
	);
};

// Every request verifies the session: the token's signature (once per token) and expiry,
// then that the session still exists (a sign-out elsewhere ends it at once).
const handleSession: Handle = async ({ event, resolve }) => {
	// Auth's client is made when first used: a known token needs none (session.ts).
	let supabase: Supabase | undefined;
	Object.defineProperty(event.locals, 'supabase', {
		get: () => (supabase ??= createSupabase(event))
	});
	const { claims, member, confirmation } = await session.load(
		() => event.locals.supabase,
		() => event.cookies.getAll(),
		event.request.method
	);
	event.locals.claims = claims;
	event.locals.member = member;
	if (member) rememberMemberLocale(event.request, member.locale);
	if (!confirmation) return resolve(event);
	// Made for the member as kept, checked with the page's own reads: sent only if that
	// holds. Else the same page once more, checked first this time. A page's data (client
	// navigation, a form's result, a live page) is sent back as SvelteKit's own redirect of
	// data: an HTTP redirect would be followed by fetch to the data's address, which the
	// browser then showed as the page.
	const response = await confirmation.during(() => resolve(event));
	if (await confirmation.holds()) return response;
	const { pathname, search } = event.isDataRequest ? event.url : new URL(event.request.url);
	if (event.isDataRequest) return json({ type: 'redirect', location: pathname + search });
	return new Response(null, { status: 303, headers: { location: pathname + search } });
};

// A NUL cannot be stored or compared in Postgres text, and no path or query of ours
// carries one: such an address is refused here, before any page reads it (it was a 500).
// Forms drop NULs in parseForm ($lib/forms).
const handleNul: Handle = ({ event, resolve }) => {
	const { pathname, search } = event.url;
	if (/%00/i.test(pathname)) error(404, m.error_not_found());
	if (/%00/i.test(search)) error(400, m.error_bad_address());
	return resolve(event);
};

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	setSecurityHeaders(response.headers, event.url, Boolean(event.locals.claims));
	return response;
};

// For the benchmark (SQL_TIMING=1): the request's SQL time and round trips, session check included.
const handleSqlTiming: Handle = async ({ event, resolve }) => {
	const [spent, resolved] = measure(() => resolve(event));
	const response = await resolved;
	response.headers.set(
		'Server-Timing',
		`sql;dur=${spent.ms.toFixed(2)};desc="${spent.roundTrips} round trips"`
	);
	return response;
};

export const handle: Handle = sequence(
	...(env.SQL_TIMING === '1' ? [handleSqlTiming] : []),
	handleHeaders,
	handleSession,
	handleLocale,
	handleNul,
	handleVisitorPages
);

// Unexpected errors: the member sees a translated message, the log gets the
// error and the route, never form contents or addresses.
export const handleError: HandleServerError = ({ error, event, status }) => {
	// 4xx are the request's fault (an address that is no page, a malformed one): not logged.
	if (status >= 500) {
		const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
		console.error(
			JSON.stringify({ level: 'error', route: event.route.id, status, name, message, stack })
		);
	}
	if (status === 404) return { message: m.error_not_found() };
	// SvelteKit's own 400: an address with a broken escape ("/c/%ff").
	if (status === 400) return { message: m.error_bad_address() };
	return { message: m.error_unexpected_page() };
};
