// Handover: the holder releases an item or hands it to a colleague serving the
// community or to a duty lead; a colleague or duty lead may take an item from its
// holder with a reason. Every step is in the history (who, when, from whom to whom);
// each counsellor's load is visible to colleagues; "my items" is a filter of the queue.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as counsellors from '$lib/server/members/counsellors';
import * as escalations from '$lib/server/escalations';
import * as notifications from '$lib/server/forum/notifications';
import * as posts from '$lib/server/forum/posts';
import * as threads from '$lib/server/forum/threads';
import {
	anAdmin,
	community,
	counsellor,
	member,
	moderator,
	question,
	reply,
	type TestMember
} from './support';

let served: string;
let anna: TestMember;
let ben: TestMember;
let elsewhere: TestMember; // serves another community only
let lead: TestMember; // duty lead: serves every community
let asker: TestMember;

beforeAll(async () => {
	served = await community();
	[anna, ben, elsewhere, lead] = await Promise.all([
		counsellor([served]),
		counsellor([served]),
		counsellor([await community()]),
		member()
	]);
	await counsellors.verify((await anAdmin()).claims, lead.id, {
		profession: 'Leitung',
		organisation: 'Beratungsstelle Testhausen',
		communityIds: null,
		dutyLead: true
	});
});
beforeEach(async () => {
	asker = await member(served);
});

async function item() {
	const { id } = await threads.ask(asker.claims, served, question({ wantsProfessional: true }));
	return (await escalations.queue(anna.claims, { communityId: served })).items.find(
		(each) => each.threadId === id
	)!;
}

const handovers = async (who: TestMember, id: string) =>
	(await escalations.read(who.claims, id))!.history
		.filter((entry) => entry.kind === 'released' || entry.kind === 'reassigned')
		.map(({ kind, actor, previousHolder, newHolder, detail }) => ({
			kind,
			actor,
			previousHolder,
			newHolder,
			detail
		}));

describe('releasing', () => {
	it('gives the holder’s item back to the queue, with an optional reason', async () => {
		const { id } = await item();
		await escalations.claim(anna.claims, id);
		await escalations.release(anna.claims, id, 'Bin ab morgen im Urlaub.');
		expect(await escalations.read(anna.claims, id)).toMatchObject({
			state: 'open',
			claimedBy: null
		});
		expect(await handovers(anna, id)).toEqual([
			{
				kind: 'released',
				actor: anna.pseudonym,
				previousHolder: anna.pseudonym,
				newHolder: null,
				detail: 'Bin ab morgen im Urlaub.'
			}
		]);
	});

	it('by a colleague or the duty lead takes a reason', async () => {
		const { id } = await item();
		await escalations.claim(anna.claims, id);
		for (const reason of [null, '  ']) {
			await expect(escalations.release(ben.claims, id, reason)).rejects.toMatchObject({
				hint: 'escalation_handover_reason_required'
			});
		}
		await escalations.release(lead.claims, id, 'Anna ist krank, der Fall ist dringend.');
		expect(await handovers(ben, id)).toEqual([
			{
				kind: 'released',
				actor: lead.pseudonym,
				previousHolder: anna.pseudonym,
				newHolder: null,
				detail: 'Anna ist krank, der Fall ist dringend.'
			}
		]);
	});

	it('cannot release what nobody holds, nor what one does not serve', async () => {
		const { id } = await item();
		await expect(escalations.release(anna.claims, id)).rejects.toMatchObject({
			hint: 'escalation_not_claimed'
		});
		await escalations.claim(anna.claims, id);
		await expect(escalations.release(elsewhere.claims, id, 'Ich mach das.')).rejects.toMatchObject({
			hint: 'escalation_not_serving'
		});
	});
});

