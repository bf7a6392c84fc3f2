// Who sees and does what, decided by the database and asked as each role:
// visitor, member, asker, counsellor serving the community, counsellor serving
// another, moderator, admin. Only serving counsellors see queue, notes and history.
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction, type Claims } from '$lib/server/data/db';
import * as escalations from '$lib/server/escalations';
import * as members from '$lib/server/members/members';
import { runJob } from '$lib/server/data/scheduler';
import * as threads from '$lib/server/forum/threads';
import {
	anAdmin,
	community,
	counsellor,
	member,
	moderator,
	question,
	type TestMember
} from './support';

let served: string;
let threadId: string;
let id: string;
let roles: Record<'member' | 'asker' | 'serving' | 'elsewhere' | 'moderator' | 'admin', TestMember>;

beforeAll(async () => {
	served = await community();
	const [asker, peer, serving, elsewhere, mod, admin] = await Promise.all([
		member(served),
		member(served),
		counsellor([served]),
		counsellor([await community()]),
		moderator(served),
		anAdmin()
	]);
	roles = { member: peer, asker, serving, elsewhere, moderator: mod, admin };
	threadId = (await threads.ask(asker.claims, served, question({ wantsProfessional: true }))).id;
	id = (await escalations.queue(serving.claims, { communityId: served })).items[0].id;
	await escalations.claim(serving.claims, id);
	await escalations.addNote(serving.claims, id, 'Nur für Fachkräfte.');
	await runJob('queue_medians');
});

/** The communities whose queue medians the role reads. */
const mediansOf = async (claims: Claims | null) =>
	(await rows(claims, 'queue_medians')).map((row) => row.community_id);

const others = [
	['a member', 'member'],
	['the asker', 'asker'],
	['a counsellor serving another community', 'elsewhere'],
	['a moderator', 'moderator'],
	['an admin', 'admin']
] as const;

const rows = (claims: Claims | null, table: string) =>
	transaction(claims, (tx) => tx`select * from ${tx('public.' + table)}`);

describe('the queue, history and internal notes', () => {
	it('are seen by counsellors serving the community', async () => {
		const claims = roles.serving.claims;
		expect(await rows(claims, 'escalations')).toHaveLength(1);
		expect(await rows(claims, 'escalation_events')).toHaveLength(3);
		expect(await rows(claims, 'escalation_notes')).toHaveLength(1);
		expect((await escalations.read(claims, id))?.notes).toHaveLength(1);
		expect((await threads.read(claims, threadId))?.escalationId).toBe(id);
		expect(await mediansOf(claims)).toEqual([served]);
		const [figures] = await escalations.figures(claims);
		expect(figures.medianMinutesToClaim).toEqual(expect.any(Number));
	});

	it.each(others)('are hidden from %s', async (_, role) => {
		const claims = roles[role].claims;
		for (const table of ['escalations', 'escalation_events', 'escalation_notes']) {
			expect(await rows(claims, table)).toEqual([]);
		}
		expect((await escalations.queue(claims)).items).toEqual([]);
		expect(await escalations.read(claims, id)).toBeNull();
		expect((await threads.read(claims, threadId))?.escalationId).toBeNull();
		const figures = await escalations.figures(claims);
		expect(figures.map((each) => each.communityId)).not.toContain(served);
		expect(await mediansOf(claims)).not.toContain(served);
	});

	it('are hidden from visitors', async () => {
		expect(await rows(null, 'escalations')).toEqual([]);
		for (const table of ['escalation_events', 'escalation_notes', 'queue_medians']) {
			await expect(rows(null, table)).rejects.toMatchObject({ code: '42501' });
		}
		expect((await threads.read(null, threadId))?.escalationId).toBeNull();
	});
});

