// Every message in both languages uses the glossary's word for each concept (glossary.ts).
import { describe, expect, it } from 'vitest';
import de from '../../messages/de.json';
import en from '../../messages/en.json';
import { glossary } from './glossary';

type Variant = { match: Record<string, string> };

/** Every wording of every message (each form of a plural), placeholders left out. */
function wordings(messages: Record<string, unknown>) {
	return Object.entries(messages).flatMap(([key, value]) => {
		if (key.startsWith('$')) return [];
		const texts =
			typeof value === 'string'
				? [value]
				: (value as Variant[]).flatMap((variant) => Object.values(variant.match));
		return texts.map((text) => ({ key, text: text.replace(/\{[^}]*\}/g, '…') }));
	});
}

/** A word matches whole (letters on neither side: \b knows no umlauts), in any case. */
function matcher(synonym: string | RegExp) {
	if (synonym instanceof RegExp) return synonym;
	const escaped = synonym.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`(?<!\\p{L})${escaped}(?!\\p{L})`, 'iu');
}

/** "key: synonym" for each message using a synonym the glossary forbids. */
function synonymsIn(messages: Record<string, unknown>, language: 'de' | 'en') {
	const found: string[] = [];
	for (const { key, text } of wordings(messages)) {
		for (const [concept, { not }] of Object.entries(glossary)) {
			for (const synonym of not[language]) {
				if (matcher(synonym).test(text))
					found.push(`${key}: "${synonym}" for ${concept} in "${text}"`);
			}
		}
	}
	return found;
}

describe('one word per concept', () => {
	it('finds a synonym where one is used, and only a whole word', () => {
		expect(synonymsIn({ a: 'Du bist in dieser Community gesperrt.' }, 'de')).toHaveLength(1);
		expect(synonymsIn({ a: 'Lock thread' }, 'en')).toHaveLength(1);
		expect(synonymsIn({ a: 'Send mails you asked for' }, 'en')).toHaveLength(1);
		expect(synonymsIn({ a: 'Dieses Thema ist gesperrt.' }, 'de')).toHaveLength(1);
		expect(synonymsIn({ a: 'Your e-mail address; members of this community' }, 'en')).toEqual([]);
		expect(
			synonymsIn({ a: [{ match: { one: '1 Thread', other: '{n} Threads' } }] }, 'de')
		).toHaveLength(2);
	});

	it('German messages use the glossary’s words, never their synonyms', () => {
		expect(synonymsIn(de, 'de')).toEqual([]);
	});

	it('English messages use the glossary’s words, never their synonyms', () => {
		expect(synonymsIn(en, 'en')).toEqual([]);
	});

	it('every concept’s word is in use in both languages', () => {
		for (const language of ['de', 'en'] as const) {
			const all = wordings(language === 'de' ? de : en)
				.map(({ text }) => text.toLowerCase())
				.join('\n');
			const unused = Object.entries(glossary).filter(
				([, words]) => !all.includes(words[language].toLowerCase())
			);
			expect(unused.map(([concept]) => `${language}: ${concept}`)).toEqual([]);
		}
	});
});
