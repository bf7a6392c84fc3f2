// Crisis words and helplines: configuration admins keep. Words match on their forms,
// not as parts of harmless words; what they find is measured on the corpus
// (crisis-corpus.spec.ts).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as crisisWords from '$lib/server/crisis-words';
import * as helplines from '$lib/server/helplines';
import { anAdmin, member, type TestMember } from './support';

let admin: TestMember;
let someone: TestMember;

beforeAll(async () => {
	[admin, someone] = await Promise.all([anAdmin(), member()]);
});

describe('crisis words', () => {
	it.each([
		['Ich ritze mich seit Wochen.', 'ritzen'],
		['Meine Tochter ritzt sich.', 'ritzt sich'],
		['Sie spricht von Selbstverletzungen.', 'Selbstverletzung'],
		['Ich möchte nicht mehr leben.', 'nicht mehr leben'],
		['Nach dem Suizid meines Bruders', 'Suizid'],
		['Manchmal denke ich, ich bringe mich um.', 'bring mich um'],
		['Mein Mann schlägt meine Kinder.', 'schlägt mein Kind'],
		['Ich habe Selbstmordgedanken.', 'Selbstmordgedanken'],
		['I keep thinking about killing myself.', 'kill myself'],
		['She has suicidal thoughts.', 'suicide'],
		['He has been self-harming for months.', 'self-harm']
	])('are found in word forms: “%s” (%s)', async (text) => {
		expect(await crisisWords.mentioned(text)).toBe(true);
	});

	it.each([
		'Das Ritzel am Fahrrad ist kaputt.',
		'Wir haben die Suizidprävention-Broschüre der Schule gelesen.',
		'Ich will leben und lachen.',
		'Er schlägt vor, dass wir mehr spielen.',
		'I taught myself new skills.',
		'The harmless kind of advice.'
	])('are not found in harmless words: “%s”', async (text) => {
		expect(await crisisWords.mentioned(text)).toBe(false);
	});

	it('are listed by category and kind, added and removed by admins, and take effect at once', async () => {
		const word = `zqkrise${randomUUID().slice(0, 6)}`;
		const seeded = await crisisWords.list(admin.claims);
		expect(seeded).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					word: '*suizid*',
					category: 'suicide',
					kind: 'subject',
					language: 'de'
				}),
				expect.objectContaining({
					word: 'end it all',
					category: 'suicide',
					kind: 'risk',
					language: 'en'
				}),
				expect.objectContaining({
					word: '*praevention*/*praeventions*',
					category: null,
					kind: 'harmless_context'
				})
			])
		);
		expect(new Set(seeded.map((each) => each.category))).toEqual(
			new Set([null, ...crisisWords.categories])
		);

		const text = `Meine Tochter schreibt ${word} in ihr Tagebuch.`;
		expect(await crisisWords.mentioned(text)).toBe(false);
		const phrase = {
			word: `${word} ... tagebuch*`,
			language: 'de',
			category: 'suicide',
			kind: 'risk'
		} as const;
		const id = await crisisWords.add(admin.claims, phrase);
		expect(await crisisWords.mentioned(text)).toBe(true);
		expect(await crisisWords.mentioned(`${word}. Tagebuch`)).toBe(false);
		await expect(crisisWords.add(admin.claims, phrase)).rejects.toMatchObject({ code: '23505' });
		for (const refused of [
			{ ...phrase, word: '?!' },
			{ ...phrase, word: 'zq ... ...' },
			{ ...phrase, word: `${word}x`, category: null },
			{ ...phrase, word: `${word}y`, kind: 'harmless_context' }
		] as const) {
			await expect(crisisWords.add(admin.claims, refused)).rejects.toMatchObject({ code: '23514' });
		}
		await crisisWords.remove(admin.claims, id);
		expect(await crisisWords.mentioned(text)).toBe(false);
	});

	it('are not for anyone else to read or change', async () => {
		expect(await crisisWords.list(someone.claims)).toEqual([]);
		await expect(
			crisisWords.add(someone.claims, {
				word: 'harmlos',
				language: 'de',
				category: 'suicide',
				kind: 'risk'
			})
		).rejects.toMatchObject({ code: '42501' });
		const [any] = await crisisWords.list(admin.claims);
		await expect(crisisWords.remove(someone.claims, any.id)).rejects.toThrow('Not allowed');
	});
});