describe('changes', () => {
	it('go through the functions only, never straight into the tables', async () => {
		for (const claims of [roles.serving.claims, roles.member.claims, null]) {
			await expect(
				transaction(claims, (tx) => tx`update public.escalations set state = 'open'`)
			).rejects.toMatchObject({ code: '42501' });
			await expect(
				transaction(
					claims,
					(tx) => tx`insert into public.escalation_notes (escalation_id, body) values (${id}, 'x')`
				)
			).rejects.toMatchObject({ code: '42501' });
			await expect(
				transaction(claims, (tx) => tx`delete from public.escalation_events`)
			).rejects.toMatchObject({ code: '42501' });
			await expect(
				transaction(claims, (tx) => tx`update public.queue_medians set minutes_to_claim = 0`)
			).rejects.toMatchObject({ code: '42501' });
		}
	});

	it.each(others)('are refused for %s', async (_, role) => {
		const claims = roles[role].claims;
		const refusal = { code: '42501', hint: 'escalation_not_serving' };
		await expect(escalations.addNote(claims, id, 'Darf ich?')).rejects.toMatchObject(refusal);
		await expect(escalations.release(claims, id)).rejects.toMatchObject(refusal);
		await expect(escalations.resolve(claims, id, 'no_action')).rejects.toMatchObject(refusal);
		await expect(escalations.reassign(claims, id, roles.serving.id)).rejects.toMatchObject(refusal);
		await expect(escalations.reopen(claims, id)).rejects.toMatchObject(refusal);
	});

	it('are not even callable by visitors', async () => {
		await expect(
			transaction(null, (tx) => tx`select public.claim_escalation(${id})`)
		).rejects.toMatchObject({ code: '42501' });
		// The scheduled jobs are for the system only, not for members either.
		for (const claims of [null, roles.serving.claims, roles.admin.claims]) {
			for (const job of [
				'open_unanswered_escalations',
				'alert_overdue_escalations',
				'keep_queue_medians'
			]) {
				await expect(
					transaction(claims, (tx) => tx`select ${tx('public.' + job)}()`)
				).rejects.toMatchObject({ code: '42501' });
			}
		}
	});
});

describe('flags', () => {
	it('are seen by the member who flagged and the community’s moderators only', async () => {
		const own = await threads.ask(roles.asker.claims, served, question());
		await escalations.flag(roles.member.claims, { threadId: own.id }, { note: 'Bitte prüfen' });
		const mine = await rows(roles.member.claims, 'flags');
		expect(mine).toMatchObject([
			{ thread_id: own.id, reason: 'needs_professional', note: 'Bitte prüfen' }
		]);
		expect(await rows(roles.moderator.claims, 'flags')).toMatchObject([{ thread_id: own.id }]);
		for (const role of ['asker', 'serving', 'admin'] as const) {
			expect(await rows(roles[role].claims, 'flags')).toEqual([]);
		}
		await expect(rows(null, 'flags')).rejects.toMatchObject({ code: '42501' });
	});

	it('are raised in one’s own name only, and not by visitors', async () => {
		const own = await threads.ask(roles.asker.claims, served, question());
		await expect(
			transaction(
				roles.member.claims,
				(tx) =>
					tx`insert into public.flags (flagger_id, thread_id, reason) values (${roles.asker.id}, ${own.id}, 'spam')`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			transaction(
				null,
				(tx) =>
					tx`insert into public.flags (thread_id, reason) values (${own.id}, 'needs_professional')`
			)
		).rejects.toMatchObject({ code: '42501' });
	});
});

// The thread page gives threads.read the reader as the session check found them, so that
// members who neither serve nor moderate are not asked the community's checks.
describe("the thread's checks with the reader's roles given", () => {
	const standing = (thread: threads.Thread | null) => ({
		canModerate: thread?.canModerate,
		canSafeguard: thread?.canSafeguard,
		escalationId: thread?.escalationId,
		isMine: thread?.isMine,
		canTakePart: thread?.canTakePart
	});

	it.each([['a counsellor serving the community', 'serving'] as const, ...others])(
		'answer as without them, for %s',
		async (_, role) => {
			const { claims } = roles[role];
			const reader = await members.current(claims);
			const asked = standing(await threads.read(claims, threadId));
			expect(standing(await threads.read(claims, threadId, undefined, reader))).toEqual(asked);
		}
	);

	it('still find what each role may do', async () => {
		const given = async (role: keyof typeof roles) => {
			const { claims } = roles[role];
			return standing(
				await threads.read(claims, threadId, undefined, await members.current(claims))
			);
		};
		expect(await given('serving')).toMatchObject({ canSafeguard: true, escalationId: id });
		expect(await given('moderator')).toMatchObject({ canModerate: true, canSafeguard: true });
		expect(await given('member')).toMatchObject({ canModerate: false, canSafeguard: false });
	});
});
