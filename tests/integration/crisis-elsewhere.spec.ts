// Crisis words outside questions: an idea, a post on one or a guide's version with crisis
// words opens an urgent case in the counsellors' queue about the idea or guide, as a
// question does: every counsellor serving the community is alerted at once (mailed, never
// unsubscribed), the admins where nobody serves it, and again when it is overdue; it is
// claimed and resolved like any case, and its resolution reaches the writers. Counsellors'
// own texts and a guide's version repeating the one before open nothing.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as escalations from '$lib/server/escalations';
import * as guides from '$lib/server/forum/guides';
import * as ideaPages from '$lib/server/forum/idea-pages';
import * as ideas from '$lib/server/forum/ideas';
import * as threads from '$lib/server/forum/threads';
import { notificationReason } from '$lib/notification-kinds';
import {
	anAdmin,
	community,
	counsellor,
	historyKinds,
	later,
	member,
	minutes,
	moderator,
	owner,
	question,
	rolledBackAt,
	type TestMember
} from './escalations/support';
import { idea } from './idea-support';

const crisis = 'Ich halte das nicht mehr aus und will nicht mehr leben.';

let place: string;
let writer: TestMember;
let serving: TestMember;

/** The cases about an idea or a guide, as the database's owner sees them. */
const casesOf = (subject: { idea?: string; guide?: string }) =>
	owner<{ id: string; priority: string; state: string; communityId: string; dueAt: Date }[]>`
		select id, priority, state, community_id as "communityId", due_at as "dueAt" from public.escalations
		where idea_id = ${subject.idea ?? null} or guide_id = ${subject.guide ?? null} order by opened_at`;

/** A member's notifications of a kind about an idea or a guide, with their mail's alert mark. */
const told = (memberId: string, kind: string) =>
	owner<
		{ ideaId: string | null; guideId: string | null; reason: string | null; alertMail: boolean }[]
	>`
		select n.idea_id as "ideaId", n.guide_id as "guideId", n.reason,
			coalesce((select o.alert from public.mail_outbox o where o.notification_id = n.id), false) as "alertMail"
		from public.notifications n where n.member_id = ${memberId} and n.kind = ${kind}
		order by n.created_at`;

beforeAll(async () => {
	place = await community();
	[writer, serving] = await Promise.all([member(place), counsellor([place])]);
});

describe('crisis words in an idea, a post on one or a guide', () => {
	it('open an urgent case about the idea, alert the serving counsellors and tell the writer', async () => {
		const plain = await ideas.propose(writer.claims, place, idea());
		expect(plain.crisis).toBe(false);
		expect(await casesOf({ idea: plain.id })).toEqual([]);

		const worried = await ideas.propose(writer.claims, place, { ...idea(), body: crisis });
		expect(worried.crisis).toBe(true);
		const [item] = await casesOf({ idea: worried.id });
		expect(item).toMatchObject({ priority: 'urgent', state: 'open', communityId: place });
		const alerts = (await told(serving.id, 'escalation_urgent')).filter(
			(n) => n.ideaId === worried.id
		);
		expect(alerts).toEqual([{ ideaId: worried.id, guideId: null, reason: null, alertMail: true }]);

		// In the counsellor's queue, and on its page with the words that raised it.
		const queue = await escalations.queue(serving.claims, { communityId: place });
		expect(queue.items.find((row) => row.id === item.id)).toMatchObject({
			subject: 'idea',
			ideaId: worried.id,
			threadId: null,
			title: expect.stringMatching(/\S/)
		});
		const page = await escalations.read(serving.claims, item.id);
		expect(page?.texts).toEqual([expect.objectContaining({ kind: 'idea', id: worried.id })]);
		expect(page?.texts[0].bodyHtml).toMatch(/nicht mehr leben/);
		expect(page?.history[0]).toMatchObject({ kind: 'opened', trigger: 'crisis' });
		expect(page?.history[0].detail).toMatch(/nicht mehr leben/);
	});

	it('in a post on an idea adds to its case, but not in a counsellor’s own post', async () => {
		const { id } = await ideas.propose(writer.claims, place, idea());
		const post = await ideas.comment(writer.claims, id, {
			body: crisis,
			idempotencyKey: randomUUID()
		});
		expect(post.crisis).toBe(true);
		const again = await ideas.comment(writer.claims, id, {
			body: `Noch einmal: ${crisis}`,
			idempotencyKey: randomUUID()
		});
		const own = await ideas.comment(serving.claims, id, {
			body: `Wer so etwas liest: ${crisis}`,
			idempotencyKey: randomUUID()
		});
		expect(own.crisis).toBe(false);
		const cases = await casesOf({ idea: id });
		expect(cases).toHaveLength(1);
		expect(await historyKinds(cases[0].id)).toEqual(['opened', 'alerted', 'triggered']);
		const page = await escalations.read(serving.claims, cases[0].id);
		expect(page?.texts.map((text) => [text.kind, text.id])).toEqual([
			['idea_comment', post.id],
			['idea_comment', again.id]
		]);
	});

	it('in a guide’s version, once: a next version repeating it opens nothing again', async () => {
		const threadId = (await threads.ask(writer.claims, place, question())).id;
		const title = `Wenn alles zu viel wird ${randomUUID().slice(0, 6)}`;
		const { id: guideId, crisis: shown } = await guides.draft(writer.claims, [threadId], {
			title,
			body: crisis
		});
		expect(shown).toBe(true);
		await guides.edit(writer.claims, guideId, 1, { title, body: `${crisis}\n\nNachtrag.` });
		const cases = await casesOf({ guide: guideId });
		expect(cases).toHaveLength(1);
		expect(await historyKinds(cases[0].id)).toEqual(['opened', 'alerted']);
		const page = await escalations.read(serving.claims, cases[0].id);
		expect(page).toMatchObject({ subject: 'guide', guideId, title });
		expect(page?.texts.map((text) => [text.kind, text.id])).toEqual([['guide_version', '1']]);
	});

	it('alert again when overdue, and go to the admins where no counsellor serves the community', async () => {
		const { id } = await ideas.propose(writer.claims, place, { ...idea(), body: crisis });
		const [item] = await casesOf({ idea: id });
		await rolledBackAt(later(item.dueAt, minutes(1)), async (tx) => {
			await tx`select public.alert_overdue_escalations()`;
			const [overdue] = await tx<{ count: number }[]>`
				select count(*)::int from public.notifications
				where member_id = ${serving.id} and kind = 'escalation_overdue' and idea_id = ${id}`;
			expect(overdue.count).toBe(1);
		});

		const admin = await anAdmin();
		const lonely = await community();
		await rolledBackAt(new Date(), async (tx) => {
			// Nobody serves it: no counsellor serving all communities (duty leads among them).
			await tx`update public.counsellor_profiles set withdrawn_at = now() where serves_all`;
			const [{ id }] = await tx<{ id: string }[]>`
				insert into public.service_ideas (community_id, author_id, title, body_markdown, body_html)
				values (${lonely}, ${writer.id}, 'Niemand betreut diese Gemeinschaft', ${crisis}, '<p>x</p>')
				returning id`;
			const admins = await tx<{ memberId: string }[]>`
				select member_id as "memberId" from public.notifications
				where idea_id = ${id} and kind = 'escalation_unserved'`;
			expect(admins.map((row) => row.memberId)).toContain(admin.id);
		});
	});
});

