// Which redirect_to GoTrue honours (utilities.IsRedirectURLValid / GetReferrer):
// the site URL's host, any loopback IP, or a match of an allow-list glob.
import type { AuthConfig } from './config.ts';
import { header, type Request } from './http.ts';

/**
 * gobwas/glob with '.' and '/' as separators, as GoTrue compiles the allow list:
 * `*` and `?` stop at separators, `**` does not, `[…]`/`[!…]` classes and
 * `{a,b}` alternatives; the whole URL must match.
 */
function globToRegExp(pattern: string): RegExp {
	let out = '';
	let depth = 0;
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		if (c === '\\' && i + 1 < pattern.length) out += escapeRegExp(pattern[++i]);
		else if (c === '*' && pattern[i + 1] === '*') {
			out += '.*';
			i++;
		} else if (c === '*') out += '[^./]*';
		else if (c === '?') out += '[^./]';
		else if (c === '[') {
			const end = pattern.indexOf(']', i + 1);
			if (end === -1) throw new Error(`unexpected end of input in glob ${pattern}`);
			const inner = pattern.slice(i + 1, end);
			const negated = inner.startsWith('!');
			out += `[${negated ? '^' : ''}${(negated ? inner.slice(1) : inner).replace(/[\\\]^]/g, '\\$&')}]`;
			i = end;
		} else if (c === '{') {
			out += '(?:';
			depth++;
		} else if (c === '}' && depth > 0) {
			out += ')';
			depth--;
		} else if (c === ',' && depth > 0) out += '|';
		else out += escapeRegExp(c);
	}
	return new RegExp(`^${out}$`, 's');
}

function escapeRegExp(value: string): string {
	return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * url.Parse(...).Hostname() as Go computes it: from the raw text, without WHATWG
 * normalisation (which would turn the decimal host 2130706433 into 127.0.0.1).
 */
function hostname(url: string): string | null {
	// Go refuses control characters and broken %-escapes.
	const control = [...url].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
	if (control || /%(?![0-9a-f]{2})/i.test(url)) return null;
	const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url)?.[1];
	if (authority === undefined) return '';
	const host = authority.slice(authority.lastIndexOf('@') + 1);
	if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
	return host.replace(/:\d*$/, '');
}

function isLoopbackIp(host: string): boolean | null {
	if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host.startsWith('127.');
	if (host.includes(':')) return host === '::1' || /^(0+:){7}0*1$/.test(host);
	return null;
}

export function isRedirectUrlValid(config: AuthConfig, redirectUrl: string): boolean {
	if (!redirectUrl) return false;
	const host = hostname(redirectUrl);
	if (host === null) return false;
	// "As long as the referrer came from the site, we will redirect back there."
	if (host === hostname(config.siteUrl)) return true;
	// Decimal IPs (http://2130706433/) are never allowed; other IP literals only on loopback.
	if (/^[0-9]+$/.test(host)) return false;
	const loopback = isLoopbackIp(host);
	if (loopback !== null) return loopback;
	return config.uriAllowList.some((pattern) => globToRegExp(pattern).test(redirectUrl));
}

/** GetReferrer: redirect_to (header, else query), else a valid Referer, else the site URL. */
export function referrer(config: AuthConfig, request: Request): string {
	const requested =
		header(request, 'redirect_to') || request.url.searchParams.get('redirect_to') || '';
	if (isRedirectUrlValid(config, requested)) return requested;
	const referer = header(request, 'referer') ?? '';
	return isRedirectUrlValid(config, referer) ? referer : config.siteUrl;
}
