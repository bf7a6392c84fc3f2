// The Auth settings of supabase/config.toml, read the way the Supabase CLI turns
// them into GoTrue's environment (GOTRUE_*). Defaults are the CLI's where the CLI
// sets one, else GoTrue's.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'smol-toml';
import { parseGoDuration } from './duration.ts';

const templateTypes = ['confirmation', 'recovery', 'email_change', 'invite', 'magic_link'] as const;
export type TemplateType = (typeof templateTypes)[number];

export type AuthConfig = {
	siteUrl: string;
	/** GOTRUE_URI_ALLOW_LIST: glob patterns a redirect_to may match. */
	uriAllowList: string[];
	jwtExpirySeconds: number;
	refreshTokenRotation: boolean;
	refreshTokenReuseSeconds: number;
	disableSignup: boolean;
	emailEnabled: boolean;
	password: { minLength: number; requiredCharacters: string[] };
	/** Per-IP budgets per 5 minutes (ratelimit.ts), except emailSentPerHour (the project's). */
	/**
	 * [auth.sessions] (GOTRUE_SESSIONS_*): a session ends this long after it was made
	 * (timebox) or after it was last refreshed (inactivity); 0 = never.
	 */
	sessions: { timeboxMs: number; inactivityTimeoutMs: number };
	rateLimit: {
		emailSentPerHour: number;
		signInSignUps: number;
		tokenRefresh: number;
		tokenVerifications: number;
	};
	mailer: {
		autoconfirm: boolean;
		secureEmailChange: boolean;
		securePasswordChange: boolean;
		maxFrequencyMs: number;
		otpLength: number;
		otpExpirySeconds: number;
		/** Absolute paths of configured template bodies, and subject overrides. */
		templates: Partial<Record<TemplateType, { subject?: string; contentFile?: string }>>;
	};
	/**
	 * [auth.hook.send_email]: Auth posts each mail's data to this URI instead of sending
	 * it; secrets are Standard Webhooks keys ("v1,whsec_<base64>", several joined by "|").
	 */
	sendEmailHook: { uri: string; secrets: string[] } | null;
	/** null = GoTrue's no-op mailer (no SMTP host): mails are silently dropped. */
	smtp: {
		host: string;
		port: number;
		user: string;
		pass: string;
		adminEmail: string;
		senderName: string;
	} | null;
};

// The character sets GoTrue's GOTRUE_PASSWORD_REQUIRED_CHARACTERS gets from the CLI.
const lower = 'abcdefghijklmnopqrstuvwxyz';
const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const digits = '0123456789';
const symbols = '!@#$%^&*()_+-=[]{};\'\\:"|<>?,./`~';
const passwordRequirements: Record<string, string[]> = {
	'': [],
	letters_digits: [lower + upper, digits],
	lower_upper_letters_digits: [lower, upper, digits],
	lower_upper_letters_digits_symbols: [lower, upper, digits, symbols]
};

type Table = Record<string, unknown>;

function table(value: unknown): Table {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as Table)
		: {};
}

function get<T extends string | number | boolean>(t: Table, key: string, fallback: T): T {
	const value = t[key];
	if (value === undefined) return fallback;
	if (typeof value !== typeof fallback)
		throw new Error(`config.toml: ${key} must be a ${typeof fallback}`);
	return value as T;
}

/** The CLI's `env(NAME)` values: read from the environment, so secrets stay out of the file. */
function fromEnv(value: string, env: NodeJS.ProcessEnv): string {
	const name = /^env\((\w+)\)$/.exec(value)?.[1];
	if (!name) return value;
	const found = env[name];
	if (found === undefined) throw new Error(`config.toml: ${value} is not set`);
	return found;
}

function sendEmailHook(auth: Table, env: NodeJS.ProcessEnv): AuthConfig['sendEmailHook'] {
	const hook = table(table(auth.hook).send_email);
	if (!get(hook, 'enabled', false)) return null;
	const uri = fromEnv(get(hook, 'uri', ''), env);
	if (!/^https?:\/\//.test(uri)) {
		throw new Error('config.toml: [auth.hook.send_email] uri must be an http(s) URL here');
	}
	const secrets = fromEnv(get(hook, 'secrets', ''), env)
		.split('|')
		.filter(Boolean);
	if (secrets.length === 0 || secrets.some((secret) => !secret.startsWith('v1,whsec_'))) {
		throw new Error('config.toml: [auth.hook.send_email] secrets must be "v1,whsec_<base64>"');
	}
	return { uri, secrets };
}

