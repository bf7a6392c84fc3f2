// Every way an escalation comes about: the asker's request, a flag, crisis words,
// and no peer answer within the waiting time; and further triggers adding to it.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as escalations from '$lib/server/escalations';
import * as posts from '$lib/server/posts';
import * as scheduler from '$lib/server/scheduler';
import * as threads from '$lib/server/threads';
import {
	community,
	counsellor,
	escalationsOf,
	historyKinds,
	later,
	member,
	minutes,
	owner,
	question,
	reply,
	askedAgo,
	type TestMember
} from './support';

let open: string; // publishes posts with crisis words
let holding: string; // holds them for review
let asker: TestMember; // a new one per test: members may ask five questions an hour
let peer: TestMember;
let professional: TestMember;

beforeAll(async () => {
	[open, holding] = await Promise.all([community(), community({ crisisPolicy: 'hold' })]);
	[peer, professional] = await Promise.all([member(open, holding), counsellor([open, holding])]);
});
beforeEach(async () => {
	asker = await member(open, holding);
});

const hours = (n: number) => minutes(60 * n);
const itemFor = async (threadId: string) =>
	(await escalations.queue(professional.claims)).items.find((item) => item.threadId === threadId);

describe('the asker asks for a professional', () => {
	it('opens a high-priority item due in 24 hours', async () => {
		const { id } = await threads.ask(asker.claims, open, question({ wantsProfessional: true }));
		const item = await itemFor(id);
		expect(item).toMatchObject({ priority: 'high', state: 'open', triggers: ['asker_request'] });
		expect(item!.dueAt.getTime() - item!.openedAt.getTime()).toBe(hours(24));
	});

	it('opens nothing when the asker did not ask', async () => {
		const { id } = await threads.ask(asker.claims, open, question());
		expect(await escalationsOf(id)).toEqual([]);
	});
});

describe('a member flags "needs a professional"', () => {
	it('opens a normal item due in 48 hours, keeping the note', async () => {
		const { id } = await threads.ask(asker.claims, open, question());
		await escalations.flag(peer.claims, { threadId: id }, { note: 'Hier braucht es Fachwissen.' });
		const item = await itemFor(id);
		expect(item).toMatchObject({ priority: 'normal', triggers: ['flag'] });
		expect(item!.dueAt.getTime() - item!.openedAt.getTime()).toBe(hours(48));
		const detail = await escalations.read(professional.claims, item!.id);
		expect(detail?.history).toMatchObject([
			{ kind: 'opened', trigger: 'flag', actor: null, detail: 'Hier braucht es Fachwissen.' }
		]);
	});

	it('escalates the thread of a flagged post (dangerous advice), naming the post', async () => {
		const { id } = await threads.ask(asker.claims, open, question());
		const answer = await posts.answer(peer.claims, id, reply('Einfach die Medikamente absetzen.'));
		await escalations.flag(asker.claims, { postId: answer.id }, { reason: 'dangerous_advice' });
		const item = await itemFor(id);
		expect((await escalations.read(professional.claims, item!.id))?.history[0]).toMatchObject({
			kind: 'opened',
			trigger: 'flag',
			postId: answer.id
		});
	});

	it('takes one flag per member and target; other reasons do not escalate', async () => {
		const { id } = await threads.ask(asker.claims, open, question());
		await escalations.flag(peer.claims, { threadId: id }, { reason: 'spam' });
		expect(await escalationsOf(id)).toEqual([]);
		await expect(escalations.flag(peer.claims, { threadId: id })).rejects.toMatchObject({
			code: '23505'
		});
	});
});

describe('crisis words', () => {
	it('make the item urgent, due in an hour, and publish where the community publishes', async () => {
		const { id } = await threads.ask(asker.claims, open, question());
		const written = await posts.answer(peer.claims, id, reply('Ich will nicht mehr leben.'));
		expect(written).toMatchObject({ crisis: true, held: false });
		const item = await itemFor(id);
		expect(item).toMatchObject({ priority: 'urgent', triggers: ['crisis'] });
		expect(item!.dueAt.getTime() - item!.openedAt.getTime()).toBe(hours(1));
		expect((await escalations.read(professional.claims, item!.id))?.history[0]).toMatchObject({
			detail: 'nicht mehr leben',
			postId: written.id
		});
		const visible = (await posts.readPage(null, id)).answers;
		expect(visible.map((post) => post.id)).toContain(written.id);
	});

	it('hold the question where the community holds, and the writer is told', async () => {
		const written = await threads.ask(
			asker.claims,
			holding,
			question({ body: 'Mein Mann schlägt meine Kinder. Was soll ich tun?' })
		);
		expect(written).toMatchObject({ crisis: true, held: true });
		expect(await threads.read(null, written.id)).toBeNull();
		expect(await threads.read(peer.claims, written.id)).toBeNull();
		expect(await threads.read(asker.claims, written.id)).toMatchObject({
			held: true,
			isMine: true
		});
		expect(await threads.read(professional.claims, written.id)).toMatchObject({ held: true });
		expect(await itemFor(written.id)).toMatchObject({ priority: 'urgent' });
	});

	it('added by an edit escalate too; words already there do not again', async () => {
		const { id } = await threads.ask(asker.claims, open, question());
		const answer = await posts.answer(peer.claims, id, reply('Alles gut bei uns.'));
		expect(answer).toMatchObject({ crisis: false, held: false });
		await posts.edit(peer.claims, answer.id, 'Ich ritze mich wieder.');
		const [item] = await escalationsOf(id);
		expect(item.priority).toBe('urgent');
		await posts.edit(peer.claims, answer.id, 'Ich ritze mich wieder, seit Tagen.');
		expect(await historyKinds(item.id)).toEqual(['opened', 'alerted']);
	});
});

