// Request parsing and response shapes shared by the handlers.
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, badRequest } from './errors.ts';

export type Reply =
	| { status: number; json: unknown; headers?: Record<string, string> }
	| { status: 204 }
	| { status: 303; location: string };

export type Request = {
	method: string;
	/** Path below /auth/v1, e.g. "/token". */
	path: string;
	url: URL;
	headers: IncomingHttpHeaders;
	/** Client address as GoTrue sees it: first valid X-Forwarded-For entry, else the peer. */
	ip: string;
	rawBody: Buffer;
};

export const json = (json: unknown, status = 200): Reply => ({ status, json });

export function header(request: Request, name: string): string | undefined {
	const value = request.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * The JSON body as GoTrue's retrieveRequestParams reads it: anything that is not
 * a JSON object fails like Go's json.Unmarshal into a struct.
 */
export function jsonBody(request: Request): Record<string, unknown> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(request.rawBody.toString('utf8'));
	} catch (error) {
		throw badRequest(
			'bad_json',
			`Could not parse request body as JSON: ${goJsonError((error as Error).message)}`
		);
	}
	if (parsed === null) return {};
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw badRequest(
			'bad_json',
			`Could not parse request body as JSON: json: cannot unmarshal ${goJsonType(parsed)} into Go value of type struct`
		);
	}
	return parsed as Record<string, unknown>;
}

/** The two json.Unmarshal messages that matter, from V8's wording. */
function goJsonError(message: string): string {
	if (/end of JSON input/i.test(message)) return 'unexpected end of JSON input';
	const token = /Unexpected token '?(.)/.exec(message);
	return token ? `invalid character '${token[1]}' looking for beginning of value` : message;
}

function goJsonType(value: unknown): string {
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'boolean') return 'bool';
	return typeof value;
}

function typeError(struct: string, key: string, value: unknown, want: string): ApiError {
	return badRequest(
		'bad_json',
		`Could not parse request body as JSON: json: cannot unmarshal ${goJsonType(value)} into Go struct field ${struct}.${key} of type ${want}`
	);
}

/**
 * Typed access to body fields. Missing keys and JSON null read as Go's zero
 * value ('' / false / undefined), wrong types fail as Go's decoder would.
 */
export function fields(body: Record<string, unknown>, struct: string) {
	return {
		string(key: string): string {
			const value = body[key];
			if (value === undefined || value === null) return '';
			if (typeof value !== 'string') throw typeError(struct, key, value, 'string');
			return value;
		},
		/** A *string field: undefined when absent or null. */
		optionalString(key: string): string | undefined {
			const value = body[key];
			if (value === undefined || value === null) return undefined;
			if (typeof value !== 'string') throw typeError(struct, key, value, 'string');
			return value;
		},
		boolean(key: string): boolean {
			const value = body[key];
			if (value === undefined || value === null) return false;
			if (typeof value !== 'boolean') throw typeError(struct, key, value, 'bool');
			return value;
		},
		object(key: string): Record<string, unknown> | undefined {
			const value = body[key];
			if (value === undefined || value === null) return undefined;
			if (typeof value !== 'object' || Array.isArray(value)) {
				throw typeError(struct, key, value, 'map[string]interface {}');
			}
			return value as Record<string, unknown>;
		}
	};
}

/** Go's url.QueryEscape: like encodeURIComponent, but space is '+' and !'()* are escaped. */
export function goQueryEscape(value: string): string {
	return encodeURIComponent(value)
		.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
		.replace(/%20/g, '+');
}

/** Go's url.Values.Encode: keys sorted, values query-escaped. */
export function goEncodeValues(values: Map<string, string> | Record<string, string>): string {
	const entries = values instanceof Map ? [...values.entries()] : Object.entries(values);
	return entries
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([key, value]) => `${goQueryEscape(key)}=${goQueryEscape(value)}`)
		.join('&');
}

/** GoTrue's utilities.GetIPAddress. */
export function clientIp(headers: IncomingHttpHeaders, peer: string | undefined): string {
	const forwarded = headers['x-forwarded-for'];
	const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
	for (const entry of list.map((e) => e.trim())) {
		if (entry && isIp(entry)) return entry;
	}
	return (peer ?? '').replace(/^::ffff:/, '');
}

function isIp(value: string): boolean {
	return (
		/^(\d{1,3}\.){3}\d{1,3}$/.test(value) || (value.includes(':') && /^[0-9a-f:.]+$/i.test(value))
	);
}
