// The Supabase Auth client for one request, its session kept in cookies by @supabase/ssr.
import { env } from '$env/dynamic/public';
import { createServerClient } from '@supabase/ssr';
import { createClient } from '@supabase/supabase-js';
import type { RequestEvent } from '@sveltejs/kit';
import ws from 'ws';

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The session cookie lives as long as Auth keeps an unused session: [auth.sessions]
 * inactivity_timeout of supabase/config.toml (tests/integration/security/sessions.spec.ts
 * keeps them in step). It is written anew whenever the token is refreshed, so it expires
 * after that long without a visit, not 400 days after sign-in as @supabase/ssr's default.
 */
export const sessionCookieMaxAge = 14 * 24 * 60 * 60;

export function createSupabase(event: RequestEvent) {
	return createServerClient(env.PUBLIC_SUPABASE_URL ?? '', env.PUBLIC_SUPABASE_ANON_KEY ?? '', {
		cookies: {
			getAll: () => event.cookies.getAll(),
			setAll: (cookies, headers) => {
				for (const { name, value, options } of cookies) {
					// @supabase/ssr gives every cookie it writes 400 days, whatever cookieOptions say;
					// deletions (maxAge 0) stay as they are.
					const maxAge = options.maxAge === 0 ? 0 : sessionCookieMaxAge;
					event.cookies.set(name, value, { ...options, path: '/', maxAge });
				}
				if (headers && Object.keys(headers).length) event.setHeaders(headers);
			}
		},
		// The browser never talks to Supabase (the server is the API), so the session
		// cookie can be httpOnly; `secure` everywhere but on a developer's loopback.
		cookieOptions: {
			httpOnly: true,
			sameSite: 'lax',
			secure: !loopback.has(event.url.hostname)
		},
		// Auth limits sign-ins, refreshes and mails per IP, by the first X-Forwarded-For
		// address (supabase/config.toml): the member's, not this server's, which every
		// member's requests would otherwise share.
		global: { fetch: event.fetch, headers: { 'X-Forwarded-For': event.getClientAddress() } },
		// supabase-js creates a Realtime client eagerly; Node 20 has no global WebSocket.
		realtime: { transport: ws as never }
	});
}

export type Supabase = ReturnType<typeof createSupabase>;

/**
 * An Auth client that keeps no session and sets no cookie, for calls that run after the
 * answer went out (out-of-band.ts), on behalf of the member at `clientAddress`.
 */
export function createDetachedSupabase(clientAddress: string) {
	return createClient(env.PUBLIC_SUPABASE_URL ?? '', env.PUBLIC_SUPABASE_ANON_KEY ?? '', {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		global: { headers: { 'X-Forwarded-For': clientAddress } },
		realtime: { transport: ws as never }
	});
}