describe('no peer answer within the waiting time', () => {
	const opened = async (threadId: string) => (await escalationsOf(threadId))[0];
	const runJob = () => scheduler.runJob('unanswered_escalations');

	it('puts the question in the queue by the scheduled job once the time has passed, as of that moment', async () => {
		const waiting = await threads.ask(asker.claims, open, question());
		const answered = await threads.ask(asker.claims, open, question());
		await posts.answer(peer.claims, answered.id, reply('Wir kennen das.'));

		await askedAgo(waiting.id, hours(48) - minutes(1));
		await askedAgo(answered.id, hours(49));
		await runJob();
		expect(await escalationsOf(waiting.id)).toEqual([]);
		await askedAgo(waiting.id, hours(48) + minutes(1));
		expect(await runJob()).toBeGreaterThanOrEqual(1);
		const { createdAt } = (await threads.read(asker.claims, waiting.id))!;
		const item = (await escalations.queue(professional.claims, { communityId: open })).items.find(
			(each) => each.threadId === waiting.id
		);
		expect(item).toMatchObject({ priority: 'normal', triggers: ['unanswered'] });
		expect(item!.openedAt).toEqual(later(createdAt, hours(48)));
		expect(item!.dueAt).toEqual(later(createdAt, hours(96)));
		expect(await escalationsOf(answered.id)).toEqual([]);

		// Idempotent: running again (or on another server) opens nothing more.
		await runJob();
		expect(await escalationsOf(waiting.id)).toHaveLength(1);
	});

	it('follows the community’s own waiting time', async () => {
		const quick = await community({ waiting: '2 hours' });
		const local = await member(quick);
		const { id } = await threads.ask(local.claims, quick, question());
		await askedAgo(id, hours(2) - minutes(1));
		await runJob();
		expect(await escalationsOf(id)).toEqual([]);
		await askedAgo(id, hours(2) + minutes(1));
		await runJob();
		expect(await opened(id)).toMatchObject({ priority: 'normal' });
	});

	it('counts neither the asker’s own answers nor answers removed, withdrawn or held as peer answers', async () => {
		const own = await threads.ask(asker.claims, open, question());
		await posts.answer(asker.claims, own.id, reply('Nachtrag: es geht um die Grundschule.'));
		const removed = await threads.ask(asker.claims, open, question());
		const removedAnswer = await posts.answer(peer.claims, removed.id, reply('Kauf dir was.'));
		await owner`update public.posts set removed_at = now() where id = ${removedAnswer.id}`;
		const withdrawn = await threads.ask(asker.claims, open, question());
		const withdrawnAnswer = await posts.answer(peer.claims, withdrawn.id, reply('Doch nicht.'));
		await posts.withdraw(peer.claims, withdrawnAnswer.id);
		const held = await threads.ask(asker.claims, open, question());
		const heldAnswer = await posts.answer(peer.claims, held.id, reply('Wartet auf Freigabe.'));
		await owner`update public.posts set held_at = now() where id = ${heldAnswer.id}`;
		const peerAnswered = await threads.ask(asker.claims, open, question());
		await posts.answer(peer.claims, peerAnswered.id, reply('Bei uns hat das geholfen.'));

		for (const { id } of [own, removed, withdrawn, held, peerAnswered])
			await askedAgo(id, hours(49));
		await runJob();
		for (const { id } of [own, removed, withdrawn, held]) {
			expect(await opened(id), id).toMatchObject({ priority: 'normal' });
		}
		expect(await escalationsOf(peerAnswered.id)).toEqual([]);
	});

	it('takes a restored answer as answered again', async () => {
		const { id } = await threads.ask(asker.claims, open, question());
		const answer = await posts.answer(peer.claims, id, reply('Erst entfernt, dann zurück.'));
		await owner`update public.posts set removed_at = now() where id = ${answer.id}`;
		await owner`update public.posts set removed_at = null where id = ${answer.id}`;
		await askedAgo(id, hours(49));
		await runJob();
		expect(await escalationsOf(id)).toEqual([]);
	});

	it('runs on one server at a time while the others skip, and opens each item once', async () => {
		const { id } = await threads.ask(asker.claims, open, question());
		await askedAgo(id, hours(49));
		await Promise.all([runJob(), runJob(), runJob()]);
		expect(await escalationsOf(id)).toHaveLength(1);
		expect(await historyKinds((await opened(id)).id)).toEqual(['opened']);
	});
});

describe('further triggers', () => {
	it('add to the open item and raise its priority, never lower it, never open a second', async () => {
		const { id } = await threads.ask(asker.claims, open, question());
		await escalations.flag(peer.claims, { threadId: id });
		const [first] = await escalationsOf(id);
		expect(first.priority).toBe('normal');

		await posts.answer(asker.claims, id, reply('Ich kann nicht mehr, ich will sterben.'));
		const [raised] = await escalationsOf(id);
		expect(raised).toMatchObject({ id: first.id, priority: 'urgent' });
		expect(raised.dueAt.getTime()).toBeLessThanOrEqual(Date.now() + hours(1));

		const other = await member(open);
		await escalations.flag(other.claims, { threadId: id }, { note: 'Auch von mir.' });
		expect(await escalationsOf(id)).toMatchObject([{ id: first.id, priority: 'urgent' }]);
		expect(await historyKinds(first.id)).toEqual(['opened', 'raised', 'alerted', 'triggered']);
		expect((await itemFor(id))?.triggers.sort()).toEqual(['crisis', 'flag']);
	});
});
