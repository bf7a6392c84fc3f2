// The needs signal: counsellors and admins read which questions families share most, per
// community or region and month by month (counts only, never who); members and visitors
// cannot. The weekly summary goes once a week to subscribers still counsellors or admins,
// with the week's most shared questions, and never for a week nobody shared one.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '$lib/server/data/db';
import * as needs from '$lib/server/forum/needs';
import { createMember, owner, type TestMember } from './support';

const day = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * day);

/** Members straight in the database, as Auth signs them up; returns their ids. */
async function people(count: number) {
	const ids = Array.from({ length: count }, () => randomUUID());
	for (const id of ids)
		await owner`insert into auth.users (id, email, email_confirmed_at, raw_user_meta_data)
			values (${id}, ${`needs-${id}@example.org`}, now(), ${owner.json({ pseudonym: `Bedarf_${id.slice(0, 8)}` })})`;
	return ids;
}

async function place(region: string) {
	const slug = `bedarf-${randomUUID().slice(0, 8)}`;
	const [{ id }] = await owner<{ id: string }[]>`
		insert into public.communities (slug, name, topic, region) values (${slug}, ${`Bedarf ${slug}`}, 'Test', ${region})
		returning id`;
	return { id, slug };
}

async function question(communityId: string, title: string, { held = false } = {}) {
	const [{ id }] = await owner<{ id: string }[]>`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html, held_at)
		values (${communityId}, ${family.id}, ${title}, 'Text', '<p>Text</p>', ${held ? new Date() : null})
		returning id`;
	return id;
}

/** Me-toos on the question by the given people, said at the given times. */
async function meToos(threadId: string, said: [string, Date][]) {
	for (const [memberId, at] of said)
		await owner`insert into public.me_toos (thread_id, member_id, created_at) values (${threadId}, ${memberId}, ${at})`;
}

let counsellor: TestMember;
let admin: TestMember;
let family: TestMember;
let sayers: string[];
// A Kreis no community has yet, so the region's figures are this file's alone.
let region: string;
let here: { id: string; slug: string };
let ids: Record<'often' | 'once' | 'held' | 'elsewhere', string>;

beforeAll(async () => {
	[counsellor, admin, family] = await Promise.all([
		createMember({ role: 'counsellor' }),
		createMember({ role: 'admin' }),
		createMember()
	]);
	sayers = await people(4);
	[{ region }] = await owner<{ region: string }[]>`
		select r.ags as region from public.regions r
		where r.level = 'kreis' and not exists (select 1 from public.communities c where c.region = r.ags)
		order by random() limit 1`;
	here = await place(region);
	const there = await place(region);
	ids = {
		often: await question(here.id, 'Schulbegleitung abgelehnt: was nun?'),
		once: await question(here.id, 'Welche Kita nimmt Kinder mit Diabetes?'),
		held: await question(here.id, 'Eine zurückgehaltene Frage', { held: true }),
		elsewhere: await question(there.id, 'Pflegegrad für unser Kind beantragen')
	};
	const [a, b, c, d] = sayers;
	// Two in the last 30 days, one in the 30 before, one more than a year ago (not counted).
	await meToos(ids.often, [
		[a, ago(2)],
		[b, ago(10)],
		[c, ago(45)],
		[d, ago(400)]
	]);
	await meToos(ids.once, [[a, ago(200)]]);
	await meToos(ids.held, [
		[a, ago(1)],
		[b, ago(1)],
		[c, ago(1)]
	]);
	await meToos(ids.elsewhere, [
		[a, ago(3)],
		[b, ago(3)],
		[c, ago(3)]
	]);
});

describe('the needs signal', () => {
	it('shows counsellors and admins the questions shared most, shown ones only', async () => {
		for (const reader of [counsellor, admin]) {
			const { questions } = await needs.signal(reader.claims, { community: here.slug });
			expect(questions.map((q) => [q.threadId, q.meToos, q.recent, q.earlier])).toEqual([
				[ids.often, 3, 2, 1],
				[ids.once, 1, 0, 0]
			]);
		}
	});

	it('adds up the communities of a region', async () => {
		const { questions } = await needs.signal(counsellor.claims, { region });
		// Equal counts: the one shared last first.
		expect(questions.map((q) => [q.threadId, q.meToos])).toEqual([
			[ids.often, 3],
			[ids.elsewhere, 3],
			[ids.once, 1]
		]);
	});

	it('counts me-toos and new questions by month, twelve months to this one', async () => {
		const { months, meToos, asked } = await needs.signal(counsellor.claims, {
			community: here.slug
		});
		expect(months).toHaveLength(12);
		const [{ month }] = await owner<{ month: string }[]>`
			select to_char(now() at time zone 'Europe/Berlin', 'YYYY-MM') as month`;
		expect(months.at(-1)).toBe(month);
		// The held question and the me-too of over a year ago are not counted.
		expect(meToos.reduce((sum, n) => sum + n, 0)).toBe(4);
		expect(asked.at(-1)).toBe(2);
	});

	it('is read by nobody else: members and visitors are refused', async () => {
		await expect(needs.signal(family.claims, { community: here.slug })).rejects.toThrow(
			/counsellors and admins/
		);
		await expect(
			transaction(null, (tx) => tx`select * from public.shared_questions(${here.id}, null)`)
		).rejects.toThrow(/permission denied/);
		await expect(
			transaction(null, (tx) => tx`select * from public.needs_by_month(${here.id}, null)`)
		).rejects.toThrow(/permission denied/);
	});
});

