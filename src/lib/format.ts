// Dates, times, ages and lone figures in the page's language. Figures inside a
// sentence are formatted by their message (`: number` in messages/*.json), so a
// plural and its figure always agree.
import { getLocale } from '$lib/paraglide/runtime';

// The forum serves German regions. One fixed zone also makes the server's page and
// the hydrated one show the same clock time, with or without JavaScript.
const timeZone = 'Europe/Berlin';

/**
 * One formatter per language and kind: building an Intl formatter costs far more
 * than using one, and a thread page formats a date for every post.
 */
function cached<F>(make: (locale: string) => F) {
	const byLocale = new Map<string, F>();
	return () => {
		const locale = getLocale();
		let formatter = byLocale.get(locale);
		if (!formatter) byLocale.set(locale, (formatter = make(locale)));
		return formatter;
	};
}

const dateFormat = cached(
	(locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone })
);
const dateTimeFormat = cached(
	(locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone })
);
const numberFormat = cached((locale) => new Intl.NumberFormat(locale));
const relativeFormat = cached((locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));

export const formatDate = (date: Date) => dateFormat().format(date);

export const formatDateTime = (date: Date) => dateTimeFormat().format(date);

export const formatNumber = (value: number) => numberFormat().format(value);

/** "vor 3 Stunden" / "3 hours ago", from an age the database measured on its own clock. */
export function formatAge(minutes: number) {
	const relative = relativeFormat();
	if (minutes < 60) return relative.format(-minutes, 'minute');
	if (minutes < 48 * 60) return relative.format(-Math.floor(minutes / 60), 'hour');
	return relative.format(-Math.floor(minutes / (24 * 60)), 'day');
}

type CountMessage = (inputs: { count: number }) => string;
const countWordings = new WeakMap<CountMessage, Map<string, string>>();

/**
 * A plural message ("3 fanden das hilfreich") for a count, kept per language and count:
 * the message builds its plural rules and number format anew on every call, which costs
 * more than the rest of a post, and a thread repeats few counts.
 */
export function formatCount(message: CountMessage, count: number) {
	let wordings = countWordings.get(message);
	if (!wordings) countWordings.set(message, (wordings = new Map()));
	const key = `${getLocale()} ${count}`;
	let wording = wordings.get(key);
	if (wording === undefined) {
		wording = message({ count });
		if (wordings.size < 1000) wordings.set(key, wording);
	}
	return wording;
}
