// `npm run bench:crisis`: the time the crisis check (public.mentions_crisis) takes per call
// in Postgres, on posts of everyday writing of several lengths (the large seed's answers,
// mixed), on a crisis at the end of the longest, and on posts made only of harmless lines
// that come close to crisis words (tests/crisis-corpus), the check's worst case. Each
// figure is the best of five runs of many calls in one statement, less the same statement
// without the check.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../supabase/local/env.ts';
import { ownerConnection } from './app.ts';

const sql = ownerConnection();
const seed = await readFile(path.join(projectRoot, 'supabase/local/seed-large.sql'), 'utf8');
const everyday = [...seed.matchAll(/^\t'([^']{30,})',?$/gm)].map((match) => match[1]);
const corpus = await readFile(
	path.join(projectRoot, 'tests/crisis-corpus/development.txt'),
	'utf8'
);
const nearMisses = corpus
	.split('\n')
	.filter((line) => line.startsWith('harmless'))
	.map((line) => line.split(' | ').slice(3).join(' | '));

let state = 7;
const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
const post = (sentences: string[], length: number) => {
	let text = '';
	while (text.length < length) text += `${sentences[Math.floor(random() * sentences.length)]} `;
	return text.slice(0, length);
};

async function best(run: () => Promise<unknown>) {
	let fastest = Infinity;
	for (let i = 0; i < 5; i++) {
		const start = performance.now();
		await run();
		fastest = Math.min(fastest, performance.now() - start);
	}
	return fastest;
}

const cases: Array<[string, string[], number, number]> = [
	['everyday, 300 characters', everyday, 300, 300],
	['everyday, 1 000 characters', everyday, 1_000, 200],
	['everyday, 5 000 characters', everyday, 5_000, 50],
	['everyday, 20 000 characters, half of them ending in a crisis', everyday, 20_000, 10],
	['near misses only, 1 000 characters', nearMisses, 1_000, 100],
	['near misses only, 20 000 characters', nearMisses, 20_000, 10]
];
console.log('post'.padEnd(64), 'µs per call');
for (const [name, sentences, length, calls] of cases) {
	const texts = Array.from({ length: calls }, () => post(sentences, length));
	if (name.includes('ending in a crisis')) {
		texts.push(...texts.map((text) => `${text.slice(0, length - 40)} Ich will nicht mehr leben.`));
	}
	const check = await best(
		() =>
			sql`select count(*) filter (where public.mentions_crisis(t)) from unnest(${texts}::text[]) t`
	);
	const without = await best(() => sql`select count(t) from unnest(${texts}::text[]) t`);
	const perCall = ((check - without) * 1000) / texts.length;
	console.log(name.padEnd(64), Math.round(perCall));
}
await sql.end();
