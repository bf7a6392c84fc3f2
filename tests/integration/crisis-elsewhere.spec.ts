// Crisis words outside questions: an idea, a post on one or a guide's version with crisis
// words alerts every counsellor serving the community at once (an alert: mailed at once,
// never unsubscribed), the admins where nobody serves it; the writer is told (the pages
// show the helplines). Counsellors' own texts and a guide's version repeating the one
// before alert nobody.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as guides from '$lib/server/forum/guides';
import * as ideas from '$lib/server/forum/ideas';
import * as threads from '$lib/server/forum/threads';
import {
	anAdmin,
	community,
	counsellor,
	member,
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

/** The crisis alerts a member has, with their mails' alert mark. */
const alerts = (memberId: string) =>
	owner<{ ideaId: string | null; guideId: string | null; reason: string; alertMail: boolean }[]>`
		select n.idea_id as "ideaId", n.guide_id as "guideId", n.reason,
			coalesce((select o.alert from public.mail_outbox o where o.notification_id = n.id), false) as "alertMail"
		from public.notifications n where n.member_id = ${memberId} and n.kind = 'crisis_text'
		order by n.created_at`;

beforeAll(async () => {
	place = await community();
	[writer, serving] = await Promise.all([member(place), counsellor([place])]);
});

describe('crisis words in an idea, a post on one or a guide', () => {
	it('alert the serving counsellors at once, and tell the writer', async () => {
		const plain = await ideas.propose(writer.claims, place, idea());
		expect(plain.crisis).toBe(false);
		const worried = await ideas.propose(writer.claims, place, { ...idea(), body: crisis });
		expect(worried.crisis).toBe(true);
		const got = await alerts(serving.id);
		expect(got).toHaveLength(1);
		expect(got[0]).toMatchObject({ ideaId: worried.id, alertMail: true });
		expect(got[0].reason).toMatch(/nicht mehr leben/);
	});

	it('in a post on an idea, but not in a counsellor’s own', async () => {
		const { id } = await ideas.propose(writer.claims, place, idea());
		const before = (await alerts(serving.id)).length;
		const post = await ideas.comment(writer.claims, id, {
			body: crisis,
			idempotencyKey: randomUUID()
		});
		expect(post.crisis).toBe(true);
		const own = await ideas.comment(serving.claims, id, {
			body: `Wer so etwas liest: ${crisis}`,
			idempotencyKey: randomUUID()
		});
		expect(own.crisis).toBe(false);
		expect((await alerts(serving.id)).length).toBe(before + 1);
	});

	it('in a guide’s version, once: a next version repeating it alerts nobody again', async () => {
		const threadId = (await threads.ask(writer.claims, place, question())).id;
		const title = `Wenn alles zu viel wird ${randomUUID().slice(0, 6)}`;
		const { id: guideId, crisis: told } = await guides.draft(writer.claims, [threadId], {
			title,
			body: crisis
		});
		expect(told).toBe(true);
		await guides.edit(writer.claims, guideId, 1, { title, body: `${crisis}\n\nNachtrag.` });
		expect((await alerts(serving.id)).filter((alert) => alert.guideId === guideId)).toHaveLength(1);
	});

	it('go to the admins where no counsellor serves the community', async () => {
		const admin = await anAdmin();
		const lonely = await community();
		await rolledBackAt(new Date(), async (tx) => {
			// Nobody serves it: no counsellor serving all communities (duty leads among them).
			await tx`update public.counsellor_profiles set withdrawn_at = now() where serves_all`;
			const [{ id }] = await tx<{ id: string }[]>`
				insert into public.service_ideas (community_id, author_id, title, body_markdown, body_html)
				values (${lonely}, ${writer.id}, 'Niemand betreut diese Gemeinschaft', ${crisis}, '<p>x</p>')
				returning id`;
			const told = await tx<{ memberId: string }[]>`
				select member_id as "memberId" from public.notifications where idea_id = ${id} and kind = 'crisis_text'`;
			expect(told.map((row) => row.memberId)).toContain(admin.id);
		});
	});
});
