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
	// A mail is written in its recipient's language, outside any request.
	return (locale: string = getLocale()) => {
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
// A calendar month (YYYY-MM) is the same everywhere: read and written in UTC.
const monthFormat = cached(
	(locale) => new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' })
);
// Kilometres, one decimal below 10 km: the directory's distances.
const nearFormat = cached(
	(locale) =>
		new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 })
);
const farFormat = cached(
	(locale) =>
		new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 0 })
);
const relativeFormat = cached((locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));

export const formatDate = (date: Date) => dateFormat().format(date);

export const formatDateTime = (date: Date, locale?: string) => dateTimeFormat(locale).format(date);

export const formatNumber = (value: number) => numberFormat().format(value);

/** "2,4 km" / "2.4 km", "31 km": a distance the database measured in metres. */
export const formatDistance = (metres: number) =>
	(metres < 10_000 ? nearFormat() : farFormat()).format(metres / 1000);

/** "März 26" / "Mar 26" for a month written YYYY-MM. */
export const formatMonth = (month: string) =>
	monthFormat().format(new Date(`${month}-01T00:00:00Z`));

/** "vor 3 Stunden" / "3 hours ago", from an age the database measured on its own clock. */
export function formatAge(minutes: number) {
	const relative = relativeFormat();
	if (minutes < 60) return relative.format(-minutes, 'minute');
	if (minutes < 48 * 60) return relative.format(-Math.floor(minutes / 60), 'hour');
	return relative.format(-Math.floor(minutes / (24 * 60)), 'day');
}

type FigureMessage<Inputs> = (inputs: Inputs) => string;
const wordingsByMessage = new WeakMap<FigureMessage<never>, Map<string, string>>();

/**
 * A message whose inputs are figures ("3 fanden das hilfreich", "Höchstens 20.000
 * Zeichen"), kept per language and figures: the message builds its plural rules and
 * number format anew on every call, which costs more than the rest of a post, and a
 * page repeats few figures.
 */
export function formatFigures<Inputs extends Record<string, number>>(
	message: FigureMessage<Inputs>,
	inputs: Inputs
) {
	let wordings = wordingsByMessage.get(message);
	if (!wordings) wordingsByMessage.set(message, (wordings = new Map()));
	const key = `${getLocale()} ${Object.values(inputs).join(' ')}`;
	let wording = wordings.get(key);
	if (wording === undefined) {
		wording = message(inputs);
		if (wordings.size < 1000) wordings.set(key, wording);
	}
	return wording;
}

/** A plural message for a count: `formatFigures` with `{ count }`. */
export const formatCount = (message: FigureMessage<{ count: number }>, count: number) =>
	formatFigures(message, { count });

/**
 * Unread notifications are counted up to one more than this: a counsellor told of every
 * escalation gathers tens of thousands, and counting them all cost each of their pages
 * 3 ms. The header then shows "99+".
 */
export const unreadShownMax = 99;
