// Every visible string comes from messages/{de,en}.json: a key missing in one
// language, or a placeholder that differs, fails here before anyone sees it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

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
});