describe('helplines', () => {
	it('start with the German helplines of the brief, for everyone', async () => {
		const list = await helplines.list(null);
		expect(list.map((each) => [each.name, each.phone])).toEqual([
			['Notruf', '112'],
			['Polizei', '110'],
			['TelefonSeelsorge', '0800 111 0 111 / 0800 111 0 222 / 116 123'],
			['Nummer gegen Kummer: Kinder- und Jugendtelefon', '116 111'],
			['Nummer gegen Kummer: Elterntelefon', '0800 111 0 550'],
			['Hilfetelefon Gewalt gegen Frauen', '116 016'],
			['Hilfetelefon Sexueller Missbrauch', '0800 22 55 530']
		]);
		expect(list[2].numbers).toEqual([
			{ display: '0800 111 0 111', tel: '08001110111' },
			{ display: '0800 111 0 222', tel: '08001110222' },
			{ display: '116 123', tel: '116123' }
		]);
		// Around the clock is data; other hours are text; chats have their addresses.
		expect(list[2]).toMatchObject({
			alwaysOpen: true,
			hours: '',
			onlineUrl: 'https://online.telefonseelsorge.de'
		});
		expect(list[4]).toMatchObject({
			alwaysOpen: false,
			hours: 'Mo–Fr 9–17 Uhr, Di und Do bis 19 Uhr'
		});
		expect(list[6].hours).toBe('Mo, Mi, Fr 9–14 Uhr; Di, Do 15–20 Uhr');
		expect(list.every((each) => each.hours || each.alwaysOpen)).toBe(true);
	});

	const input = {
		nameDe: 'Krisendienst Testhausen',
		nameEn: 'Crisis service Testhausen',
		phone: '0341 123 456',
		descriptionDe: 'Nur ein Test.',
		descriptionEn: 'Just a test.',
		alwaysOpen: false,
		hoursDe: 'Mo–Fr 8–20 Uhr',
		hoursEn: 'Mon–Fri 8 am–8 pm',
		onlineUrl: 'https://krisendienst.example/chat',
		region: 'Leipzig',
		position: 999
	};

	it('are added, changed and removed by admins only', async () => {
		await expect(helplines.add(someone.claims, input)).rejects.toMatchObject({ code: '42501' });
		const id = await helplines.add(admin.claims, input);
		expect(await helplines.all(admin.claims)).toContainEqual({ id, ...input });
		await expect(helplines.update(someone.claims, id, input)).rejects.toThrow('Not allowed');
		await helplines.update(admin.claims, id, { ...input, phone: '0341 654 321' });
		expect((await helplines.list(null)).find((each) => each.id === id)?.phone).toBe('0341 654 321');
		await expect(
			helplines.update(admin.claims, id, { ...input, phone: 'javascript:alert(1)' })
		).rejects.toMatchObject({ code: '23514' });
		await expect(
			helplines.update(admin.claims, id, { ...input, onlineUrl: 'javascript:alert(1)' })
		).rejects.toMatchObject({ code: '23514' });
		await expect(
			helplines.update(admin.claims, id, { ...input, onlineUrl: 'http://krisendienst.example' })
		).rejects.toMatchObject({ code: '23514' });
		await expect(helplines.remove(someone.claims, id)).rejects.toThrow('Not allowed');
		await helplines.remove(admin.claims, id);
		expect((await helplines.list(null)).map((each) => each.id)).not.toContain(id);
	});

	it('speak the page’s language: English texts on English pages, German where none is given', async () => {
		const id = await helplines.add(admin.claims, { ...input, nameEn: '', alwaysOpen: true });
		try {
			const inEnglish = await helplines.list(null, undefined, 'en');
			expect(inEnglish.find((each) => each.id === id)).toMatchObject({
				name: 'Krisendienst Testhausen',
				description: 'Just a test.',
				alwaysOpen: true,
				hours: ''
			});
			expect(inEnglish[2]).toMatchObject({ name: 'TelefonSeelsorge (crisis line)' });
			expect(inEnglish[4].hours).toBe('Mon–Fri 9 am–5 pm, Tue and Thu until 7 pm');
			const inGerman = await helplines.list(null, undefined, 'de');
			expect(inGerman[4].hours).toBe('Mo–Fr 9–17 Uhr, Di und Do bis 19 Uhr');
		} finally {
			await helplines.remove(admin.claims, id);
		}
	});
});
