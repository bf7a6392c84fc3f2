// Working an item to its end: a professional answer (and the asker told of it),
// internal notes, each outcome with what it requires, reopening, and the history.
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '$lib/server/db';
import * as escalations from '$lib/server/escalations';
import * as posts from '$lib/server/posts';
import * as threads from '$lib/server/threads';
import { community, counsellor, member, owner, question, reply, type TestMember } from './support';

let served: string;
let anna: TestMember;
let ben: TestMember;

beforeAll(async () => {
	served = await community();
	[anna, ben] = await Promise.all([counsellor([served]), counsellor([served])]);
});

/** A fresh item from an asker who asked for a professional. */
async function item() {
	const asker = await member(served);
	const { id: threadId } = await threads.ask(
		asker.claims,
		served,
		question({ wantsProfessional: true })
	);
	const queue = (await escalations.queue(anna.claims, { communityId: served })).items;
	return { asker, threadId, id: queue.find((each) => each.threadId === threadId)!.id };
}

describe('a professional answer', () => {
	it('carries the badge, lands in the history and tells the asker that a professional answered', async () => {
		const { asker, threadId, id } = await item();
		const peer = await member(served);
		await posts.answer(peer.claims, threadId, reply('Von Familie zu Familie.'));
		await escalations.claim(anna.claims, id);
		const answered = await posts.answer(anna.claims, threadId, reply('Aus der Beratung: …'));

		const [first] = (await posts.readPage(asker.claims, threadId)).answers;
		expect(first).toMatchObject({
			id: answered.id,
			professional: { profession: 'Sozialpädagogin', organisation: 'Beratungsstelle Testhausen' }
		});
		expect((await escalations.read(anna.claims, id))?.history.at(-1)).toMatchObject({
			kind: 'answered',
			actor: anna.pseudonym,
			postId: answered.id
		});
		// The peer's answer is announced as an answer, the counsellor's as a professional one.
		const notifications = await transaction(
			asker.claims,
			(tx) =>
				tx`select kind, thread_id, post_id, read_at from public.notifications where kind = 'professional_answer'`
		);
		expect(notifications).toEqual([
			{ kind: 'professional_answer', thread_id: threadId, post_id: answered.id, read_at: null }
		]);
		expect(
			await transaction(peer.claims, (tx) => tx`select 1 from public.notifications`)
		).toHaveLength(0);
		await transaction(
			asker.claims,
			(tx) => tx`update public.notifications set read_at = now() where post_id = ${answered.id}`
		);
		const [row] = await transaction(
			asker.claims,
			(tx) => tx`select read_at from public.notifications where post_id = ${answered.id}`
		);
		expect(row.read_at).toBeInstanceOf(Date);
	});
});

describe('internal notes', () => {
	it('are kept in order with their authors, for every counsellor serving the community', async () => {
		const { id } = await item();
		await escalations.addNote(anna.claims, id, 'Familie kennt die Erziehungsberatung nicht.');
		await escalations.addNote(ben.claims, id, 'Ich habe einen Kontakt in Testhausen.');
		const detail = await escalations.read(ben.claims, id);
		expect(detail?.notes.map((note) => [note.author, note.body])).toEqual([
			[anna.pseudonym, 'Familie kennt die Erziehungsberatung nicht.'],
			[ben.pseudonym, 'Ich habe einen Kontakt in Testhausen.']
		]);
		expect(detail?.history.map((entry) => entry.kind)).toEqual(['opened', 'noted', 'noted']);
		await expect(escalations.addNote(anna.claims, id, '   ')).rejects.toMatchObject({
			code: '23514'
		});
	});
});

