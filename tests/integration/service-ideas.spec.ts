// Service ideas, asked as each role: members of the community propose and support (one
// support each), the community's counsellors and admins answer officially, every answer
// kept and told to the supporters and the author; the threshold of supports tells the
// counsellors once. Rules, RLS and moderation per role: rls/service-ideas.spec.ts.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ideaPages from '$lib/server/forum/idea-pages';
import * as ideas from '$lib/server/forum/ideas';
import * as privacy from '$lib/server/members/privacy';
import {
	anAdmin,
	community,
	counsellor,
	member,
	owner,
	type TestMember
} from './escalations/support';
import { idea } from './idea-support';

let place: string;
let author: TestMember;
let supporters: TestMember[];
let professional: TestMember;
let farCounsellor: TestMember;

/** The kinds told to each member about the idea, as the owner sees them. */
async function toldAbout(ideaId: string, kind: string) {
	const rows = await owner<{ memberId: string; reason: string | null }[]>`
		select member_id as "memberId", reason from public.notifications
		where idea_id = ${ideaId} and kind = ${kind} order by created_at`;
	return rows;
}

beforeAll(async () => {
	const elsewhere = await community();
	place = await community();
	await owner`update public.communities set idea_support_threshold = 3 where id = ${place}`;
	[author, professional, farCounsellor, ...supporters] = await Promise.all([
		member(place),
		counsellor([place]),
		counsellor([elsewhere]),
		member(place),
		member(place),
		member(place)
	]);
});

describe('proposing', () => {
	it('publishes the idea with its text rendered, open and unsupported, once per form', async () => {
		const text = idea();
		const { id } = await ideas.propose(author.claims, place, text);
		expect((await ideas.propose(author.claims, place, text)).id).toBe(id);
		expect(await ideaPages.idea(null, id)).toMatchObject({
			title: text.title,
			bodyHtml: '<p>Berufstätige Eltern schaffen die <strong>Sprechzeiten</strong> nicht.</p>',
			author: author.pseudonym,
			state: null,
			supportCount: 0,
			threshold: 3,
			canTakePart: false,
			canAnswer: false,
			answers: [],
			posts: []
		});
		const listed = await ideaPages.ofCommunity(null, place, { sort: 'new', state: 'open' });
		expect(listed.map((row) => row.id)).toContain(id);
	});
});

describe('supporting', () => {
	it('counts one support per member, and takes it back', async () => {
		const { id } = await ideas.propose(author.claims, place, idea());
		await ideas.support(supporters[0].claims, id, true);
		await ideas.support(supporters[0].claims, id, true);
		expect((await ideaPages.idea(supporters[0].claims, id))?.supportCount).toBe(1);
		expect((await ideaPages.idea(supporters[0].claims, id))?.supported).toBe(true);
		await ideas.support(supporters[0].claims, id, false);
		expect((await ideaPages.idea(supporters[0].claims, id))?.supportCount).toBe(0);
	});

	it('tells the community’s counsellors once when the threshold is reached, and lists the idea for them', async () => {
		const { id } = await ideas.propose(author.claims, place, idea());
		await ideas.support(supporters[0].claims, id, true);
		await ideas.support(supporters[1].claims, id, true);
		expect(await toldAbout(id, 'idea_threshold')).toEqual([]);
		await ideas.support(supporters[2].claims, id, true);
		// Below and back at the threshold: no second notification.
		await ideas.support(supporters[2].claims, id, false);
		await ideas.support(supporters[2].claims, id, true);
		// Every counsellor serving the community once (the demo counsellor serves all), no other.
		const told = (await toldAbout(id, 'idea_threshold')).map((row) => row.memberId);
		expect(told).toContain(professional.id);
		expect(told).not.toContain(farCounsellor.id);
		expect(new Set(told).size).toBe(told.length);
		expect((await ideaPages.awaitingStatement(professional.claims)).map((row) => row.id)).toContain(
			id
		);
		expect(
			(await ideaPages.awaitingStatement(farCounsellor.claims)).map((row) => row.id)
		).not.toContain(id);
		const awaiting = await ideaPages.ofCommunity(null, place, {
			sort: 'supports',
			state: 'awaiting'
		});
		expect(awaiting.find((row) => row.id === id)).toMatchObject({
			awaiting: true,
			supportCount: 3
		});
	});
});

