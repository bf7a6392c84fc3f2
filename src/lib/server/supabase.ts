// The Supabase Auth client for one request, its session kept in cookies by @supabase/ssr.
import { env } from '$env/dynamic/public';
import { createServerClient } from '@supabase/ssr';
import type { RequestEvent } from '@sveltejs/kit';
import ws from 'ws';

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

export function createSupabase(event: RequestEvent) {
	return createServerClient(env.PUBLIC_SUPABASE_URL ?? '', env.PUBLIC_SUPABASE_ANON_KEY ?? '', {
		cookies: {
			getAll: () => event.cookies.getAll(),
			setAll: (cookies, headers) => {
				for (const { name, value, options } of cookies) {
					event.cookies.set(name, value, { ...options, path: '/' });
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
		global: { fetch: event.fetch },
		// supabase-js creates a Realtime client eagerly; Node 20 has no global WebSocket.
		realtime: { transport: ws as never }
	});
}

export type Supabase = ReturnType<typeof createSupabase>;