export async function loadAuthConfig(
	configFile: string,
	projectRoot: string,
	env: NodeJS.ProcessEnv = process.env
): Promise<AuthConfig> {
	const root = table(parse(await readFile(configFile, 'utf8')));
	const auth = table(root.auth);
	const email = table(auth.email);
	const smtp = table(email.smtp);
	const inbucket = table(root.inbucket);
	const limits = table(auth.rate_limit);
	const sessions = table(auth.sessions);
	const requirements = get(auth, 'password_requirements', '');
	if (!(requirements in passwordRequirements)) {
		throw new Error(`config.toml: unknown password_requirements "${requirements}"`);
	}
	const redirectUrls = auth.additional_redirect_urls ?? [];
	if (!Array.isArray(redirectUrls) || redirectUrls.some((u) => typeof u !== 'string')) {
		throw new Error('config.toml: additional_redirect_urls must be a list of strings');
	}

	const templates: AuthConfig['mailer']['templates'] = {};
	for (const type of templateTypes) {
		const t = table(table(email.template)[type]);
		const contentPath = get(t, 'content_path', '');
		templates[type] = {
			subject: get(t, 'subject', '') || undefined,
			contentFile: contentPath ? path.resolve(projectRoot, contentPath) : undefined
		};
	}

	// Like the CLI: a disabled [auth.email.smtp] sends to the bundled catcher (Inbucket).
	const smtpEnabled = get(smtp, 'enabled', false);
	const catcherPort = get(inbucket, 'smtp_port', 54325);
	const useCatcher = !smtpEnabled && get(inbucket, 'enabled', true);

	return {
		siteUrl: get(auth, 'site_url', 'http://127.0.0.1:3000'),
		uriAllowList: redirectUrls as string[],
		jwtExpirySeconds: get(auth, 'jwt_expiry', 3600),
		refreshTokenRotation: get(auth, 'enable_refresh_token_rotation', true),
		refreshTokenReuseSeconds: get(auth, 'refresh_token_reuse_interval', 10),
		disableSignup: !get(auth, 'enable_signup', true),
		emailEnabled: get(email, 'enable_signup', true),
		password: {
			// GoTrue never goes below 6.
			minLength: Math.max(6, get(auth, 'minimum_password_length', 6)),
			requiredCharacters: passwordRequirements[requirements]
		},
		sessions: {
			timeboxMs: parseGoDuration(get(sessions, 'timebox', '0')),
			inactivityTimeoutMs: parseGoDuration(get(sessions, 'inactivity_timeout', '0'))
		},
		rateLimit: {
			// The CLI passes email_sent only with [auth.email.smtp] on, else 360000.
			emailSentPerHour: smtpEnabled ? get(limits, 'email_sent', 2) : 360_000,
			signInSignUps: get(limits, 'sign_in_sign_ups', 30),
			tokenRefresh: get(limits, 'token_refresh', 150),
			tokenVerifications: get(limits, 'token_verifications', 30)
		},
		mailer: {
			autoconfirm: !get(email, 'enable_confirmations', false),
			secureEmailChange: get(email, 'double_confirm_changes', true),
			securePasswordChange: get(email, 'secure_password_change', false),
			maxFrequencyMs: parseGoDuration(get(email, 'max_frequency', '1m0s')),
			otpLength: get(email, 'otp_length', 6),
			otpExpirySeconds: get(email, 'otp_expiry', 86400),
			templates
		},
		sendEmailHook: sendEmailHook(auth, env),
		smtp: smtpEnabled
			? get(smtp, 'host', '') === ''
				? null
				: {
						host: get(smtp, 'host', ''),
						port: get(smtp, 'port', 587),
						user: get(smtp, 'user', ''),
						pass: get(smtp, 'pass', ''),
						adminEmail: get(smtp, 'admin_email', 'admin@email.com'),
						senderName: get(smtp, 'sender_name', '')
					}
			: useCatcher
				? {
						host: '127.0.0.1',
						port: catcherPort,
						user: '',
						pass: '',
						adminEmail: 'admin@email.com',
						senderName: ''
					}
				: null
	};
}