describe('official answers', () => {
	it('keeps every answer, sets the newest state and tells the supporters and the author each time', async () => {
		const { id } = await ideas.propose(author.claims, place, idea());
		await ideas.support(supporters[0].claims, id, true);
		await ideas.support(supporters[1].claims, id, true);
		await ideas.answer(professional.claims, id, {
			state: 'under_review',
			reasons: 'Wir sprechen mit dem Jugendamt.'
		});
		const admin = await anAdmin();
		await ideas.answer(admin.claims, id, {
			state: 'accepted',
			reasons: 'Ab März donnerstags bis 19 Uhr.'
		});
		const shown = await ideaPages.idea(null, id);
		expect(shown?.state).toBe('accepted');
		expect(shown?.answers).toMatchObject([
			{
				state: 'accepted',
				reasons: 'Ab März donnerstags bis 19 Uhr.',
				answeredBy: admin.pseudonym
			},
			{
				state: 'under_review',
				answeredBy: professional.pseudonym,
				workplace: 'Beratungsstelle Testhausen'
			}
		]);
		const told = await toldAbout(id, 'idea_answered');
		const expected = [author.id, supporters[0].id, supporters[1].id].sort();
		expect(
			told
				.filter((row) => row.reason === 'under_review')
				.map((row) => row.memberId)
				.sort()
		).toEqual(expected);
		expect(
			told
				.filter((row) => row.reason === 'accepted')
				.map((row) => row.memberId)
				.sort()
		).toEqual(expected);
		// Delivered by e-mail at once (the kind's default), through the outbox.
		const [queued] = await owner<{ count: number }[]>`
			select count(*)::int as count from public.mail_outbox o join public.notifications n on n.id = o.notification_id
			where n.idea_id = ${id} and n.kind = 'idea_answered'`;
		expect(queued.count).toBe(6);
		// Answered: no longer awaiting a statement.
		expect(
			(await ideaPages.awaitingStatement(professional.claims)).map((row) => row.id)
		).not.toContain(id);
	});

	it('is refused to members, the author and counsellors of other communities', async () => {
		const { id } = await ideas.propose(author.claims, place, idea());
		const statement = { state: 'done' as const, reasons: 'Erledigt.' };
		for (const someone of [author, supporters[0], farCounsellor]) {
			await expect(ideas.answer(someone.claims, id, statement)).rejects.toMatchObject({
				hint: 'idea_professionals_only'
			});
		}
		expect((await ideaPages.idea(farCounsellor.claims, id))?.canAnswer).toBe(false);
		expect((await ideaPages.idea(professional.claims, id))?.canAnswer).toBe(true);
	});

	it('closes a decided idea to new supports, but a support may be taken back', async () => {
		const { id } = await ideas.propose(supporters[2].claims, place, idea());
		await ideas.support(supporters[0].claims, id, true);
		await ideas.answer(professional.claims, id, {
			state: 'not_possible',
			reasons: 'Kein Personal.'
		});
		await expect(ideas.support(supporters[1].claims, id, true)).rejects.toMatchObject({
			hint: 'idea_closed'
		});
		await ideas.support(supporters[0].claims, id, false);
		expect((await ideaPages.idea(null, id))?.supportCount).toBe(0);
	});
});

describe('posts on an idea', () => {
	it('are written by members and the community’s counsellors, rendered, once per form', async () => {
		const { id } = await ideas.propose(supporters[1].claims, place, idea());
		const post = { body: 'Das würde uns *sehr* helfen.', idempotencyKey: randomUUID() };
		const written = await ideas.comment(supporters[0].claims, id, post);
		expect(await ideas.comment(supporters[0].claims, id, post)).toEqual(written);
		await ideas.comment(professional.claims, id, {
			body: 'Wir prüfen das.',
			idempotencyKey: randomUUID()
		});
		const shown = await ideaPages.idea(null, id);
		expect(shown?.posts).toMatchObject([
			{ author: supporters[0].pseudonym, bodyHtml: '<p>Das würde uns <em>sehr</em> helfen.</p>' },
			{ author: professional.pseudonym }
		]);
	});
});

describe('the member’s data', () => {
	it('exports their ideas, supports, posts and official answers', async () => {
		const { id } = await ideas.propose(supporters[2].claims, place, idea());
		await ideas.support(supporters[2].claims, id, true);
		await ideas.comment(supporters[2].claims, id, {
			body: 'Nachtrag.',
			idempotencyKey: randomUUID()
		});
		expect(await privacy.exportData(supporters[2].claims)).toMatchObject({
			service_ideas: expect.arrayContaining([expect.objectContaining({ idea: id })]),
			ideas_supported: expect.arrayContaining([expect.objectContaining({ idea: id })]),
			idea_posts: [{ idea: id, text: 'Nachtrag.' }]
		});
	});
});

describe('the demo seed', () => {
	it('shows an accepted idea with its history, one awaiting a statement and a done one', async () => {
		const accepted = await ideaPages.idea(null, '70000000-0000-4000-8000-000000000001');
		expect(accepted).toMatchObject({ state: 'accepted', supportCount: 3, awaiting: false });
		expect(accepted?.answers.map((answer) => answer.state)).toEqual(['accepted', 'under_review']);
		expect(await ideaPages.idea(null, '70000000-0000-4000-8000-000000000002')).toMatchObject({
			state: null,
			awaiting: true
		});
		expect((await ideaPages.idea(null, '70000000-0000-4000-8000-000000000004'))?.state).toBe(
			'done'
		);
	});
});