describe('resolving', () => {
	it('as answered publicly needs a professional answer first', async () => {
		const { threadId, id } = await item();
		await expect(escalations.resolve(anna.claims, id, 'answered_publicly')).rejects.toMatchObject({
			message: 'Answer in the thread before resolving as answered publicly'
		});
		await posts.answer(anna.claims, threadId, reply('Hier die fachliche Einschätzung.'));
		await escalations.resolve(anna.claims, id, 'answered_publicly');
		expect(await escalations.read(anna.claims, id)).toMatchObject({
			state: 'resolved',
			outcome: 'answered_publicly'
		});
	});

	it('as referred names the service and how the family reaches it', async () => {
		const { id } = await item();
		for (const service of [undefined, '  ']) {
			await expect(
				escalations.resolve(anna.claims, id, 'referred', { service, contact: '0341 123' })
			).rejects.toMatchObject({ message: 'Name the service the family was referred to' });
		}
		for (const contact of [undefined, ' x ']) {
			await expect(
				escalations.resolve(anna.claims, id, 'referred', { service: 'Beratung', contact })
			).rejects.toMatchObject({ hint: 'escalation_contact_required' });
		}
		await escalations.resolve(anna.claims, id, 'referred', {
			service: ' Erziehungsberatung Testhausen ',
			contact: ' Tel. 0341 123 45 67, Mo–Fr 9–16 Uhr '
		});
		const detail = await escalations.read(anna.claims, id);
		expect(detail).toMatchObject({
			outcome: 'referred',
			referredService: 'Erziehungsberatung Testhausen',
			referredContact: 'Tel. 0341 123 45 67, Mo–Fr 9–16 Uhr'
		});
		expect(detail?.history.at(-1)).toMatchObject({
			kind: 'resolved',
			outcome: 'referred',
			detail: 'Erziehungsberatung Testhausen',
			actor: anna.pseudonym
		});
	});

	it('as a duplicate names another thread that readers can see', async () => {
		const { threadId, id } = await item();
		const other = await item();
		const removed = await item();
		await owner`update public.threads set removed_at = now() where id = ${removed.threadId}`;
		for (const duplicateOf of [null, threadId, removed.threadId]) {
			await expect(
				escalations.resolve(anna.claims, id, 'duplicate', { duplicateOf })
			).rejects.toMatchObject({ hint: 'escalation_duplicate_required' });
		}
		await escalations.resolve(anna.claims, id, 'duplicate', { duplicateOf: other.threadId });
		expect(await escalations.read(anna.claims, id)).toMatchObject({
			outcome: 'duplicate',
			duplicateOf: other.threadId
		});
	});

	it('as no action needed says why; only once, and not while someone else holds it', async () => {
		const { id } = await item();
		await escalations.claim(ben.claims, id);
		const why = { note: 'Die Antworten der Gemeinschaft decken das gut ab.' };
		await expect(escalations.resolve(anna.claims, id, 'no_action', why)).rejects.toMatchObject({
			hint: 'escalation_not_holder'
		});
		await expect(escalations.resolve(ben.claims, id, 'no_action')).rejects.toMatchObject({
			hint: 'escalation_note_for_asker_required'
		});
		await escalations.resolve(ben.claims, id, 'no_action', why);
		expect(await escalations.read(ben.claims, id)).toMatchObject({
			outcome: 'no_action',
			resolutionNote: 'Die Antworten der Gemeinschaft decken das gut ab.'
		});
		await expect(escalations.resolve(ben.claims, id, 'no_action', why)).rejects.toMatchObject({
			hint: 'escalation_is_resolved'
		});
	});
});

describe('reopening', () => {
	it('puts a resolved item back in the queue with a new due time, and keeps the history', async () => {
		const { id } = await item();
		await escalations.claim(anna.claims, id);
		await escalations.addNote(anna.claims, id, 'Erst einmal erledigt.');
		await escalations.resolve(anna.claims, id, 'no_action', { note: 'Erst einmal erledigt.' });
		await expect(escalations.reopen(anna.claims, id)).resolves.toBeUndefined();
		const detail = await escalations.read(anna.claims, id);
		expect(detail).toMatchObject({ state: 'open', outcome: null, claimedBy: null });
		expect(detail!.dueAt.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
		expect(detail?.history.map((entry) => entry.kind)).toEqual([
			'opened',
			'claimed',
			'noted',
			'resolved',
			'reopened'
		]);
		await expect(escalations.reopen(anna.claims, id)).rejects.toMatchObject({
			message: 'Only a resolved escalation can be reopened'
		});
	});

	it('is refused while the thread has another open item; new triggers open that one', async () => {
		const { asker, threadId, id } = await item();
		await escalations.resolve(anna.claims, id, 'no_action', { note: 'Schon geklärt.' });
		await escalations.flag(asker.claims, { threadId }, { note: 'Doch noch eine Frage.' });
		const queue = (await escalations.queue(anna.claims, { communityId: served })).items;
		const fresh = queue.find((each) => each.threadId === threadId)!;
		expect(fresh.id).not.toBe(id);
		expect(fresh).toMatchObject({ priority: 'normal', triggers: ['flag'] });
		await expect(escalations.reopen(anna.claims, id)).rejects.toMatchObject({
			message: 'This thread already has an open escalation',
			hint: 'escalation_already_open'
		});
	});
});
