import { describe, expect, it } from 'vitest';
import { calendar, escapeText, fold, utcDateTime } from './icalendar';

const octets = (line: string) => new TextEncoder().encode(line).length;
const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('the iCalendar writer', () => {
	it('escapes backslashes, semicolons, commas and line breaks in text', () => {
		expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
	});

	it('writes times in UTC', () => {
		expect(utcDateTime(new Date('2026-12-05T09:30:00.123+01:00'))).toBe('20261205T083000Z');
	});

	it('folds at 75 octets, never inside a character, and unfolds to the line', () => {
		const line = 'SUMMARY:' + 'Ausleihe für die Größte Übung – 👪 '.repeat(8);
		const folded = fold(line);
		const parts = folded.split('\r\n');
		expect(parts.length).toBeGreaterThan(3);
		for (const part of parts) expect(octets(part)).toBeLessThanOrEqual(75);
		for (const part of parts.slice(1)) expect(part.startsWith(' ')).toBe(true);
		expect(unfold(folded)).toBe(line);
		expect(folded).not.toContain('\uFFFD');
	});

	it('leaves short lines alone', () => {
		expect(fold('VERSION:2.0')).toBe('VERSION:2.0');
	});

	it('writes one event with CRLF line ends, its uid, stamp, start and end', () => {
		const text = calendar({
			uid: 'booking-1@ratnetz.example',
			stamp: new Date('2026-12-01T12:00:00Z'),
			starts: new Date('2026-12-10T09:00:00Z'),
			ends: new Date('2026-12-10T11:00:00Z'),
			summary: 'Ausleihe: Raum, groß; hell',
			description: 'Zeile 1\nZeile 2',
			location: 'Leipzig, Markt 1',
			url: 'https://ratnetz.example/share/b/1'
		});
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		const lines = unfold(text).split('\r\n');
		expect(lines.slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0']);
		expect(lines).toEqual(
			expect.arrayContaining([
				'BEGIN:VEVENT',
				'UID:booking-1@ratnetz.example',
				'DTSTAMP:20261201T120000Z',
				'DTSTART:20261210T090000Z',
				'DTEND:20261210T110000Z',
				'SUMMARY:Ausleihe: Raum\\, groß\\; hell',
				'DESCRIPTION:Zeile 1\\nZeile 2',
				'LOCATION:Leipzig\\, Markt 1',
				'URL:https://ratnetz.example/share/b/1',
				'END:VEVENT',
				'END:VCALENDAR'
			])
		);
		expect(lines.some((line) => line.startsWith('PRODID:'))).toBe(true);
	});
});
