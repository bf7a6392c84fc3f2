// The queue's figures per community: open items by priority, and the median
// time to claim and to resolve over the last 30 days (by the clock).
import { beforeAll, describe, expect, it } from 'vitest';
import * as escalations from '$lib/server/escalations';
import { jobs } from '$lib/server/data/scheduler';
import * as posts from '$lib/server/forum/posts';
import * as threads from '$lib/server/forum/threads';
import {
	atTime,
	community,
	counsellor,
	later,
	member,
	minutes,
	question,
	reply,
	rolledBackAt,
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

/**
 * The figures at a time, the medians as the scheduled job keeps them then; rolled back,
 * so other tests' queues keep the medians of now.
 */
async function figuresAt(at: Date) {
	let figures: escalations.CommunityFigures[] = [];
	await rolledBackAt(at, async (tx) => {
		await tx`select set_config('role', 'service_role', true)`;
		await jobs.queue_medians(tx);
		await tx`select set_config('role', 'authenticated', true),
			set_config('request.jwt.claims', ${JSON.stringify(expert.claims)}, true)`;
		figures = await escalations.figures(expert.claims, tx);
	});
	return figures;
}

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