describe('reassigning', () => {
	it('hands an open item to a colleague, who is told and holds it', async () => {
		const { id, threadId } = await item();
		await escalations.reassign(anna.claims, id, ben.id);
		expect(await escalations.read(ben.claims, id)).toMatchObject({
			state: 'claimed',
			claimedByMe: true
		});
		expect(
			(await notifications.list(ben.claims)).filter(
				(n) => n.kind === 'escalation_assigned' && n.threadId === threadId
			)
		).toHaveLength(1);
		expect(await handovers(anna, id)).toEqual([
			{
				kind: 'reassigned',
				actor: anna.pseudonym,
				previousHolder: null,
				newHolder: ben.pseudonym,
				detail: null
			}
		]);
	});

	it('hands the holder’s item to the duty lead, and a colleague takes one over with a reason', async () => {
		const { id, threadId } = await item();
		await escalations.claim(anna.claims, id);
		await escalations.reassign(anna.claims, id, lead.id, 'Krisenfall, bitte übernehmen.');
		await expect(escalations.reassign(ben.claims, id, ben.id)).rejects.toMatchObject({
			hint: 'escalation_handover_reason_required'
		});
		await escalations.reassign(ben.claims, id, ben.id, 'Ich kenne die Familie.');
		expect(await handovers(lead, id)).toEqual([
			{
				kind: 'reassigned',
				actor: anna.pseudonym,
				previousHolder: anna.pseudonym,
				newHolder: lead.pseudonym,
				detail: 'Krisenfall, bitte übernehmen.'
			},
			{
				kind: 'reassigned',
				actor: ben.pseudonym,
				previousHolder: lead.pseudonym,
				newHolder: ben.pseudonym,
				detail: 'Ich kenne die Familie.'
			}
		]);
		// Handing to oneself is no news: ben is not told of his own step; the duty lead was told.
		const told = async (who: TestMember) =>
			(await notifications.list(who.claims)).filter(
				(n) => n.kind === 'escalation_assigned' && n.threadId === threadId
			).length;
		expect([await told(ben), await told(lead)]).toEqual([0, 1]);
	});

	it('only to counsellors serving the community, only on an item not resolved', async () => {
		const { id } = await item();
		const [peer, mod] = await Promise.all([member(served), moderator(served)]);
		for (const someone of [elsewhere, peer, mod, await anAdmin()]) {
			await expect(escalations.reassign(anna.claims, id, someone.id)).rejects.toMatchObject({
				hint: 'escalation_assignee_not_serving'
			});
		}
		await escalations.resolve(anna.claims, id, 'no_action', { note: 'Geklärt.' });
		await expect(escalations.reassign(anna.claims, id, ben.id)).rejects.toMatchObject({
			hint: 'escalation_is_resolved'
		});
	});
});

describe('the open load', () => {
	it('shows each counsellor’s held, urgent and overdue items to colleagues and duty leads', async () => {
		const carl = await counsellor([served]);
		const first = await item();
		const second = await item();
		await escalations.claim(carl.claims, first.id);
		await escalations.claim(carl.claims, second.id);
		await posts.answer(asker.claims, second.threadId!, reply('Ich will nicht mehr leben.'));
		const seen = await escalations.loads(anna.claims);
		expect(seen.find((load) => load.memberId === carl.id)).toEqual({
			memberId: carl.id,
			pseudonym: carl.pseudonym,
			dutyLead: false,
			holding: 2,
			urgent: 1,
			overdue: 0
		});
		expect(seen.find((load) => load.memberId === lead.id)).toMatchObject({ dutyLead: true });
		expect(seen.map((load) => load.memberId)).not.toContain(elsewhere.id);
		expect((await escalations.loads(lead.claims)).map((load) => load.memberId)).toEqual(
			expect.arrayContaining([anna.id, ben.id, carl.id, elsewhere.id])
		);
		// For one item: whom it may be handed to.
		const takers = (await escalations.loads(anna.claims, first.id)).map((load) => load.memberId);
		expect(takers).toEqual(expect.arrayContaining([anna.id, ben.id, carl.id, lead.id]));
		expect(takers).not.toContain(elsewhere.id);
	});

	it('is nothing to members, moderators and admins', async () => {
		const [peer, mod] = await Promise.all([member(served), moderator(served)]);
		for (const someone of [peer, mod, asker, await anAdmin()]) {
			expect(await escalations.loads(someone.claims)).toEqual([]);
		}
		const { id } = await item();
		expect(await escalations.loads(elsewhere.claims, id)).toEqual([]);
	});
});

describe('my items', () => {
	it('are the items the counsellor holds, whoever handed them over', async () => {
		const first = await item();
		const second = await item();
		await escalations.claim(anna.claims, first.id);
		await escalations.reassign(ben.claims, second.id, anna.id);
		const third = await item();
		await escalations.claim(ben.claims, third.id);
		const mine = (await escalations.queue(anna.claims, { communityId: served, mine: true })).items;
		expect(mine.map((each) => each.id)).toEqual(expect.arrayContaining([first.id, second.id]));
		expect(mine.map((each) => each.id)).not.toContain(third.id);
		expect(mine.every((each) => each.claimedByMe)).toBe(true);
	});
});

describe('a duty lead', () => {
	it('sees and works every community’s queue', async () => {
		const { id } = await item();
		const other = await community();
		const someone = await member(other);
		const { id: thread } = await threads.ask(
			someone.claims,
			other,
			question({ wantsProfessional: true })
		);
		const queue = (await escalations.queue(lead.claims, { communityId: other })).items.map(
			(each) => each.threadId
		);
		expect(queue).toContain(thread);
		await escalations.claim(lead.claims, id);
		expect((await escalations.read(lead.claims, id))?.claimedByMe).toBe(true);
	});
});