describe('an idea’s case', () => {
	it('stays readable to its counsellors when a moderator removes the idea', async () => {
		const family = await member(place);
		const keeper = await moderator(place);
		const { id } = await ideas.propose(family.claims, place, { ...idea(), body: crisis });
		const post = await ideas.comment(family.claims, id, {
			body: crisis,
			idempotencyKey: randomUUID()
		});
		await ideas.removeComment(keeper.claims, post.id, 'Zum Schutz der Familie');
		await ideas.remove(keeper.claims, id, 'Zum Schutz der Familie');
		const [item] = await casesOf({ idea: id });
		const page = await escalations.read(serving.claims, item.id);
		expect(page?.title).toMatch(/\S/);
		expect(page?.texts.map((text) => [text.kind, text.removed])).toEqual([
			['idea', true],
			['idea_comment', true]
		]);
		// Nobody else who serves no case of it reads it.
		const other = await counsellor([await community()]);
		expect(await ideaPages.idea(other.claims, id)).toBeNull();
	});

	it('is claimed and resolved like a question’s, and its writers read the outcome', async () => {
		const peer = await member(place);
		const { id } = await ideas.propose(writer.claims, place, { ...idea(), body: crisis });
		const post = await ideas.comment(peer.claims, id, {
			body: crisis,
			idempotencyKey: randomUUID()
		});
		expect(post.crisis).toBe(true);
		const [item] = await casesOf({ idea: id });
		await escalations.claim(serving.claims, item.id);

		// No question to be a duplicate of; no public answer yet.
		await expect(
			escalations.resolve(serving.claims, item.id, 'duplicate', { duplicateOf: randomUUID() })
		).rejects.toMatchObject({ hint: 'escalation_duplicate_required' });
		await expect(
			escalations.resolve(serving.claims, item.id, 'answered_publicly')
		).rejects.toMatchObject({
			hint: 'escalation_answer_first'
		});

		await escalations.resolve(serving.claims, item.id, 'referred', {
			service: 'Telefonseelsorge',
			contact: '0800 111 0 111'
		});
		for (const reader of [writer, peer]) {
			const [outcome] = (await told(reader.id, 'escalation_resolved_text')).filter(
				(n) => n.ideaId === id
			);
			expect(notificationReason('escalation_resolved_text', outcome.reason, 'de')).toBe(
				'Ein Angebot für dich: Telefonseelsorge. So erreichst du es: 0800 111 0 111'
			);
		}
		expect(await told(serving.id, 'escalation_resolved_text')).toEqual([]);
	});

	it('is answered publicly by a counsellor’s post on the idea', async () => {
		// Another writer: five ideas an hour each.
		const family = await member(place);
		const { id } = await ideas.propose(family.claims, place, { ...idea(), body: crisis });
		const [item] = await casesOf({ idea: id });
		await escalations.claim(serving.claims, item.id);
		await ideas.comment(serving.claims, id, {
			body: 'Du bist nicht allein. Hier findest du sofort Hilfe: 0800 111 0 111.',
			idempotencyKey: randomUUID()
		});
		await escalations.resolve(serving.claims, item.id, 'answered_publicly');
		const [outcome] = await told(family.id, 'escalation_resolved_text');
		expect(notificationReason('escalation_resolved_text', outcome.reason, 'en')).toBe(
			'The counsellor answered there in public.'
		);
	});
});
