// Shared helpers of the Auth stand-in tests: clients, raw requests, database
// access, and extra stand-in instances with their own settings and mail catcher.
import {
	createClient,
	type SupabaseClient,
	type SupabaseClientOptions
} from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { parse, stringify } from 'smol-toml';
import ws from 'ws';
import { startAuth } from '../../../supabase/local/auth/server.ts';
import type { AccessClaims } from '../../../supabase/local/auth/tokens.ts';
import {
	apiKey,
	apiUrl,
	authAdminRole,
	dbUrl,
	jwtSecret,
	projectRoot
} from '../../../supabase/local/env.ts';
import { startMail } from '../../../supabase/local/mail/server.ts';
import type { MailMessage } from '../../../supabase/local/mail/store.ts';
import { clientAddress } from '../../support/addresses.ts';

export const url = process.env.PUBLIC_SUPABASE_URL ?? apiUrl;
export const anonKey = process.env.PUBLIC_SUPABASE_ANON_KEY ?? (await apiKey('anon'));
export const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY ?? (await apiKey('service_role'));
/** What the app sends as redirect_to: its origin (config.toml's site_url). */
export const appOrigin = 'http://localhost:5173';
export const password = 'correct-horse-42';

/** The superuser connection: tests look at auth.* rows the way GoTrue wrote them. */
export const sql = postgres(process.env.TEST_DATABASE_URL ?? dbUrl(), {
	max: 4,
	idle_timeout: 1,
	onnotice: () => {}
});

/**
 * supabase-js throws on Node 20 without a WebSocket implementation. ws fits at
 * runtime; its constructor type (address may be null) differs from realtime-js's.
 */
const transport = ws as unknown as NonNullable<
	NonNullable<SupabaseClientOptions<'public'>['realtime']>['transport']
>;

export function uniqueEmail(label = 'user'): string {
	return `${label}-${randomUUID()}@example.org`;
}

/** Every client, raw request and followed link comes from an address of its own. */
const fromSomewhere = () => ({ 'X-Forwarded-For': clientAddress() });

export function client(key = anonKey, base = url): SupabaseClient {
	return createClient(base, key, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		global: { headers: fromSomewhere() },
		realtime: { transport }
	});
}

export const admin = () => client(serviceKey).auth.admin;

/** A browser-like client (as @supabase/ssr makes): PKCE flow, code verifier kept in memory. */
export function pkceClient(): SupabaseClient {
	const store = new Map<string, string>();
	return createClient(url, anonKey, {
		auth: {
			flowType: 'pkce',
			persistSession: true,
			autoRefreshToken: false,
			detectSessionInUrl: false,
			storage: {
				getItem: (key) => store.get(key) ?? null,
				setItem: (key, value) => void store.set(key, value),
				removeItem: (key) => void store.delete(key)
			}
		},
		global: { headers: fromSomewhere() },
		realtime: { transport }
	});
}

/** The fields of Auth answers the tests read directly; the rest stays unknown. */
export type AuthJson = {
	code?: string | number;
	message?: string;
	access_token?: string;
	refresh_token?: string;
	[key: string]: unknown;
};

/** A direct request to /auth/v1 as supabase-js makes it (apikey + API version header). */
export async function raw(
	route: string,
	init: {
		method?: string;
		body?: unknown;
		token?: string;
		headers?: Record<string, string>;
		base?: string;
	} = {}
) {
	const headers: Record<string, string> = {
		apikey: anonKey,
		Authorization: `Bearer ${init.token ?? anonKey}`,
		'X-Supabase-Api-Version': '2024-01-01',
		...fromSomewhere(),
		...(init.body !== undefined ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}),
		...init.headers
	};
	const response = await fetch(`${init.base ?? url}/auth/v1${route}`, {
		method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
		headers,
		body:
			init.body === undefined
				? undefined
				: typeof init.body === 'string'
					? init.body
					: JSON.stringify(init.body),
		redirect: 'manual'
	});
	const text = await response.text();
	const json: unknown = text ? JSON.parse(text) : null;
	return { status: response.status, headers: response.headers, json: (json ?? {}) as AuthJson };
}

