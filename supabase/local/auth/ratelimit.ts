// GoTrue's limiters (internal/api/apilimiter), fed by [auth.rate_limit] as the CLI passes it
// (sign_in_sign_ups is GOTRUE_RATE_LIMIT_OTP): per-IP token buckets, as tollbooth keeps them,
// and one count of the project's mails per hour.
import type { AuthConfig } from './config.ts';
import { tooManyRequests } from './errors.ts';
import { header, type Request } from './http.ts';

/**
 * GoTrue's limiters that count requests per IP, each with its own buckets: /token (every
 * grant, password sign-ins included) spends token_refresh, /verify token_verifications, and
 * /signup, /recover and PUT /user each their own bucket of sign_in_sign_ups.
 */
export type Limiter = 'token' | 'verify' | 'signups' | 'recover' | 'user';

/** tollbooth's buckets hold 30 requests whatever the rate (SetBurst(30)). */
const burst = 30;
/** A bucket is made full and forgotten an hour later (DefaultExpirationTTL). */
const bucketTtlMs = 60 * 60_000;
const intervalMs = 5 * 60_000;
const hourMs = 60 * 60_000;

type Bucket = { tokens: number; at: number; made: number };

/** golang.org/x/time/rate's token bucket per key: starts full, refills continuously. */
class TokenBuckets {
	#buckets = new Map<string, Bucket>();
	readonly #perMs: number;

	constructor(perInterval: number) {
		this.#perMs = perInterval / intervalMs;
	}

	take(key: string, now = Date.now()): boolean {
		let bucket = this.#buckets.get(key);
		if (!bucket || now - bucket.made >= bucketTtlMs) {
			bucket = { tokens: burst, at: now, made: now };
			this.#buckets.set(key, bucket);
			if (this.#buckets.size > 10_000) this.#forget(now);
		}
		bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * this.#perMs);
		bucket.at = now;
		if (bucket.tokens < 1) return false;
		bucket.tokens -= 1;
		return true;
	}

	#forget(now: number) {
		for (const [key, bucket] of this.#buckets) {
			if (now - bucket.made >= bucketTtlMs) this.#buckets.delete(key);
		}
	}
}

/** ratelimit.IntervalLimiter: N events per hour, the count starting anew each full hour. */
class HourlyCount {
	#start = Date.now();
	#count = 0;
	constructor(readonly events: number) {}

	take(now = Date.now()): boolean {
		const hours = Math.floor((now - this.#start) / hourMs);
		if (hours > 0) {
			this.#start += hours * hourMs;
			this.#count = 0;
		}
		if (this.#count >= this.events) return false;
		this.#count += 1;
		return true;
	}
}

/**
 * The key GoTrue limits by with GOTRUE_RATE_LIMIT_HEADER=X-Forwarded-For (as self-hosted
 * behind a gateway): the header's first value, trimmed and not checked for being an IP.
 * The gateway appends the caller's address (gateway.ts), so a request without the header
 * is counted by its peer; an empty first value is not limited at all (GoTrue only warns).
 */
export function rateLimitKey(request: Request): string {
	return (header(request, 'x-forwarded-for') ?? '').split(',', 1)[0].trim();
}

export class RateLimits {
	readonly #requests: Record<Limiter, TokenBuckets>;
	readonly #emails: HourlyCount;

	constructor(readonly config: AuthConfig) {
		const { rateLimit } = config;
		this.#requests = {
			token: new TokenBuckets(rateLimit.tokenRefresh),
			verify: new TokenBuckets(rateLimit.tokenVerifications),
			signups: new TokenBuckets(rateLimit.signInSignUps),
			recover: new TokenBuckets(rateLimit.signInSignUps),
			user: new TokenBuckets(rateLimit.signInSignUps)
		};
		this.#emails = new HourlyCount(rateLimit.emailSentPerHour);
	}

	/** 429 over_request_rate_limit once the caller's bucket of this limiter is empty. */
	checkRequest(limiter: Limiter, request: Request): void {
		const key = rateLimitKey(request);
		if (key !== '' && !this.#requests[limiter].take(key)) {
			throw tooManyRequests('over_request_rate_limit', 'Request rate limit reached');
		}
	}

	/**
	 * 429 over_email_send_rate_limit once the project sent its hourly quota. Like GoTrue,
	 * a quota of 0 refuses every mail, and with autoconfirm on no mail is counted.
	 */
	checkEmailQuota(): void {
		const allowed =
			this.#emails.events > 0 && (this.config.mailer.autoconfirm || this.#emails.take());
		if (!allowed) throw tooManyRequests('over_email_send_rate_limit', 'email rate limit exceeded');
	}
}
