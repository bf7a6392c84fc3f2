// Priorities and due times (the defaults and a community's own), and the queue:
// its order, age and overdue items by the clock, and its filters.
import { beforeAll, describe, expect, it } from 'vitest';
import * as settings from '$lib/server/escalations/settings';
import * as escalations from '$lib/server/escalations';
import * as posts from '$lib/server/forum/posts';
import * as threads from '$lib/server/forum/threads';
import { allPages } from '../support';
import {
	anAdmin,
	atTime,
	community,
	counsellor,
	later,
	member,
	minutes,
	moderator,
	owner,
	question,
	reply,
	type TestMember
} from './support';

let first: string;
let second: string;
let professional: TestMember;

beforeAll(async () => {
	[first, second] = await Promise.all([community(), community()]);
	professional = await counsellor([first, second]);
});

/** One item of each priority in a community, opened one after another. */
async function oneOfEach(communityId: string) {
	const asker = await member(communityId);
	const high = await threads.ask(asker.claims, communityId, question({ wantsProfessional: true }));
	const normal = await threads.ask(asker.claims, communityId, question());
	await escalations.flag(asker.claims, { threadId: normal.id });
	const urgent = await threads.ask(asker.claims, communityId, question());
	await posts.answer(asker.claims, urgent.id, reply('Ich möchte nicht mehr leben.'));
	return { high: high.id, normal: normal.id, urgent: urgent.id };
}

const dueAfter = (item: escalations.QueueItem) =>
	(item.dueAt.getTime() - item.openedAt.getTime()) / minutes(1);

describe('due times', () => {
	it('are 1 hour for urgent, 24 for high and 48 for normal items by default', async () => {
		const ids = await oneOfEach(first);
		const queue = (await escalations.queue(professional.claims, { communityId: first })).items;
		const byThread = (id: string) => queue.find((item) => item.threadId === id)!;
		expect(dueAfter(byThread(ids.urgent))).toBe(60);
		expect(dueAfter(byThread(ids.high))).toBe(24 * 60);
		expect(dueAfter(byThread(ids.normal))).toBe(48 * 60);
		expect(await settings.read(null, first)).toEqual({
			waitingMinutes: 48 * 60,
			dueMinutes: { urgent: 60, high: 24 * 60, normal: 48 * 60 },
			crisisPolicy: 'publish'
		});
	});

	it('follow what the community’s moderators or admins set; members cannot change them', async () => {
		const own = await community();
		const [expert, mod, peer] = await Promise.all([counsellor([own]), moderator(own), member(own)]);
		const change: settings.Settings = {
			waitingMinutes: 24 * 60,
			dueMinutes: { urgent: 30, high: 12 * 60, normal: 72 * 60 },
			crisisPolicy: 'hold'
		};
		await expect(settings.update(peer.claims, own, change)).rejects.toThrow('Not allowed');
		await settings.update(mod.claims, own, change);
		await settings.update((await anAdmin()).claims, own, change);
		expect(await settings.read(peer.claims, own)).toEqual(change);
		await expect(
			settings.update(mod.claims, own, { ...change, waitingMinutes: 10 })
		).rejects.toMatchObject({ code: '23514' });

		const ids = await oneOfEach(own);
		const queue = (await escalations.queue(expert.claims)).items;
		const byThread = (id: string) => queue.find((item) => item.threadId === id)!;
		expect(dueAfter(byThread(ids.urgent))).toBe(30);
		expect(dueAfter(byThread(ids.high))).toBe(12 * 60);
		expect(dueAfter(byThread(ids.normal))).toBe(72 * 60);
	});
});

describe('the queue', () => {
	let ids: Awaited<ReturnType<typeof oneOfEach>>;
	let earlierHigh: string;
	beforeAll(async () => {
		const asker = await member(second);
		earlierHigh = (await threads.ask(asker.claims, second, question({ wantsProfessional: true })))
			.id;
		ids = await oneOfEach(second);
	});

	it('is ordered by priority, then due time', async () => {
		const queue = (await escalations.queue(professional.claims, { communityId: second })).items;
		expect(queue.map((item) => item.threadId)).toEqual([
			ids.urgent,
			earlierHigh,
			ids.high,
			ids.normal
		]);
		expect(queue[0]).toMatchObject({
			priority: 'urgent',
			communityId: second,
			state: 'open',
			claimedBy: null,
			claimedByMe: false,
			outcome: null
		});
		expect(queue[0].title).toMatch(/^Wer kann uns helfen/);
	});

	it('shows age and overdue items by the clock', async () => {
		const [urgent] = (
			await escalations.queue(professional.claims, {
				communityId: second,
				priority: 'urgent'
			})
		).items;
		const at = later(urgent.openedAt, minutes(90) + 1000); // past the microseconds Date drops
		const queue = await atTime(
			professional.claims,
			at,
			async (tx) =>
				(await escalations.queue(professional.claims, { communityId: second }, tx)).items
		);
		expect(queue.map((item) => [item.priority, item.overdue, item.ageMinutes])).toEqual([
			['urgent', true, 90],
			['high', false, expect.any(Number)],
			['high', false, expect.any(Number)],
			['normal', false, expect.any(Number)]
		]);
		expect(queue[1].ageMinutes).toBeGreaterThanOrEqual(90);
	});

	it('filters by community, priority and state', async () => {
		const all = (await escalations.queue(professional.claims)).items;
		expect(new Set(all.map((item) => item.communityId))).toEqual(new Set([first, second]));
		const onlyHigh = (
			await escalations.queue(professional.claims, {
				communityId: second,
				priority: 'high'
			})
		).items;
		expect(onlyHigh.map((item) => item.threadId)).toEqual([earlierHigh, ids.high]);

		const [normal] = (
			await escalations.queue(professional.claims, {
				communityId: second,
				priority: 'normal'
			})
		).items;
		await escalations.claim(professional.claims, normal.id);
		const claimed = (
			await escalations.queue(professional.claims, {
				communityId: second,
				state: 'claimed'
			})
		).items;
		expect(claimed).toMatchObject([{ id: normal.id, claimedByMe: true }]);
		expect(claimed[0].claimedBy).toBe(professional.pseudonym);

		// "my items": what the counsellor holds, nothing else.
		const mine = (await escalations.queue(professional.claims, { mine: true })).items;
		expect(mine.map((item) => item.id)).toEqual([normal.id]);

		await escalations.resolve(professional.claims, normal.id, 'no_action', { note: 'Geklärt.' });
		const active = (await escalations.queue(professional.claims, { communityId: second })).items;
		expect(active.map((item) => item.id)).not.toContain(normal.id);
		const resolved = (
			await escalations.queue(professional.claims, {
				communityId: second,
				state: 'resolved'
			})
		).items;
		expect(resolved).toMatchObject([{ id: normal.id, outcome: 'no_action' }]);
		expect(resolved[0].resolvedAt).toBeInstanceOf(Date);
	});
});