/** Clicks a mail link: the 303 and where it points. */
export async function follow(link: string) {
	const response = await fetch(link, { redirect: 'manual', headers: fromSomewhere() });
	return { status: response.status, location: response.headers.get('location') ?? '' };
}

/** A confirmed user made through the admin API, signed in. */
export async function signedInUser(email = uniqueEmail()) {
	const { data, error } = await admin().createUser({ email, password, email_confirm: true });
	if (error) throw error;
	const supabase = client();
	const signIn = await supabase.auth.signInWithPassword({ email, password });
	if (signIn.error) throw signIn.error;
	return { supabase, user: data.user, session: signIn.data.session };
}

/**
 * As if the user's last mails had gone out a minute ago: config.toml's max_frequency (1s)
 * allows the next one at once, without the test waiting on the clock.
 */
export async function lastMailsAMinuteAgo(email: string) {
	await sql`
		update auth.users set
			confirmation_sent_at = confirmation_sent_at - interval '1 minute',
			recovery_sent_at = recovery_sent_at - interval '1 minute',
			email_change_sent_at = email_change_sent_at - interval '1 minute'
		where email = ${email}`;
}

/** The token hash a mail link would carry, as GoTrue stored it. */
export async function oneTimeToken(
	email: string,
	type:
		| 'confirmation_token'
		| 'recovery_token'
		| 'email_change_token_new'
		| 'email_change_token_current'
) {
	const [row] = await sql<{ token_hash: string }[]>`
		select t.token_hash from auth.one_time_tokens t where t.relates_to = ${email} and t.token_type = ${type}`;
	return row?.token_hash;
}

export type ExtraStack = {
	url: string;
	/** Mails received by this instance's own catcher, newest first. */
	mails(to: string): Promise<MailMessage[]>;
	stop(): Promise<void>;
};

/** The config.toml settings the tests change (the file has more). */
export type ConfigToml = {
	auth: {
		enable_signup: boolean;
		rate_limit: Record<string, number>;
		email: {
			enable_confirmations: boolean;
			max_frequency: string;
			template?: unknown;
			smtp: { port: number };
		};
		hook?: { send_email?: { enabled: boolean; uri: string; secrets: string } };
	};
};

/**
 * Another stand-in on a free port with config.toml patched (say tighter rate
 * limits), its own signing key and its own mail catcher — for behaviour that the
 * shared stack's settings would not show; on another database of the local Postgres
 * when `database` names one (reset.ts, ownDatabase).
 */
export async function extraStack(
	patch: (config: ConfigToml) => void,
	database?: string
): Promise<ExtraStack> {
	const dir = await mkdtemp(path.join(tmpdir(), 'auth-test-'));
	const mail = await startMail({ smtpPort: 0, httpPort: 0, log: () => {} });
	const config = parse(
		await readFile(path.join(projectRoot, 'supabase/config.toml'), 'utf8')
	) as unknown as ConfigToml;
	config.auth.email.smtp.port = mail.smtpPort;
	// GoTrue's own mailer, so the mails land in this instance's catcher (a test may add a hook).
	delete config.auth.hook;
	patch(config);
	const configFile = path.join(dir, 'config.toml');
	await writeFile(configFile, stringify(config as unknown as Record<string, unknown>));
	const auth = await startAuth({
		port: 0,
		databaseUrl: dbUrl(authAdminRole, database),
		jwtSecret,
		stateDir: dir,
		log: () => {},
		configFile
	});
	return {
		url: `http://127.0.0.1:${auth.port}`,
		async mails(to) {
			const response = await fetch(
				`http://127.0.0.1:${mail.httpPort}/api/messages?to=${encodeURIComponent(to)}`
			);
			return (await response.json()) as MailMessage[];
		},
		async stop() {
			await auth.close();
			await mail.close();
			await rm(dir, { recursive: true, force: true });
		}
	};
}

/** The claims of an access token, without verifying it. */
export function claimsOf(jwt: string): AccessClaims {
	return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as AccessClaims;
}
