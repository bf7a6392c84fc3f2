// Suspensions are enforced by the database: a suspended member cannot ask, answer,
// vote, say me too or flag in that community until the suspension ends.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as escalations from '$lib/server/escalations';
import * as members from '$lib/server/members/members';
import * as moderation from '$lib/server/moderation';
import * as moderationActions from '$lib/server/moderation/actions';
import * as posts from '$lib/server/forum/posts';
import * as privacy from '$lib/server/members/privacy';
import * as threads from '$lib/server/forum/threads';
import {
	atTime,
	community,
	later,
	member,
	minutes,
	moderator,
	notificationsOf,
	question,
	reply,
	type TestMember
} from './support';

let home: string;
let elsewhere: string;
let offender: TestMember;
let asker: TestMember;
let mod: TestMember;
let threadId: string;
let answerId: string;
let offenceId: string;

beforeAll(async () => {
	[home, elsewhere] = await Promise.all([community(), community()]);
	[offender, asker, mod] = await Promise.all([
		member(home, elsewhere),
		member(home),
		moderator(home)
	]);
	threadId = (await threads.ask(asker.claims, home, question())).id;
	answerId = (await posts.answer(asker.claims, threadId, reply('Unsere Erfahrung …'))).id;
	offenceId = (await posts.answer(offender.claims, threadId, reply('Wiederholte Beleidigung'))).id;
});

const refused = { hint: 'moderation_suspended' };

describe('a suspension for seven days', () => {
	let suspensionId: string;
	beforeAll(async () => {
		suspensionId = await moderationActions.suspend(
			mod.claims,
			{ threadId, postId: offenceId },
			'7 days',
			'Wiederholte Beleidigungen',
			null
		);
	});

	it('refuses asking, answering, voting, me too and flagging in the community', async () => {
		await expect(threads.ask(offender.claims, home, question())).rejects.toMatchObject(refused);
		await expect(posts.answer(offender.claims, threadId, reply('Noch was'))).rejects.toMatchObject(
			refused
		);
		await expect(posts.setHelpful(offender.claims, answerId, true)).rejects.toMatchObject(refused);
		await expect(threads.setMeToo(offender.claims, threadId, true)).rejects.toMatchObject(refused);
		await expect(
			escalations.flag(offender.claims, { postId: answerId }, { reason: 'spam' })
		).rejects.toMatchObject(refused);
	});

	it('leaves other communities alone', async () => {
		const asked = await threads.ask(
			offender.claims,
			elsewhere,
			question({ idempotencyKey: randomUUID() })
		);
		expect(asked.id).toBeTruthy();
	});

	it('tells the member until when and why', async () => {
		const suspension = await moderation.mySuspension(offender.claims, { id: home });
		expect(suspension?.reason).toBe('Wiederholte Beleidigungen');
		const days = (suspension!.endsAt!.getTime() - Date.now()) / 86_400_000;
		expect(days).toBeGreaterThan(6.9);
		expect(days).toBeLessThanOrEqual(7);
		expect((await notificationsOf(offender.id))[0].kind).toBe('suspension');
		expect(await moderation.mySuspension(asker.claims, { id: home })).toBeNull();
		// The session check says who is suspended at all: only their pages ask where.
		expect((await members.current(offender.claims))?.suspended).toBe(true);
		expect((await members.current(asker.claims))?.suspended).toBe(false);
	});

	it('is in the mod log, naming the member to moderators only', async () => {
		const byMember = (await moderation.log(asker.claims, home)).entries;
		expect(byMember.find((entry) => entry.action === 'suspended')).toMatchObject({
			reason: 'Wiederholte Beleidigungen',
			member: null
		});
		const byModerator = (await moderation.log(mod.claims, home)).entries;
		expect(byModerator.find((entry) => entry.action === 'suspended')?.member).toBe(
			offender.pseudonym
		);
	});

	it('is part of the member’s data export', async () => {
		const data = (await privacy.exportData(offender.claims)) as { suspensions: unknown[] };
		expect(data.suspensions).toMatchObject([{ reason: 'Wiederholte Beleidigungen' }]);
	});

	it('ends by itself after seven days', async () => {
		const eightDays = later(new Date(), minutes(8 * 24 * 60));
		const inserted = await atTime(
			offender.claims,
			eightDays,
			(tx) =>
				tx`insert into public.me_toos (thread_id, member_id) values (${threadId}, ${offender.id})`
		);
		expect(inserted.count).toBe(1);
	});

	it('can be lifted early by a moderator, and that is logged', async () => {
		await moderationActions.liftSuspension(mod.claims, suspensionId, 'Entschuldigung angenommen');
		expect((await members.current(offender.claims))?.suspended).toBe(false);
		expect(
			(await posts.answer(offender.claims, threadId, reply('Entschuldigung'))).id
		).toBeTruthy();
		const logged = (await moderation.log(mod.claims, home)).entries;
		expect(logged.map((entry) => entry.action)).toEqual(
			expect.arrayContaining(['suspended', 'suspension_lifted'])
		);
	});
});

describe('suspension rules', () => {
	it('offers 24 h, 72 h, 7 days, 30 days or permanent, nothing else', async () => {
		await expect(
			moderationActions.suspend(
				mod.claims,
				{ threadId, postId: offenceId },
				'1 minute' as never,
				'Test',
				null
			)
		).rejects.toMatchObject({ hint: 'moderation_duration' });
		const id = await moderationActions.suspend(
			mod.claims,
			{ threadId, postId: offenceId },
			'permanent',
			'Dauerhaft',
			null
		);
		const yearsLater = later(new Date(), minutes(5 * 365 * 24 * 60));
		await expect(
			atTime(
				offender.claims,
				yearsLater,
				(tx) =>
					tx`insert into public.me_toos (thread_id, member_id) values (${threadId}, ${offender.id}) on conflict do nothing`
			)
		).rejects.toMatchObject(refused);
		await moderationActions.liftSuspension(mod.claims, id, null);
	});

	it('needs a reason, and spares moderators', async () => {
		await expect(
			moderationActions.suspend(mod.claims, { threadId, postId: offenceId }, '24 hours', '', null)
		).rejects.toMatchObject({ hint: 'moderation_reason_required' });
		const modPost = (await posts.answer(mod.claims, threadId, reply('Hinweis'))).id;
		await expect(
			moderationActions.suspend(mod.claims, { threadId, postId: modPost }, '24 hours', 'Test', null)
		).rejects.toMatchObject({ hint: 'moderation_not_for_moderators' });
	});
});
