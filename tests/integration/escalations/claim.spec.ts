// Claiming: one counsellor holds an item; of two claims at the same moment exactly one
// wins; only counsellors serving the community may claim. Releasing and handing over:
// handover.spec.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '$lib/server/db';
import { attempt } from '$lib/server/db-errors';
import * as escalations from '$lib/server/escalations';
import * as threads from '$lib/server/threads';
import {
	anAdmin,
	community,
	counsellor,
	historyKinds,
	member,
	moderator,
	question,
	type TestMember
} from './support';
import { owner } from '../support';

let served: string;
let anna: TestMember;
let ben: TestMember;
let elsewhere: TestMember; // a counsellor serving another community only

beforeAll(async () => {
	served = await community();
	[anna, ben, elsewhere] = await Promise.all([
		counsellor([served]),
		counsellor(null), // serves all communities
		counsellor([await community()])
	]);
});

/** A fresh open item: a question whose asker asked for a professional. */
async function item() {
	const asker = await member(served);
	const { id } = await threads.ask(asker.claims, served, question({ wantsProfessional: true }));
	const [queued] = (await escalations.queue(anna.claims, { communityId: served })).items.filter(
		(each) => each.threadId === id
	);
	return queued.id;
}

describe('claiming', () => {
	it('lets exactly one of two counsellors claiming at the same moment win', async () => {
		for (let round = 0; round < 5; round++) {
			const id = await item();
			const results = await Promise.allSettled([
				escalations.claim(anna.claims, id),
				escalations.claim(ben.claims, id)
			]);
			const won = results.filter((result) => result.status === 'fulfilled');
			const lost = results.filter((result) => result.status === 'rejected');
			expect(won).toHaveLength(1);
			expect(lost).toHaveLength(1);
			expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({
				message: 'Another counsellor has already claimed this escalation',
				hint: 'escalation_already_claimed'
			});
			expect(await historyKinds(id)).toEqual(['opened', 'claimed']);
			const winner = results[0].status === 'fulfilled' ? anna : ben;
			const detail = await escalations.read(winner.claims, id);
			expect(detail).toMatchObject({ state: 'claimed', claimedByMe: true });
			expect(detail?.claimedBy).toBe(winner.pseudonym);
		}
	});

	it('makes a claim wait while another is under way, then refuses it', async () => {
		const id = await item();
		let finish = () => {};
		const finished = new Promise<void>((resolve) => (finish = resolve));
		let claimed = () => {};
		const hasClaimed = new Promise<void>((resolve) => (claimed = resolve));
		let firstBackend = 0;
		const first = transaction(anna.claims, async (tx) => {
			await escalations.claim(anna.claims, id, tx);
			[{ pid: firstBackend }] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
			claimed();
			await finished; // the first claim's transaction stays open meanwhile
		});
		await hasClaimed;
		let settled = false;
		const second = escalations.claim(ben.claims, id).then(
			() => 'claimed',
			(error: { hint?: string }) => error.hint
		);
		void second.finally(() => (settled = true));
		// The second claim is seen waiting for the first one's row lock, not merely slow.
		await expect
			.poll(async () => {
				const [{ waiting }] = await owner<{ waiting: number }[]>`
					select count(*)::int as waiting from pg_stat_activity
					where ${firstBackend}::int = any (pg_blocking_pids(pid))`;
				return waiting;
			})
			.toBe(1);
		expect(settled).toBe(false);
		finish();
		await first;
		expect(await second).toBe('escalation_already_claimed');
	});

	it('is refused once someone holds the item, with a message the page can show', async () => {
		const id = await item();
		await escalations.claim(anna.claims, id);
		await escalations.claim(anna.claims, id); // claiming what one holds changes nothing
		const refused = await attempt(() => escalations.claim(ben.claims, id));
		expect(refused).toEqual({
			ok: false,
			error: 'Eine andere Fachkraft hat diesen Fall schon übernommen.'
		});
		expect(await escalations.read(ben.claims, id)).toMatchObject({
			claimedBy: anna.pseudonym,
			claimedByMe: false
		});
		expect(await historyKinds(id)).toEqual(['opened', 'claimed']);
	});

	it('is only for counsellors serving the community', async () => {
		const id = await item();
		const [peer, mod, admin] = await Promise.all([member(served), moderator(served), anAdmin()]);
		for (const someone of [elsewhere, peer, mod, admin]) {
			await expect(escalations.claim(someone.claims, id)).rejects.toMatchObject({
				code: '42501',
				message: 'Only counsellors serving this community can work on it'
			});
		}
		expect((await escalations.read(anna.claims, id))?.state).toBe('open');
	});

	it('is refused for a resolved item until it is reopened', async () => {
		const id = await item();
		await escalations.resolve(anna.claims, id, 'no_action', {
			note: 'In der Gemeinschaft geklärt.'
		});
		await expect(escalations.claim(ben.claims, id)).rejects.toMatchObject({
			hint: 'escalation_is_resolved'
		});
		await escalations.reopen(ben.claims, id);
		await escalations.claim(ben.claims, id);
		expect((await escalations.read(ben.claims, id))?.claimedByMe).toBe(true);
	});
});
