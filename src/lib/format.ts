// Dates, times, ages and lone figures in the page's language. Figures inside a
// sentence are formatted by their message (`: number` in messages/*.json), so a
// plural and its figure always agree.
import { getLocale } from '$lib/paraglide/runtime';

// The forum serves German regions. One fixed zone also makes the server's page and
// the hydrated one show the same clock time, with or without JavaScript.
const timeZone = 'Europe/Berlin';

export function formatDate(date: Date) {
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone }).format(date);
}

export function formatDateTime(date: Date) {
	return new Intl.DateTimeFormat(getLocale(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone
	}).format(date);
}

export function formatNumber(value: number) {
	return new Intl.NumberFormat(getLocale()).format(value);
}

/** "vor 3 Stunden" / "3 hours ago", from an age the database measured on its own clock. */
export function formatAge(minutes: number) {
	const relative = new Intl.RelativeTimeFormat(getLocale(), { numeric: 'auto' });
	if (minutes < 60) return relative.format(-minutes, 'minute');
	if (minutes < 48 * 60) return relative.format(-Math.floor(minutes / 60), 'hour');
	return relative.format(-Math.floor(minutes / (24 * 60)), 'day');
}
