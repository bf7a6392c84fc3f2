// The topic radar's open figures: no published cell describes fewer than 10 people (counted
// again here from the forum for every cell), a rare tag is not named, no total stands beside
// its parts, and nobody but the job writes them. A community of its own, with questions in
// the last complete months: 14 askers in one, 9 in the one before, one busy asker before that.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '$lib/server/data/db';
import { radarCsv } from '$lib/server/forum/open-data';
import * as topicRadar from '$lib/server/forum/topic-radar';
import { community, member, owner } from './escalations/support';

let slug: string;
let communityId: string;
/** The directory's service the referrals name. */
let serviceId: string;
/** The last three complete months, newest first (YYYY-MM). */
let months: string[];

/** New members straight in the database, as Auth signs them up; returns their ids. */
async function people(count: number) {
	const ids = Array.from({ length: count }, () => randomUUID());
	for (const id of ids)
		await owner`insert into auth.users (id, email, email_confirmed_at, raw_user_meta_data)
			values (${id}, ${`radar-${id}@example.org`}, now(), ${owner.json({ pseudonym: `Radar_${id.slice(0, 8)}` })})`;
	return ids;
}

type Sql = typeof owner;

/** A question in the month (the 10th, noon), by the asker, with tags; returns its id. */
async function asked(tx: Sql, month: string, askerId: string, tags: string[] = []) {
	const [row] = await tx<{ id: string }[]>`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html, tags, created_at)
		values (${communityId}, ${askerId}, 'Wie beantrage ich eine Schulbegleitung?', 'Text', '<p>Text</p>',
			${tags}, ${`${month}-10T12:00:00+01:00`})
		returning id`;
	return row.id;
}

beforeAll(async () => {
	communityId = await community();
	[{ slug }] = await owner<{ slug: string }[]>`
		update public.communities set region = '14713' where id = ${communityId} returning slug`;
	const [{ list }] = await owner<{ list: string[] }[]>`
		select array(select to_char(date_trunc('month', now() at time zone 'Europe/Berlin') - interval '1 month' * n, 'YYYY-MM')
			from generate_series(1, 3) n) as list`;
	months = list;
	const [latest, before, earliest] = months;
	[{ id: serviceId }] = await owner<{ id: string }[]>`
		with verified as (
			insert into public.organisations (name, kind, verified_at)
			values (${`Radar ${randomUUID().slice(0, 8)}`}, 'counselling_service', now()) returning id
		)
		insert into public.services (organisation_id, name, kind, topics, on_site, online, phone)
		select id, 'Schulberatung am Telefon', 'counselling', '{schule}', false, true, '0341 123456' from verified
		returning id`;
	const askers = await people(14);
	const sayers = await people(10);
	// Written as the forum's history, without the triggers of a question asked now.
	await owner.begin(async (transaction) => {
		const tx = transaction as unknown as Sql;
		await tx`set local session_replication_role = replica`;
		// 14 askers: 11 tag "schulbegleitung", 4 "kita"; 13 of them escalated, 10 referred.
		const latestQuestions = [];
		for (const [index, asker] of askers.entries())
			latestQuestions.push(
				await asked(tx, latest, asker, [
					...(index < 11 ? ['schulbegleitung'] : []),
					...(index >= 10 ? ['kita'] : [])
				])
			);
		for (const [index, thread] of latestQuestions.slice(0, 13).entries()) {
			const outcome = index < 10 ? 'referred' : null;
			await tx`insert into public.escalations (thread_id, community_id, priority, state, opened_at, due_at,
					claimed_at, first_claimed_at, resolved_at, outcome, referred_service, referred_service_id)
				values (${thread}, ${communityId}, ${outcome ? 'normal' : 'urgent'}, ${outcome ? 'resolved' : 'open'},
					${`${latest}-11T12:00:00+01:00`}, ${`${latest}-12T12:00:00+01:00`},
					${outcome ? `${latest}-11T13:00:00+01:00` : null}, ${outcome ? `${latest}-11T13:00:00+01:00` : null},
					${outcome ? `${latest}-12T12:00:00+01:00` : null}, ${outcome},
					${outcome && 'Schulberatung am Telefon'}, ${outcome && serviceId})`;
		}
		for (const sayer of sayers)
			await tx`insert into public.me_toos (thread_id, member_id) values (${latestQuestions[0]}, ${sayer})`;
		// 9 askers the month before, 3 saying me too.
		const beforeQuestions = [];
		for (const asker of askers.slice(0, 9)) beforeQuestions.push(await asked(tx, before, asker));
		for (const sayer of sayers.slice(0, 3))
			await tx`insert into public.me_toos (thread_id, member_id) values (${beforeQuestions[0]}, ${sayer})`;
		// One asker, 15 questions.
		for (let n = 0; n < 15; n++) await asked(tx, earliest, askers[0], ['schulbegleitung']);
	});
	await owner`delete from public.topic_radar`;
	await owner`select public.keep_topic_radar()`;
});

