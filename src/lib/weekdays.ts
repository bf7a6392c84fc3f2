// The weekdays' names, Monday first (ISO 8601 numbers them 1 to 7): staffed hours and
// services' opening hours.
import { m } from '$lib/paraglide/messages';

export const weekdayNames = [
	m.weekday_1,
	m.weekday_2,
	m.weekday_3,
	m.weekday_4,
	m.weekday_5,
	m.weekday_6,
	m.weekday_7
];
