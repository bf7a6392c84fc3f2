// What every handler needs: settings, database, keys, mail and rate limits.
import type { AuthConfig } from './config.ts';
import type { Sql } from './db.ts';
import type { Mailer } from './mail.ts';
import type { RateLimits } from './ratelimit.ts';
import type { Keys } from './tokens.ts';

export type App = {
	config: AuthConfig;
	sql: Sql;
	keys: Keys;
	/** GoTrue's API_EXTERNAL_URL: the public base of this API, `<origin>/auth/v1`. */
	externalUrl: string;
	mailer: Mailer;
	limits: RateLimits;
	log: (line: string) => void;
};

/** The audience GoTrue serves by default (GOTRUE_JWT_AUD). */
export const audience = 'authenticated';
