// The queue's figures per community: open items by priority, and the median
// time to claim and to resolve over the last 30 days (by the clock).
import { beforeAll, describe, expect, it } from 'vitest';
import * as escalations from '$lib/server/escalations';
import * as posts from '$lib/server/posts';
import * as threads from '$lib/server/threads';
import {
	atTime,
	community,
	counsellor,
	later,
	member,
	minutes,
	question,
	reply,
	type TestMember
} from './support';

let own: string;
let expert: TestMember;

beforeAll(async () => {
	own = await community();
	expert = await counsellor([own]);
	const asker = await member(own);
	for (let i = 0; i < 3; i++) {
		const { id } = await threads.ask(asker.claims, own, question());
		await escalations.flag(asker.claims, { threadId: id });
	}
	const urgent = await threads.ask(asker.claims, own, question());
	await posts.answer(asker.claims, urgent.id, reply('I want to die.'));
	await threads.ask(asker.claims, own, question({ wantsProfessional: true }));

	// Claimed 10, 20 and 60 minutes after opening; two resolved after 30 and 90.
	const normal = (await escalations.queue(expert.claims, { priority: 'normal' })).items;
	const steps: [number, number | null][] = [
		[10, 30],
		[20, 90],
		[60, null]
	];
	for (const [index, [claimAfter, resolveAfter]] of steps.entries()) {
		const item = normal[index];
		await atTime(expert.claims, later(item.openedAt, minutes(claimAfter)), (tx) =>
			escalations.claim(expert.claims, item.id, tx)
		);
		if (resolveAfter === null) continue;
		await atTime(expert.claims, later(item.openedAt, minutes(resolveAfter)), (tx) =>
			escalations.resolve(expert.claims, item.id, 'no_action', { note: 'Geklärt.' }, tx)
		);
	}
});

const figuresAt = (at: Date) =>
	atTime(expert.claims, at, (tx) => escalations.figures(expert.claims, tx));

describe('figures', () => {
	it('count open items by priority and take medians over the last 30 days', async () => {
		const [figures] = await figuresAt(later(new Date(), minutes(120)));
		expect(figures).toMatchObject({
			communityId: own,
			open: { urgent: 1, high: 1, normal: 1 }
		});
		// Date drops the microseconds of the opening time: close to the minute is exact here.
		expect(figures.medianMinutesToClaim).toBeCloseTo(20, 2);
		expect(figures.medianMinutesToResolve).toBeCloseTo(60, 2);
	});

	it('forget what happened more than 30 days ago', async () => {
		const [figures] = await figuresAt(later(new Date(), minutes(60 * 24 * 31)));
		expect(figures).toMatchObject({
			open: { urgent: 1, high: 1, normal: 1 },
			medianMinutesToClaim: null,
			medianMinutesToResolve: null
		});
	});

	it('cover only the communities the counsellor serves', async () => {
		const other = await counsellor([await community()]);
		const figures = await escalations.figures(other.claims);
		expect(figures.map((each) => each.communityId)).not.toContain(own);
		expect(figures[0]).toMatchObject({
			open: { urgent: 0, high: 0, normal: 0 },
			medianMinutesToClaim: null
		});
	});
});
