// Every visible string comes from messages/{de,en}.json: a key missing in one
// language, or a placeholder that differs, fails here before anyone sees it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';

const load = (locale: string) =>
	JSON.parse(
		readFileSync(new URL(`../../messages/${locale}.json`, import.meta.url), 'utf8')
	) as Record<string, unknown>;
const de = load('de');
const en = load('en');
const placeholders = (value: unknown) =>
	[...JSON.stringify(value).matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('messages', () => {
	it('have the same keys in German and English', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
	});

	it.each(Object.keys(de).filter((key) => key !== '$schema'))(
		'%s has the same placeholders in both',
		(key) => {
			expect(placeholders(en[key])).toEqual(placeholders(de[key]));
		}
	);

	// A figure in a sentence formats itself in the message's language ("20.000", "20,000").
	it('show figures only through a `: number` declaration', () => {
		const bare = [...Object.entries(de), ...Object.entries(en)].filter(([, value]) =>
			/\{(count|max|min|minutes|members|threads)\}/.test(JSON.stringify(value))
		);
		expect(bare.map(([key]) => key)).toEqual([]);
	});

	it('are never empty', () => {
		const empty = [...Object.entries(de), ...Object.entries(en)].filter(
			([, value]) => value === ''
		);
		expect(empty).toEqual([]);
	});

	it('count one member or question in the singular', () => {
		const counts = (members: number, threads: number, locale: 'de' | 'en') =>
			m.community_counts({ members, threads }, { locale });
		expect(counts(1, 1, 'de')).toBe('1 Mitglied · 1 Frage');
		expect(counts(1, 2, 'de')).toBe('1 Mitglied · 2 Fragen');
		expect(counts(1200, 1, 'de')).toBe('1.200 Mitglieder · 1 Frage');
		expect(counts(1, 0, 'en')).toBe('1 member · 0 questions');
		expect(counts(3, 1, 'en')).toBe('3 members · 1 question');
	});
});
