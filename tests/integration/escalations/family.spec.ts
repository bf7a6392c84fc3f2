// The family's side: the asker (and only the asker, and the counsellors serving the
// community) sees that the question waits for a professional and until when, when
// nobody is on duty when someone will look, and every outcome in words they understand.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as escalations from '$lib/server/escalations';
import * as notifications from '$lib/server/notifications';
import * as posts from '$lib/server/posts';
import * as threads from '$lib/server/threads';
import {
	anAdmin,
	community,
	counsellor,
	escalationsOf,
	member,
	moderator,
	owner,
	question,
	reply,
	rolledBackAt,
	type TestMember
} from './support';

let served: string;
let professional: TestMember;
let elsewhere: TestMember;
let peer: TestMember;
let mod: TestMember;
let asker: TestMember;

beforeAll(async () => {
	served = await community();
	[professional, elsewhere, peer, mod] = await Promise.all([
		counsellor([served]),
		counsellor([await community()]),
		member(served),
		moderator(served)
	]);
});
beforeEach(async () => {
	asker = await member(served);
});

async function asked() {
	const { id } = await threads.ask(asker.claims, served, question({ wantsProfessional: true }));
	const [item] = await escalationsOf(id);
	return { threadId: id, id: item.id, dueAt: item.dueAt };
}

describe('waiting for a professional', () => {
	it('is shown to the asker with the due time once they asked', async () => {
		const { threadId, dueAt } = await asked();
		expect(await escalations.professionalHelp(asker.claims, threadId)).toMatchObject({
			state: 'open',
			priority: 'high',
			dueAt,
			outcome: null
		});
	});

	it('is shown once a trigger fired, also while a counsellor works on it', async () => {
		const { id: threadId } = await threads.ask(asker.claims, served, question());
		expect(await escalations.professionalHelp(asker.claims, threadId)).toBeNull();
		await escalations.flag(peer.claims, { threadId });
		const [item] = await escalationsOf(threadId);
		await escalations.claim(professional.claims, item.id);
		expect(await escalations.professionalHelp(asker.claims, threadId)).toMatchObject({
			state: 'claimed',
			priority: 'normal'
		});
	});

	it('is the asker’s and the serving counsellors’ only: nothing to peers, moderators, admins, other counsellors, visitors', async () => {
		const { threadId } = await asked();
		expect(await escalations.professionalHelp(professional.claims, threadId)).not.toBeNull();
		for (const someone of [peer, mod, elsewhere, await anAdmin()]) {
			expect(await escalations.professionalHelp(someone.claims, threadId)).toBeNull();
		}
		await expect(
			owner.begin(async (tx) => {
				await tx`set local role anon`;
				return tx`select * from public.asker_escalation(${threadId})`;
			})
		).rejects.toMatchObject({ code: '42501' });
	});
});