describe('the weekly summary', () => {
	/** The Monday 07:00 (Berlin) the job is due for now. */
	async function due() {
		const [{ at }] = await owner<{ at: Date }[]>`
			select case when monday > now() then monday - interval '7 days' else monday end as at
			from (select (date_trunc('week', now() at time zone 'Europe/Berlin') + interval '7 hours')
				at time zone 'Europe/Berlin' as monday) m`;
		return at;
	}

	const summaries = (memberId: string) =>
		owner<{ id: string; reason: string; communityId: string }[]>`
			select id, reason, community_id as "communityId" from public.notifications
			where member_id = ${memberId} and kind = 'needs_summary'`;

	it('lets counsellors and admins subscribe, each to their own, and nobody else', async () => {
		await expect(needs.subscribe(family.claims, here.slug)).rejects.toThrow(/row-level security/);
		expect(await needs.subscribe(counsellor.claims, here.slug)).toBe(true);
		expect(await needs.subscribe(counsellor.claims, here.slug)).toBe(true);
		expect(await needs.subscribe(admin.claims, 'no-such-community')).toBe(false);
		expect(await needs.subscriptions(counsellor.claims)).toEqual([here.slug]);
		expect(await needs.subscriptions(admin.claims)).toEqual([]);
		// Part of the member's own data.
		const [{ data }] = await transaction(
			counsellor.claims,
			(tx) => tx<{ data: { needs_summaries: { community: string }[] } }[]>`
				select public.export_my_data() as data`
		);
		expect(data.needs_summaries.map((s) => s.community)).toEqual([`Bedarf ${here.slug}`]);
		await needs.unsubscribe(counsellor.claims, here.slug);
		expect(await needs.subscriptions(counsellor.claims)).toEqual([]);
	});

	it('brings the week’s most shared questions once, to professionals, and nothing for a quiet week', async () => {
		const week = await due();
		const busy = await place(region);
		const quiet = await place(region);
		const shared = await question(busy.id, 'Eingliederungshilfe: wer hat Erfahrung?');
		const less = await question(busy.id, 'Frühförderung in der Nähe?');
		const [a, b, c] = sayers;
		const inWeek = new Date(week.getTime() - day);
		await meToos(shared, [
			[a, inWeek],
			[b, inWeek]
		]);
		await meToos(less, [
			[c, inWeek],
			[a, new Date(week.getTime() - 8 * day)]
		]);
		const [reader, lead, former] = await Promise.all([
			createMember({ role: 'counsellor' }),
			createMember({ role: 'admin' }),
			createMember({ role: 'counsellor' })
		]);
		for (const subscriber of [reader, lead, former]) {
			await needs.subscribe(subscriber.claims, busy.slug);
			await needs.subscribe(subscriber.claims, quiet.slug);
		}
		await owner`update public.needs_subscriptions set summarised_until = ${new Date(week.getTime() - 7 * day)}
			where member_id in ${owner([reader.id, lead.id, former.id])}`;
		await owner`update public.members set site_role = 'member' where id = ${former.id}`;

		await owner`select public.queue_needs_summaries()`;
		await owner`select public.queue_needs_summaries()`;
		for (const subscriber of [reader, lead]) {
			const got = await summaries(subscriber.id);
			expect(got.map((n) => [n.communityId, n.reason])).toEqual([
				[busy.id, '2 × Eingliederungshilfe: wer hat Erfahrung?\n1 × Frühförderung in der Nähe?']
			]);
		}
		expect(await summaries(former.id)).toEqual([]);
		// Mailed at once by default, as each notification kind says.
		const [mail] = await owner`
			select 1 from public.mail_outbox where notification_id = ${(await summaries(reader.id))[0].id}`;
		expect(mail).toBeDefined();
		// New subscriptions wait for the next Monday.
		const late = await createMember({ role: 'counsellor' });
		await needs.subscribe(late.claims, busy.slug);
		await owner`select public.queue_needs_summaries()`;
		expect(await summaries(late.id)).toEqual([]);
	});
});
