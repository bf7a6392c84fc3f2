// iCalendar (RFC 5545) for a confirmed booking: one VEVENT in a VCALENDAR, times in UTC,
// text values escaped (3.3.11), lines ended by CRLF and folded at 75 octets (3.1) without
// splitting a character's UTF-8 bytes, so every calendar program reads names with umlauts.

export type CalendarEvent = {
	/** Globally unique and stable: the same booking downloaded twice is one event. */
	uid: string;
	stamp: Date;
	starts: Date;
	ends: Date;
	summary: string;
	description?: string;
	location?: string;
	url?: string;
};

/** A TEXT value: backslash, semicolon, comma and line breaks escaped. */
export function escapeText(value: string) {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

/** A DATE-TIME in UTC: 20261205T093000Z. */
export function utcDateTime(date: Date) {
	return date
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

const encoder = new TextEncoder();

/** A content line folded into lines of at most 75 octets, continuations led by a space. */
export function fold(line: string) {
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	for (const character of line) {
		const size = encoder.encode(character).length;
		// Continuation lines start with a space, which counts against their 75 octets.
		const limit = parts.length === 0 ? 75 : 74;
		if (octets + size > limit) {
			parts.push(current);
			current = '';
			octets = 0;
		}
		current += character;
		octets += size;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

/** The calendar file's text. */
export function calendar(event: CalendarEvent) {
	const optional = (name: string, value: string | undefined) =>
		value ? [`${name}:${escapeText(value)}`] : [];
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Ratnetz//Teilen und leihen//DE',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		'BEGIN:VEVENT',
		`UID:${event.uid}`,
		`DTSTAMP:${utcDateTime(event.stamp)}`,
		`DTSTART:${utcDateTime(event.starts)}`,
		`DTEND:${utcDateTime(event.ends)}`,
		`SUMMARY:${escapeText(event.summary)}`,
		...optional('DESCRIPTION', event.description),
		...optional('LOCATION', event.location),
		// A URI value is not TEXT: not escaped.
		...(event.url ? [`URL:${event.url}`] : []),
		'STATUS:CONFIRMED',
		'TRANSP:OPAQUE',
		'END:VEVENT',
		'END:VCALENDAR'
	];
	return lines.map(fold).join('\r\n') + '\r\n';
}