describe('the topic radar', () => {
	it('publishes counts made by 10 people or more, and "fewer than 10" for the others', async () => {
		const radar = await topicRadar.ofCommunity(null, slug);
		expect(radar?.community).toEqual({ slug, name: expect.any(String), region: 'Leipzig, Stadt' });
		expect(radar?.months).toHaveLength(12);
		const at = (values: (number | null)[], month: string) => values[radar!.months.indexOf(month)];
		const [latest, before, earliest] = months;
		expect(at(radar!.questions, latest)).toBe(14);
		expect(at(radar!.questions, before)).toBeNull();
		// 15 questions by one person describe one person.
		expect(at(radar!.questions, earliest)).toBeNull();
		expect(at(radar!.meToos, latest)).toBe(10);
		expect(at(radar!.meToos, before)).toBeNull();
		expect(radar!.escalations).toEqual([
			{ key: 'normal/referred', values: radar!.months.map((m) => (m === latest ? 10 : 0)) },
			{ key: 'urgent/open', values: radar!.months.map((m) => (m === latest ? null : 0)) }
		]);
		// The 10 referrals named the directory's service.
		expect(radar!.referrals).toEqual([
			{
				key: serviceId,
				name: 'Schulberatung am Telefon',
				values: radar!.months.map((m) => (m === latest ? 10 : 0))
			}
		]);
		// "kita" (4 askers) is not named anywhere; the busy asker's tag is not named either.
		expect(radar!.tags.find((month) => month.month === latest)?.tags).toEqual([
			{ tag: 'schulbegleitung', value: 11 }
		]);
		expect(radar!.tags.find((month) => month.month === earliest)?.tags).toEqual([]);
		const cells = (await topicRadar.cells(null)).filter((cell) => cell.community === slug);
		expect(radarCsv(cells)).not.toContain('kita');
	});

	it('has no cell that fewer than 10 people made, counted again from the forum', async () => {
		const cells = (await topicRadar.cells(null)).filter(
			(cell) => cell.community === slug && cell.value !== null && cell.value > 0
		);
		expect(cells.length).toBeGreaterThan(3);
		for (const cell of cells) {
			const [{ people }] = await owner<{ people: number }[]>`
				with asked as (
					select t.* from public.threads t
					where t.community_id = ${communityId}
						and to_char(t.created_at at time zone 'Europe/Berlin', 'YYYY-MM') = ${cell.month}
				)
				select (case ${cell.measure}
					when 'questions' then (select count(distinct author_id) from asked)
					when 'me_toos' then (select count(distinct m.member_id) from asked a join public.me_toos m on m.thread_id = a.id)
					when 'escalations' then (select count(distinct a.author_id) from asked a join public.escalations e on e.thread_id = a.id
						where e.priority || '/' || coalesce(e.outcome::text, 'open') = ${cell.key})
					when 'referrals' then (select count(distinct a.author_id) from asked a join public.escalations e on e.thread_id = a.id
						where e.referred_service_id::text = ${cell.key})
					else (select count(distinct author_id) from asked where ${cell.key} = any (tags)) end)::int as people`;
			expect(people, `${cell.measure} ${cell.key} ${cell.month}`).toBeGreaterThanOrEqual(10);
		}
	});

	it('publishes no total beside its parts: a month’s escalations are only their priority/outcome cells, referrals per service', async () => {
		const cells = (await topicRadar.cells(null)).filter((cell) => cell.community === slug);
		expect(new Set(cells.map((cell) => cell.measure))).toEqual(
			new Set(['questions', 'me_toos', 'escalations', 'referrals', 'tag'])
		);
		for (const cell of cells.filter((cell) => cell.measure === 'escalations'))
			expect(cell.key).toMatch(
				/^(urgent|high|normal)\/(open|answered_publicly|referred|no_action|duplicate)$/
			);
		for (const cell of cells.filter((cell) => cell.measure === 'referrals'))
			expect(cell.key).toBe(serviceId);
		for (const cell of cells.filter(
			(cell) => cell.measure === 'questions' || cell.measure === 'me_toos'
		))
			expect(cell.key).toBe('');
		// The 3 urgent cases are not the difference of anything published: 13 escalated, 14 asked.
		const published = cells.map((cell) => cell.value).filter((value) => value !== null);
		expect(published).not.toContain(13);
	});

	it('is read by everyone and written by the job alone', async () => {
		const reader = await member(communityId);
		for (const claims of [null, reader.claims]) {
			await expect(
				transaction(
					claims,
					(tx) => tx`delete from public.topic_radar where community_id = ${communityId}`
				)
			).rejects.toThrow();
			await expect(
				transaction(claims, (tx) => tx`select public.keep_topic_radar()`)
			).rejects.toThrow();
		}
		expect((await topicRadar.cells(reader.claims)).some((cell) => cell.community === slug)).toBe(
			true
		);
	});

	it('is written at most once an hour', async () => {
		const [{ again }] = await owner<{ again: number }[]>`select public.keep_topic_radar() as again`;
		expect(again).toBe(0);
	});
});
