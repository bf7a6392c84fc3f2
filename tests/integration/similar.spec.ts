// Similar threads offered while a question is written, against the real database.
import { describe, expect, it } from 'vitest';
import { similar } from '$lib/server/forum/similar';
import { community, thread, word } from './search-support';

describe('similar', () => {
	it('suggests at most five similar threads, preferring the community', async () => {
		const w = word();
		const place = await community();
		const title = `Schulbegleitung ${w} abgelehnt`;
		const elsewhere = await thread((await community()).id, { title: `${title}, Teil 0` });
		for (let i = 0; i < 6; i++) await thread(place.id, { title: `${title}, Teil ${i}` });
		const offered = await similar(null, title, { communityId: place.id });
		expect(offered).toHaveLength(5);
		expect(offered.map((thread) => thread.id)).not.toContain(elsewhere);
		expect(offered[0]).toEqual({
			id: expect.any(String),
			title: expect.stringContaining(w),
			communityName: expect.stringContaining('Suche'),
			answerCount: 0,
			solved: false
		});
	});

	it('puts the thread with all the words typed first, then those with some', async () => {
		const [w1, w2] = [word(), word()];
		const place = await community();
		const both = await thread(place.id, { title: `Frage zu ${w1} und ${w2}` });
		for (let i = 0; i < 6; i++) await thread(place.id, { title: `Frage Nummer ${i} zu ${w1}` });
		const offered = await similar(null, `${w1} ${w2} gesucht`, { communityId: place.id });
		expect(offered).toHaveLength(5);
		expect(offered[0].id).toBe(both);
	});

	it('suggests nothing for titles shorter than ten characters', async () => {
		expect(await similar(null, 'Schule!')).toEqual([]);
	});
});
