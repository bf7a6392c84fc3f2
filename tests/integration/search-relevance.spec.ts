// Search finds what families look for: the relevance set of bench/relevance.ts (words,
// German compounds, typos, English) through search.threads as a visitor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as search from '$lib/server/forum/search';
import { addCorpus, judge, removeCorpus, topResults, type Corpus } from '../../bench/relevance';
import { owner } from './support';

let corpus: Corpus;
beforeAll(async () => {
	corpus = await addCorpus(owner);
});
afterAll(async () => {
	await removeCorpus(owner, corpus);
});

describe('search relevance', () => {
	it(`finds an expected thread in the top ${topResults} for every query of the set`, async () => {
		const figures = await judge(corpus, async (q, communitySlug) =>
			(await search.threads(null, { q, communitySlug })).results.map((result) => result.id)
		);
		console.log(
			`search relevance: ${figures.inTop} of ${figures.queries} in the top ${topResults}, mean reciprocal rank ${figures.meanReciprocalRank}`
		);
		expect(figures.missed).toEqual([]);
	}, 60_000);
});
