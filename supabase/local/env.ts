// Settings of the built-in local Supabase. The values mirror the Supabase CLI's
// well-known local defaults, so nothing here is a secret: they only ever guard
// a database on loopback.
import { SignJWT } from 'jose';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const stateDir = path.join(projectRoot, '.local');

const config = parse(readFileSync(path.join(projectRoot, 'supabase/config.toml'), 'utf8')) as {
	api?: { port?: number };
	db?: { port?: number };
	inbucket?: { port?: number; smtp_port?: number };
	auth?: { site_url?: string };
};

/**
 * Shifts every local port (the stack's, the dev server's, the browser tests' app) by the same
 * amount, so a second checkout runs beside the first without editing supabase/config.toml:
 * `LOCAL_PORT_OFFSET=100 npm test`.
 */
export const portOffset = Number(process.env.LOCAL_PORT_OFFSET ?? 0);
if (!Number.isInteger(portOffset) || portOffset < 0 || portOffset > 2000) {
	throw new Error(`LOCAL_PORT_OFFSET must be a whole number from 0 to 2000, not "${portOffset}"`);
}

/** Ports come from supabase/config.toml, as with the Supabase CLI, shifted by LOCAL_PORT_OFFSET. */
function configuredPorts() {
	return {
		api: (config.api?.port ?? 54321) + portOffset,
		db: (config.db?.port ?? 54322) + portOffset,
		inbox: (config.inbucket?.port ?? 54324) + portOffset,
		smtp: (config.inbucket?.smtp_port ?? 54325) + portOffset,
		/** `npm run dev` (Vite's default) and the production build under the browser tests. */
		dev: 5173 + portOffset,
		e2e: 4173 + portOffset
	} as const;
}
export const ports = configuredPorts();

export const jwtSecret = 'super-secret-jwt-token-with-at-least-32-characters-long';
export const dbSuperuser = { user: 'postgres', password: 'postgres' };
/** The app's login role: NOINHERIT, owns nothing, may only switch to the API roles. */
export const serverRole = { user: 'ratnetz_server', password: 'ratnetz-local-server' };
export const authAdminRole = { user: 'supabase_auth_admin', password: 'supabase-local-auth' };

/** The key Auth signs its calls of the app's Send Email Hook with (Standard Webhooks format). */
export const sendEmailHookSecret = 'v1,whsec_cmF0bmV0ei1sb2NhbC1zZW5kLWVtYWlsLWhvb2sta2V5';

/** `npm run dev`'s address: config.toml's site URL, on the dev port of this checkout. */
export function devOrigin() {
	const origin = new URL(config.auth?.site_url ?? 'http://localhost');
	origin.port = String(ports.dev);
	return origin.origin;
}

export const apiUrl = `http://127.0.0.1:${ports.api}`;
export const inboxUrl = `http://127.0.0.1:${ports.inbox}`;

export function dbUrl(
	role: { user: string; password: string } = dbSuperuser,
	database = 'postgres'
) {
	return `postgresql://${role.user}:${role.password}@127.0.0.1:${ports.db}/${database}`;
}

/** Legacy API keys: HS256 JWTs with the CLI's claims, signed with the JWT secret. */
export async function apiKey(role: 'anon' | 'service_role') {
	return new SignJWT({ iss: 'supabase-demo', role })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setExpirationTime(1983812996)
		.sign(new TextEncoder().encode(jwtSecret));
}

/** What `npm run local:status` prints and what the app and tests read. */
export async function localEnv() {
	return {
		API_URL: apiUrl,
		DB_URL: dbUrl(),
		SERVER_DB_URL: dbUrl(serverRole),
		ANON_KEY: await apiKey('anon'),
		SERVICE_ROLE_KEY: await apiKey('service_role'),
		JWT_SECRET: jwtSecret,
		JWKS_URL: `${apiUrl}/auth/v1/.well-known/jwks.json`,
		MAIL_URL: inboxUrl,
		SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`,
		// config.toml's [auth.hook.send_email] reads both. Auth calls the app the stack runs
		// with (its ORIGIN, as under Playwright), else the dev server (the site URL's host).
		SEND_EMAIL_HOOK_URI:
			process.env.SEND_EMAIL_HOOK_URI ??
			new URL('/api/auth/send-email', process.env.ORIGIN ?? devOrigin()).href,
		SEND_EMAIL_HOOK_SECRET: sendEmailHookSecret
	};
}

/** Reads a project's .env (if any) into process.env, so a hosted project configured there is seen. */
export function loadDotEnv() {
	const file = path.join(projectRoot, '.env');
	if (existsSync(file)) process.loadEnvFile(file);
}

export type LocalEnv = Awaited<ReturnType<typeof localEnv>>;

/** The app's environment for the local stack: what a hosted project sets in .env. */
export function appEnv(env: LocalEnv) {
	return {
		PUBLIC_SUPABASE_URL: env.API_URL,
		PUBLIC_SUPABASE_ANON_KEY: env.ANON_KEY,
		SUPABASE_SERVICE_ROLE_KEY: env.SERVICE_ROLE_KEY,
		DATABASE_URL: env.SERVER_DB_URL,
		SMTP_URL: env.SMTP_URL,
		SEND_EMAIL_HOOK_SECRET: env.SEND_EMAIL_HOOK_SECRET
	};
}

/**
 * The dev server's environment: its own address too, where the links in the mails it sends
 * lead (src/lib/server/mail/delivery.ts), on this checkout's dev port.
 */
export function devEnv(env: LocalEnv | null) {
	return { ...(env ? appEnv(env) : {}), ORIGIN: process.env.ORIGIN ?? devOrigin() };
}

/** What tests need beyond the app's environment: the owner's connection and the inbox. */
export function testEnv(env: LocalEnv) {
	return { ...appEnv(env), TEST_DATABASE_URL: env.DB_URL, MAIL_URL: env.MAIL_URL };
}

/**
 * For test runs: the environment of the project in .env, else of the local stack.
 * Vite reads $env/dynamic/* when its config loads, before any global setup runs,
 * so the (fixed) local values are put in place here.
 */
export async function useTestEnv() {
	loadDotEnv();
	if (!process.env.PUBLIC_SUPABASE_URL) Object.assign(process.env, testEnv(await localEnv()));
}
