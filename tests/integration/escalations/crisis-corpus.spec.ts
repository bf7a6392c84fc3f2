// The crisis check measured on realistic writing (tests/crisis-corpus): every crisis
// post must be found, at most 2 % of harmless ones may be taken for a crisis, and posts
// that name a crisis subject in prevention, training or news go to a counsellor's review.
// Prints recall per category and language and the false alarms, for the README; the
// held-out lines, written after the lexicon, separately.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { transaction } from '$lib/server/data/db';
import { owner } from './support';

type Line = { file: string; label: string; category: string; language: string; text: string };
type Result = Line & { crisis: boolean; review: boolean };

/** `label | category | language | text`; \uXXXX stands for an invisible or look-alike character. */
function corpus(file: string): Line[] {
	const lines = readFileSync(path.resolve('tests/crisis-corpus', file), 'utf8').split('\n');
	return lines
		.filter((line) => line.trim() && !line.startsWith('#'))
		.map((line) => {
			const [label, category, language, ...text] = line.split(' | ');
			const decoded = text
				.join(' | ')
				.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
			return { file, label, category, language, text: decoded };
		});
}

const files = ['development.txt', 'held-out-1.txt', 'held-out-2.txt'];
const lines = files.flatMap(corpus);

/** Every line through the one check every write path uses, as the app calls it. */
async function check(texts: string[]) {
	const rows = await transaction(
		null,
		(tx) => tx<{ crisis: boolean }[]>`
		select public.mentions_crisis(t.body) as crisis
		from unnest(${texts}::text[]) with ordinality t(body, n) order by t.n`
	);
	return rows.map((row) => row.crisis);
}

/** Whether the write path would open an item for review (find_crisis is internal). */
async function review(texts: string[]) {
	const rows = await owner<{ review: boolean }[]>`
		select (public.find_crisis(t.body)).review
		from unnest(${texts}::text[]) with ordinality t(body, n) order by t.n`;
	return rows.map((row) => row.review);
}

const percent = (part: number, whole: number) =>
	whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`;

function table(results: Result[], title: string) {
	const rows: string[][] = [['category', 'language', 'crisis lines', 'found', 'recall']];
	const groups = new Map<string, Result[]>();
	for (const line of results.filter((each) => each.label === 'crisis')) {
		const key = `${line.category} | ${line.language}`;
		groups.set(key, [...(groups.get(key) ?? []), line]);
	}
	for (const [key, group] of [...groups].sort()) {
		const found = group.filter((each) => each.crisis).length;
		rows.push([...key.split(' | '), `${group.length}`, `${found}`, percent(found, group.length)]);
	}
	const crisis = results.filter((each) => each.label === 'crisis');
	const found = crisis.filter((each) => each.crisis).length;
	rows.push(['all', 'de+en', `${crisis.length}`, `${found}`, percent(found, crisis.length)]);
	const harmless = results.filter((each) => each.label !== 'crisis');
	const alarms = harmless.filter((each) => each.crisis);
	rows.push([
		'harmless',
		'de+en',
		`${harmless.length}`,
		`${alarms.length} alarms`,
		percent(alarms.length, harmless.length)
	]);
	const context = results.filter((each) => each.label === 'context');
	const reviewed = context.filter((each) => each.review).length;
	rows.push(['… in context', 'de+en', `${context.length}`, `${reviewed} reviewed`, '']);
	const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
	const print = (row: string[]) =>
		`| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
	return [
		title,
		print(rows[0]),
		`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
		...rows.slice(1).map(print),
		...crisis
			.filter((each) => !each.crisis)
			.map((each) => `missed (${each.category}, ${each.language}): ${each.text}`),
		...alarms.map((each) => `false alarm (${each.category}, ${each.language}): ${each.text}`),
		...context
			.filter((each) => !each.review)
			.map((each) => `not reviewed (${each.category}, ${each.language}): ${each.text}`)
	].join('\n');
}

describe('the crisis check on the corpus', () => {
	it('finds every crisis post, takes at most 2 % of harmless posts for one, reviews those in context', async () => {
		expect(lines.length).toBeGreaterThanOrEqual(300);
		const texts = lines.map((line) => line.text);
		const [crisis, reviewed] = await Promise.all([check(texts), review(texts)]);
		const results = lines.map((line, i) => ({ ...line, crisis: crisis[i], review: reviewed[i] }));
		for (const file of files) {
			console.log(
				table(
					results.filter((each) => each.file === file),
					`\n${file}`
				)
			);
		}
		const missed = results.filter((each) => each.label === 'crisis' && !each.crisis);
		const harmless = results.filter((each) => each.label !== 'crisis');
		const alarms = harmless.filter((each) => each.crisis);
		const unreviewed = results.filter((each) => each.label === 'context' && !each.review);
		expect(missed.map((each) => each.text)).toEqual([]);
		expect(alarms.length / harmless.length).toBeLessThanOrEqual(0.02);
		expect(unreviewed.map((each) => each.text)).toEqual([]);
	});
});
