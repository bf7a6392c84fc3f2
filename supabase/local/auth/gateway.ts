// What the Supabase API gateway (Kong) does before a request reaches GoTrue:
// CORS, the API key check, deriving Authorization from the key, and X-Forwarded-For.
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { isApiKey, type Keys } from './tokens.ts';

/** Reachable without a key: mail links, OAuth callbacks, and public metadata. */
const openPaths = new Set([
	'/verify',
	'/callback',
	'/authorize',
	'/health',
	'/.well-known/jwks.json'
]);

const allowedHeaders =
	'authorization, apikey, content-type, x-client-info, prefer, accept-profile, content-profile, range, ' +
	'x-supabase-api-version, x-retry-count, traceparent, tracestate, baggage';
const exposedHeaders =
	'Content-Range, X-Supabase-Api-Version, X-Total-Count, Link, Content-Location, Location, Range-Unit, x-sb-error-code';

export function corsHeaders(): Record<string, string> {
	return { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': exposedHeaders };
}

export function preflightHeaders(request: IncomingMessage): OutgoingHttpHeaders {
	return {
		...corsHeaders(),
		'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
		'Access-Control-Allow-Headers':
			request.headers['access-control-request-headers'] ?? allowedHeaders,
		'Access-Control-Max-Age': '86400'
	};
}

/**
 * The gateway appends the address it was called from to X-Forwarded-For, as Kong does, so
 * Auth sees the caller's own list with the caller last (ratelimit.ts, http.ts clientIp).
 */
export function forwardFor(request: IncomingMessage) {
	const peer = (request.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
	const forwarded = request.headers['x-forwarded-for'];
	const list = Array.isArray(forwarded) ? forwarded.join(', ') : forwarded;
	request.headers['x-forwarded-for'] = list ? `${list}, ${peer}` : peer;
}

export type GatewayRejection = { status: 401; body: { message: string; hint: string } };

/**
 * Hosted Supabase's key check (1.2) and the CLI gateway's Authorization rule (1.3):
 * a user token in Authorization is passed on; otherwise the key itself becomes the
 * Authorization value (verbatim, so GoTrue sees no "Bearer" and answers 401).
 */
export async function applyGateway(
	keys: Keys,
	path: string,
	url: URL,
	request: IncomingMessage
): Promise<GatewayRejection | null> {
	if (openPaths.has(path)) return null;
	const headerKey = request.headers.apikey;
	const apikey =
		(Array.isArray(headerKey) ? headerKey[0] : headerKey) ?? url.searchParams.get('apikey');
	if (!apikey) {
		return {
			status: 401,
			body: {
				message: 'No API key found in request',
				hint: 'No `apikey` request header or url param was found.'
			}
		};
	}
	if (!(await isApiKey(keys, apikey))) {
		return {
			status: 401,
			body: {
				message: 'Invalid API key',
				hint: 'Double check your Supabase `anon` or `service_role` API key.'
			}
		};
	}
	const authorization = request.headers.authorization;
	if (!authorization || authorization.startsWith('Bearer sb_'))
		request.headers.authorization = apikey;
	return null;
}