describe('a long queue', () => {
	// 130 items: three priorities, due times apart by microseconds (inside one millisecond,
	// which a Date cannot tell apart) and some the same; 60 of them resolved, likewise.
	let own: string;
	let expert: TestMember;
	beforeAll(async () => {
		own = await community();
		expert = await counsellor([own]);
		const asker = await member(own);
		await owner`
			with asked as (
				insert into public.threads (community_id, author_id, title, body_markdown, body_html)
				select ${own}, ${asker.id}, 'Lange Warteschlange ' || g, 'Text', '<p>Text</p>'
				from generate_series(1, 130) g
				returning id, title
			), numbered as (
				select id, substring(title from '\\d+$')::int as n from asked
			)
			insert into public.escalations (thread_id, community_id, priority, state, opened_at, due_at,
				claimed_at, first_claimed_at, resolved_at, outcome)
			select id, ${own}, (array['urgent', 'high', 'normal'])[n % 3 + 1]::public.escalation_priority,
				case when n <= 60 then 'resolved' else 'open' end::public.escalation_state,
				now() - interval '3 days', timestamptz '2026-11-20 12:00:00.123' + interval '1 microsecond' * (n % 7 + 1),
				case when n <= 60 then now() - interval '2 days' end, case when n <= 60 then now() - interval '2 days' end,
				case when n <= 60 then timestamptz '2026-11-21 08:00:00.456' + interval '1 microsecond' * (n % 5 + 1) end,
				case when n <= 60 then 'no_action' end::public.escalation_outcome
			from numbered`;
	});

	/** Every page of the filter in the test's community. */
	const pagesOf = (filter: escalations.QueueFilter) =>
		allPages((after) => escalations.queue(expert.claims, { ...filter, communityId: own, after }));

	it('comes 25 items a page, each once and in order, with the total on every page', async () => {
		const pages = await pagesOf({});
		expect(pages.map((page) => page.items.length)).toEqual([25, 25, 20]);
		expect(pages.map((page) => page.total)).toEqual([70, 70, 70]);
		expect(pages.at(-1)!.next).toBeNull();
		const items = pages.flatMap((page) => page.items);
		expect(new Set(items.map((item) => item.id)).size).toBe(70);
		const [everything] = await owner<{ ids: string[] }[]>`
			select array_agg(id order by priority, due_at, id) as ids from public.escalations
			where community_id = ${own} and state <> 'resolved'`;
		expect(items.map((item) => item.id)).toEqual(everything.ids);
	});

	it('gives the same total from its figures as by counting, for every filter they can count', async () => {
		const figures = await escalations.figures(expert.claims);
		const filters: escalations.QueueFilter[] = [
			{},
			{ communityId: own },
			{ priority: 'urgent' },
			{ communityId: own, priority: 'normal' }
		];
		for (const filter of filters) {
			expect(escalations.countedByFigures(filter)).toBe(true);
			const { total } = await escalations.queue(expert.claims, filter);
			expect(escalations.activeTotal(figures, filter)).toBe(total);
		}
		expect(escalations.activeTotal(figures, { communityId: own })).toBe(70);
		for (const filter of [{ mine: true }, { state: 'open' }, { state: 'resolved' }] as const)
			expect(escalations.countedByFigures(filter)).toBe(false);
	});

	it('shows resolved items newest first, each once', async () => {
		const pages = await pagesOf({ state: 'resolved' });
		expect(pages.map((page) => page.items.length)).toEqual([25, 25, 10]);
		const items = pages.flatMap((page) => page.items);
		const [everything] = await owner<{ ids: string[] }[]>`
			select array_agg(id order by resolved_at desc, id desc) as ids from public.escalations
			where community_id = ${own} and state = 'resolved'`;
		expect(items.map((item) => item.id)).toEqual(everything.ids);
	});

	it('keeps the filter across pages, and starts over for a position it cannot read', async () => {
		const urgent = await pagesOf({ priority: 'urgent' });
		expect(urgent.flatMap((page) => page.items).every((item) => item.priority === 'urgent')).toBe(
			true
		);
		expect(urgent.map((page) => page.total)).toEqual([23]);
		const first = await escalations.queue(expert.claims, { communityId: own });
		for (const after of ['kaputt', Buffer.from('["gestern","x"]').toString('base64url')]) {
			const page = await escalations.queue(expert.claims, { communityId: own, after });
			expect(page.items.map((item) => item.id)).toEqual(first.items.map((item) => item.id));
		}
	});
});