describe('out of the staffed hours', () => {
	/** When the service is next staffed, asked at `at` with the given weekly hours (rolled back). */
	async function nextStaffed(at: string, hours: [number, string, string][]) {
		let next: Date | null = null;
		await rolledBackAt(new Date(at), async (tx) => {
			await tx`delete from public.staffed_hours`;
			for (const [weekday, opens, closes] of hours)
				await tx`insert into public.staffed_hours values (${weekday}, ${opens}, ${closes})`;
			[{ next }] = await tx<{ next: Date | null }[]>`select public.next_staffed_at() as next`;
		});
		return next;
	}
	const weekdays: [number, string, string][] = [1, 2, 3, 4, 5].map((d) => [d, '09:00', '17:00']);

	it('tells when someone will look, in Berlin time', async () => {
		// Friday 20:00 in Berlin (winter): next Monday 9:00.
		expect(await nextStaffed('2026-11-27T19:00:00Z', weekdays)).toEqual(
			new Date('2026-11-30T08:00:00Z')
		);
		// Tuesday 7:30 in Berlin (summer time): the same day at 9:00.
		expect(await nextStaffed('2026-06-02T05:30:00Z', weekdays)).toEqual(
			new Date('2026-06-02T07:00:00Z')
		);
		// Within the hours, or with none set: nothing to tell.
		expect(await nextStaffed('2026-11-25T10:00:00Z', weekdays)).toBeNull();
		expect(await nextStaffed('2026-11-27T19:00:00Z', [])).toBeNull();
		// A Sunday-only service on a Sunday evening: next Sunday.
		expect(await nextStaffed('2026-11-29T20:00:00Z', [[7, '10:00', '12:00']])).toEqual(
			new Date('2026-12-06T09:00:00Z')
		);
	});

	it('goes with the waiting state, and not with an outcome', async () => {
		const { threadId, id } = await asked();
		let waiting: Date | null = null;
		await rolledBackAt(new Date('2026-11-28T12:00:00Z'), async (tx) => {
			await tx`delete from public.staffed_hours`;
			await tx`insert into public.staffed_hours values (1, '09:00', '17:00')`;
			await tx`select set_config('role', 'authenticated', true),
				set_config('request.jwt.claims', ${JSON.stringify(asker.claims)}, true)`;
			waiting = (await escalations.professionalHelp(asker.claims, threadId, tx))!.nextStaffedAt;
		});
		expect(waiting).toEqual(new Date('2026-11-30T08:00:00Z'));
		await escalations.resolve(professional.claims, id, 'no_action', { note: 'Geklärt.' });
		expect((await escalations.professionalHelp(asker.claims, threadId))?.nextStaffedAt).toBeNull();
	});
});

describe('each outcome', () => {
	const outcomeFor = (threadId: string) => escalations.professionalHelp(asker.claims, threadId);

	it('answered publicly: with the professional’s answer', async () => {
		const { threadId, id } = await asked();
		const answer = await posts.answer(professional.claims, threadId, reply('Aus der Beratung: …'));
		await escalations.resolve(professional.claims, id, 'answered_publicly');
		expect(await outcomeFor(threadId)).toMatchObject({
			state: 'resolved',
			outcome: 'answered_publicly',
			professionalPostId: answer.id
		});
	});

	it('referred: with the service and how to reach it, as the counsellor wrote them', async () => {
		const { threadId, id } = await asked();
		await escalations.resolve(professional.claims, id, 'referred', {
			service: 'Erziehungsberatung Testhausen',
			contact: 'Tel. 0341 123 45 67, Marktplatz 1'
		});
		expect(await outcomeFor(threadId)).toMatchObject({
			outcome: 'referred',
			referredService: 'Erziehungsberatung Testhausen',
			referredContact: 'Tel. 0341 123 45 67, Marktplatz 1'
		});
	});

	it('duplicate: with the other thread, which the asker can open', async () => {
		const { threadId, id } = await asked();
		const other = await threads.ask(
			peer.claims,
			served,
			question({ title: 'Die erste Frage dazu' })
		);
		await escalations.resolve(professional.claims, id, 'duplicate', { duplicateOf: other.id });
		expect(await outcomeFor(threadId)).toMatchObject({
			outcome: 'duplicate',
			duplicate: { id: other.id, title: 'Die erste Frage dazu' }
		});
	});

	it('no action needed: with the reason', async () => {
		const { threadId, id } = await asked();
		await escalations.resolve(professional.claims, id, 'no_action', {
			note: 'Die Antworten hier treffen es gut; bei neuen Fragen meld dich gern.'
		});
		expect(await outcomeFor(threadId)).toMatchObject({
			outcome: 'no_action',
			resolutionNote: 'Die Antworten hier treffen es gut; bei neuen Fragen meld dich gern.'
		});
	});

	it('is told to the asker by a notification, and a reopened item waits again', async () => {
		const { threadId, id } = await asked();
		await escalations.resolve(professional.claims, id, 'no_action', { note: 'Geklärt.' });
		expect(
			(await notifications.list(asker.claims)).filter(
				(n) => n.kind === 'escalation_resolved' && n.threadId === threadId
			)
		).toHaveLength(1);
		await escalations.reopen(professional.claims, id);
		expect(await outcomeFor(threadId)).toMatchObject({ state: 'open', outcome: null });
	});
});
