// GoTrue's in-memory limiters, fed by [auth.rate_limit]: per-IP request budgets
// over 5 minutes and a global hourly budget of sent e-mails.
import type { AuthConfig } from './config.ts';
import { tooManyRequests } from './errors.ts';

export type LimitedRoute = 'signInSignUps' | 'tokenRefresh' | 'tokenVerifications';

const requestWindowMs = 5 * 60_000;
const emailWindowMs = 60 * 60_000;

/** Timestamps of recent events per key; old ones are dropped as the window slides. */
class SlidingWindow {
	#events = new Map<string, number[]>();
	constructor(readonly windowMs: number) {}

	/** Records an event unless `limit` events already happened within the window. */
	take(key: string, limit: number, now = Date.now()): boolean {
		const recent = (this.#events.get(key) ?? []).filter((at) => at > now - this.windowMs);
		if (recent.length >= limit) {
			this.#events.set(key, recent);
			return false;
		}
		recent.push(now);
		this.#events.set(key, recent);
		return true;
	}
}

export class RateLimits {
	#requests = new SlidingWindow(requestWindowMs);
	#emails = new SlidingWindow(emailWindowMs);
	constructor(readonly config: AuthConfig['rateLimit']) {}

	/** 429 over_request_rate_limit once the IP spent its budget for the route. */
	checkRequest(route: LimitedRoute, ip: string): void {
		if (!this.#requests.take(`${route}:${ip}`, this.config[route])) {
			throw tooManyRequests('over_request_rate_limit', 'Request rate limit reached');
		}
	}

	/** 429 over_email_send_rate_limit once the project sent its hourly quota. */
	checkEmailQuota(): void {
		if (!this.#emails.take('all', this.config.emailSentPerHour)) {
			throw tooManyRequests('over_email_send_rate_limit', 'email rate limit exceeded');
		}
	}
}
