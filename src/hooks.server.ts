import { env } from '$env/dynamic/private';
import { sequence } from '@sveltejs/kit/hooks';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { m } from '$lib/paraglide/messages';
import { getTextDirection } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { closeDatabase } from '$lib/server/db';
import { rememberMemberLocale } from '$lib/server/locale';
import { startMailDelivery } from '$lib/server/mail-delivery';
import * as session from '$lib/server/session';
import { measure } from '$lib/server/sql-timing';
import { handleVisitorPages } from '$lib/server/visitor-pages';
import { createSupabase, type Supabase } from '$lib/server/supabase';

// Once per server: the mail sender works the outbox (never while building). On
// SIGTERM adapter-node stops taking requests, then the database connections close.
export const init: ServerInit = () => {
	if (building) return;
	startMailDelivery();
	process.once('sveltekit:shutdown', () => void closeDatabase());
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html
					.replace('%paraglide.lang%', locale)
					.replace('%paraglide.dir%', getTextDirection(locale))
		});
	});

// Every request verifies the session: the token's signature (once per token) and expiry,
// then that the session still exists (a sign-out elsewhere ends it at once).
const handleSession: Handle = async ({ event, resolve }) => {
	// Auth's client is made when first used: a known token needs none (session.ts).
	let supabase: Supabase | undefined;
	Object.defineProperty(event.locals, 'supabase', {
		get: () => (supabase ??= createSupabase(event))
	});
	const { claims, member } = await session.load(
		() => event.locals.supabase,
		() => event.cookies.getAll()
	);
	event.locals.claims = claims;
	event.locals.member = member;
	if (member) rememberMemberLocale(event.request, member.locale);
	return resolve(event);
};

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	if (event.locals.claims) response.headers.set('Cache-Control', 'private, no-store');
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
	handleVisitorPages
);

// Unexpected errors: the member sees a translated message, the log gets the
// error and the route, never form contents or addresses.
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) {
		const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
		console.error(
			JSON.stringify({ level: 'error', route: event.route.id, status, name, message, stack })
		);
	}
	return { message: status === 404 ? m.error_not_found() : m.error_unexpected_page() };
};
