// GoTrue's error types and its two wire formats. auth-js sends
// `X-Supabase-Api-Version: 2024-01-01` and then reads `{code, message}`; without
// that header GoTrue answers in the legacy `{code: <status>, error_code, msg}` shape.
import { randomUUID } from 'node:crypto';

export const apiVersionHeader = 'x-supabase-api-version';
export const apiVersion20240101 = '2024-01-01';

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

/** 422 weak_password with the reasons auth-js turns into AuthWeakPasswordError. */
export class WeakPasswordError extends ApiError {
	constructor(
		message: string,
		readonly reasons: string[]
	) {
		super(422, 'weak_password', message);
	}
}

/** OAuth2-style `{error, error_description}`, always 400 (a few token-grant paths). */
export class OAuthError extends Error {
	constructor(
		readonly error: string,
		readonly description: string
	) {
		super(`${error}: ${description}`);
	}
}

export const badRequest = (code: string, message: string) => new ApiError(400, code, message);
export const unauthorized = (code: string, message: string) => new ApiError(401, code, message);
export const forbidden = (code: string, message: string) => new ApiError(403, code, message);
export const notFound = (code: string, message: string) => new ApiError(404, code, message);
export const unprocessable = (code: string, message: string) => new ApiError(422, code, message);
export const tooManyRequests = (code: string, message: string) => new ApiError(429, code, message);
export const internalError = (message: string) => new ApiError(500, 'unexpected_failure', message);

/** "2024-01-01" when the request asked for that API version (or a later date), else null. */
export function requestedApiVersion(header: string | undefined): string | null {
	if (!header || !/^\d{4}-\d{2}-\d{2}$/.test(header) || Number.isNaN(Date.parse(header)))
		return null;
	return header >= apiVersion20240101 ? apiVersion20240101 : null;
}

export type ErrorReply = {
	status: number;
	headers: Record<string, string>;
	body: Record<string, unknown>;
};

export function errorReply(error: unknown, apiVersion: string | null): ErrorReply {
	const headers: Record<string, string> = {};
	if (apiVersion) headers['X-Supabase-Api-Version'] = apiVersion;

	if (error instanceof OAuthError) {
		return {
			status: 400,
			headers,
			body: { error: error.error, error_description: error.description }
		};
	}
	const known =
		error instanceof ApiError
			? error
			: internalError('Unexpected failure, please check server logs for more information');
	headers['x-sb-error-code'] = known.code;
	const weak =
		known instanceof WeakPasswordError ? { weak_password: { reasons: known.reasons } } : {};
	if (apiVersion) {
		return {
			status: known.status,
			headers,
			body: { code: known.code, message: known.message, ...weak }
		};
	}
	const body: Record<string, unknown> = {
		code: known.status,
		error_code: known.code,
		msg: known.message,
		...weak
	};
	// GoTrue tags server errors with the request id so they can be found in its log.
	if (known.status >= 500) body.error_id = randomUUID();
	return { status: known.status, headers, body };
}
