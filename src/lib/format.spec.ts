import { describe, expect, it } from 'vitest';
import { overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import {
	formatAge,
	formatCount,
	formatDate,
	formatDateTime,
	formatFigures,
	formatNumber
} from './format';

function inLocale(locale: Locale, format: () => string) {
	overwriteGetLocale(() => locale);
	return format();
}

// 23:30 UTC on New Year's Eve is already the new year in Germany.
const newYear = new Date('2026-12-31T23:30:00Z');

describe('format', () => {
	it('writes dates and times in the page language, on German time', () => {
		expect(inLocale('de', () => formatDate(newYear))).toBe('01.01.2027');
		expect(inLocale('en', () => formatDate(newYear))).toBe('Jan 1, 2027');
		expect(inLocale('de', () => formatDateTime(newYear))).toBe('01.01.2027, 00:30');
		expect(inLocale('en', () => formatDateTime(newYear))).toMatch(/^Jan 1, 2027, 12:30\sAM$/);
	});

	it('groups digits the way each language does', () => {
		expect(inLocale('de', () => formatNumber(20000))).toBe('20.000');
		expect(inLocale('en', () => formatNumber(20000))).toBe('20,000');
	});

	it('tells ages in minutes, hours or days', () => {
		expect(inLocale('de', () => formatAge(0))).toBe('in dieser Minute');
		expect(inLocale('de', () => formatAge(1))).toBe('vor 1 Minute');
		expect(inLocale('de', () => formatAge(185))).toBe('vor 3 Stunden');
		expect(inLocale('en', () => formatAge(185))).toBe('3 hours ago');
		expect(inLocale('en', () => formatAge(3 * 24 * 60))).toBe('3 days ago');
		expect(inLocale('de', () => formatAge(24 * 60))).toBe('vor 24 Stunden');
	});

	it('words a count as its message does, in each language, also when asked again', () => {
		for (const locale of ['de', 'en'] as const) {
			for (const count of [0, 1, 2, 1200, 1]) {
				expect(inLocale(locale, () => formatCount(m.post_helpful_count, count))).toBe(
					m.post_helpful_count({ count }, { locale })
				);
			}
		}
		expect(inLocale('de', () => formatCount(m.post_helpful_count, 1))).not.toBe(
			inLocale('en', () => formatCount(m.post_helpful_count, 1))
		);
	});

	it('words a message with any figure as the message does, per language and figure', () => {
		for (const locale of ['de', 'en'] as const) {
			for (const max of [20_000, 150, 20_000]) {
				expect(inLocale(locale, () => formatFigures(m.field_body_hint, { max }))).toBe(
					m.field_body_hint({ max }, { locale })
				);
			}
		}
	});
});
