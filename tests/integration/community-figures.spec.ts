// The community figures for admins, per community and month (Berlin time): members at the
// month's end and new ones, questions readers can see, how many have a peer answer readers
// can see (not the asker's own), as a share, and the median minutes to the first. Worked
// out on a fresh community whose every date is known; admins only; the CSV says the same.
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '$lib/server/db';
import * as communityFigures from '$lib/server/community-figures';
import * as posts from '$lib/server/posts';
import * as threads from '$lib/server/threads';
import {
	anAdmin,
	community,
	counsellor,
	member,
	moderator,
	owner,
	question,
	reply,
	type TestMember
} from './escalations/support';

let admin: TestMember;
let communityId: string;
let name: string;

async function joinedAt(who: TestMember, berlin: string) {
	await owner`update public.community_members set joined_at = (${berlin}::text::timestamp at time zone 'Europe/Berlin')
		where community_id = ${communityId} and member_id = ${who.id}`;
}

/** A question asked at `berlin` (local time there), and its answers `minutes` after it. */
async function asked(asker: TestMember, berlin: string) {
	const { id } = await threads.ask(asker.claims, communityId, question());
	await owner`update public.threads set created_at = (${berlin}::text::timestamp at time zone 'Europe/Berlin') where id = ${id}`;
	return {
		id,
		async answer(by: TestMember, minutes: number) {
			const post = await posts.answer(by.claims, id, reply('So haben wir es bei uns gelöst.'));
			await owner`update public.posts p set created_at = t.created_at + ${minutes} * interval '1 minute'
				from public.threads t where t.id = p.thread_id and p.id = ${post.id}`;
			return post.id;
		}
	};
}

beforeAll(async () => {
	admin = await anAdmin();
	communityId = await community();
	[{ name }] = await owner<{ name: string }[]>`
		update public.communities set created_at = timestamptz '2026-01-01 00:00 Europe/Berlin'
		where id = ${communityId} returning name`;
	const [a, b, c, d, e, f] = await Promise.all(
		Array.from({ length: 6 }, () => member(communityId))
	);
	// February: three join. March: two, one of them late on its last evening. April: one,
	// just after midnight in Berlin (still March in UTC).
	for (const who of [a, b, c]) await joinedAt(who, '2026-02-10 12:00');
	await joinedAt(d, '2026-03-05 12:00');
	await joinedAt(e, '2026-03-31 23:30');
	await joinedAt(f, '2026-04-01 00:30');

	// March: four questions readers see, three with a peer answer (after 30, 60 and 240
	// minutes: the median is 60), and one withdrawn that does not count.
	const first = await asked(a, '2026-03-10 10:00');
	await first.answer(d, 30);
	await first.answer(e, 90);
	const second = await asked(b, '2026-03-11 10:00');
	await second.answer(b, 10); // the asker's own answer is not a peer answer
	await second.answer(d, 60);
	const third = await asked(c, '2026-03-12 10:00');
	const removed = await third.answer(d, 5);
	const held = await third.answer(e, 20);
	await third.answer(f, 240);
	await owner`update public.posts set removed_at = now() where id = ${removed}`;
	await owner`update public.posts set held_at = now() where id = ${held}`;
	await asked(a, '2026-03-31 23:30'); // unanswered
	const withdrawn = await asked(b, '2026-03-20 10:00');
	await owner`update public.threads set withdrawn_at = now() where id = ${withdrawn.id}`;
	// April (Berlin): answered after 15 minutes.
	const april = await asked(c, '2026-04-01 00:30');
	await april.answer(d, 15);
});

const figures = async () =>
	(await communityFigures.read(admin.claims, '2025-12', '2026-04')).filter(
		(row) => row.communityName === name
	);

describe('the community figures', () => {
	it('count members, questions, the share with a peer answer and the median minutes to it, per month', async () => {
		const row = { communityName: name };
		// Newest first; no row before the community existed (December 2025).
		expect(await figures()).toEqual([
			{
				...row,
				month: '2026-04',
				members: 6,
				newMembers: 1,
				questions: 1,
				answered: 1,
				percentAnswered: 100,
				medianMinutesToFirstAnswer: 15
			},
			{
				...row,
				month: '2026-03',
				members: 5,
				newMembers: 2,
				questions: 4,
				answered: 3,
				percentAnswered: 75,
				medianMinutesToFirstAnswer: 60
			},
			{
				...row,
				month: '2026-02',
				members: 3,
				newMembers: 3,
				questions: 0,
				answered: 0,
				percentAnswered: null,
				medianMinutesToFirstAnswer: null
			},
			{
				...row,
				month: '2026-01',
				members: 0,
				newMembers: 0,
				questions: 0,
				answered: 0,
				percentAnswered: null,
				medianMinutesToFirstAnswer: null
			}
		]);
	});

	it('are for admins only', async () => {
		const [someone, mod, professional] = await Promise.all([
			member(communityId),
			moderator(communityId),
			counsellor(null)
		]);
		for (const who of [someone, mod, professional]) {
			await expect(communityFigures.read(who.claims, '2026-03', '2026-03')).rejects.toMatchObject({
				code: '42501'
			});
		}
		// Visitors may not even call it.
		await expect(
			transaction(
				null,
				(tx) => tx`select * from public.community_figures('2026-03-01', '2026-03-01')`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('come as CSV with the same rows, a figure there is none of left empty', async () => {
		const rows = (await figures()).filter((row) => row.month >= '2026-02');
		const text = communityFigures.csv(
			rows.map((row) => ({ ...row, communityName: `=${row.communityName}` })),
			['Monat', 'Gemeinschaft', 'a', 'b', 'c', 'd', 'e', 'f']
		);
		expect(text).toBe(
			'Monat,Gemeinschaft,a,b,c,d,e,f\r\n' +
				`2026-04,'=${name},6,1,1,1,100,15\r\n` +
				`2026-03,'=${name},5,2,4,3,75,60\r\n` +
				`2026-02,'=${name},3,3,0,0,,\r\n`
		);
	});
});
