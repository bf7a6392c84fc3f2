// The safeguarding figures for admins and funders: per community and month, response
// times, the share resolved within the due time, outcomes and referrals; every figure of
// fewer than 10 items suppressed in SQL, and a lone suppressed outcome not to be worked
// out from the others. Admins only; the CSV says the same.
import { beforeAll, describe, expect, it } from 'vitest';
import * as figures from '$lib/server/safeguarding-figures';
import { anAdmin, community, counsellor, member, owner, type TestMember } from './support';

let admin: TestMember;
let busy: string;
let quiet: string;

/** `count` items of the community opened in March 2026 (Berlin), worked as given. */
async function items(
	communityId: string,
	count: number,
	work: {
		outcome: 'answered_publicly' | 'referred' | 'no_action' | 'duplicate' | null;
		claimAfter?: number;
		resolveAfter?: number;
		dueAfter?: number;
	}
) {
	const { outcome, claimAfter = 30, resolveAfter = 120, dueAfter = 60 * 24 } = work;
	await owner`
		with asked as (
			insert into public.threads (community_id, title, body_markdown, body_html)
			select ${communityId}, 'Frage für die Zahlen ' || g, 'x', '<p>x</p>' from generate_series(1, ${count}) g
			returning id
		)
		insert into public.escalations (thread_id, community_id, priority, state, opened_at, due_at, claimed_at,
			first_claimed_at, resolved_at, outcome, referred_service)
		select id, ${communityId}, 'normal', case when ${outcome}::text is null then 'open' else 'resolved' end::public.escalation_state,
			o.at, o.at + ${dueAfter} * interval '1 minute',
			o.at + ${claimAfter} * interval '1 minute', o.at + ${claimAfter} * interval '1 minute',
			case when ${outcome}::text is not null then o.at + ${resolveAfter} * interval '1 minute' end,
			${outcome}::public.escalation_outcome,
			case when ${outcome}::text = 'referred' then 'Beratungsstelle' end
		from asked cross join (select timestamptz '2026-03-10 10:00 Europe/Berlin' as at) o`;
}

beforeAll(async () => {
	admin = await anAdmin();
	[busy, quiet] = await Promise.all([community(), community()]);
	// Busy: 40 items — 12 answered publicly (resolved in 2 h), 15 referred (in 3 days: late),
	// 9 no action, 4 still open. Quiet: 6 items.
	await items(busy, 12, { outcome: 'answered_publicly' });
	await items(busy, 15, { outcome: 'referred', resolveAfter: 3 * 24 * 60 });
	await items(busy, 9, { outcome: 'no_action' });
	await items(busy, 4, { outcome: null });
	await items(quiet, 6, { outcome: 'referred' });
});

describe('the figures', () => {
	it('count, time and share per community and month, suppressing every figure under 10', async () => {
		const rows = await figures.read(admin.claims, '2026-03', '2026-03');
		const [busyName, quietName] = await Promise.all(
			[busy, quiet].map(
				async (id) => (await owner`select name from public.communities where id = ${id}`)[0].name
			)
		);
		const busyRow = rows.find((row) => row.communityName === busyName);
		expect(busyRow).toEqual({
			month: '2026-03',
			communityName: busyName,
			items: 40,
			medianMinutesToClaim: 30,
			// 36 resolved: 12 after 2 h, 9 after 2 h, 15 after 3 days: the median is 2 h.
			medianMinutesToResolution: 120,
			// 21 of 36 within the day they were due.
			percentResolvedWithinDue: 58,
			answeredPublicly: 12,
			referred: 15,
			// 9 and 4 are under 10: suppressed.
			noAction: null,
			duplicate: null,
			stillOpen: null
		});
		// Six items: every figure is under 10 people.
		expect(rows.find((row) => row.communityName === quietName)).toEqual({
			month: '2026-03',
			communityName: quietName,
			items: null,
			medianMinutesToClaim: null,
			medianMinutesToResolution: null,
			percentResolvedWithinDue: null,
			answeredPublicly: null,
			referred: null,
			noAction: null,
			duplicate: null,
			stillOpen: null
		});
	});

	it('hide a second outcome when one alone is suppressed, so it cannot be worked out from the total', async () => {
		const lone = await community();
		await items(lone, 20, { outcome: 'answered_publicly' });
		await items(lone, 11, { outcome: 'referred' });
		await items(lone, 10, { outcome: 'no_action' });
		// Duplicates 0 (< 10), open 0 (< 10): two suppressed already, nothing more to hide.
		const [name] = (
			await owner<{ name: string }[]>`select name from public.communities where id = ${lone}`
		).map((row) => row.name);
		let row = (await figures.read(admin.claims, '2026-03', '2026-03')).find(
			(r) => r.communityName === name
		);
		expect(row).toMatchObject({ items: 41, answeredPublicly: 20, referred: 11, noAction: 10 });

		// Twelve open items make the open count shown, leaving duplicates (0) the only one
		// hidden: the smallest shown (no action, 10) is hidden too.
		await items(lone, 12, { outcome: null });
		row = (await figures.read(admin.claims, '2026-03', '2026-03')).find(
			(r) => r.communityName === name
		);
		expect(row).toMatchObject({
			items: 53,
			answeredPublicly: 20,
			referred: 11,
			noAction: null,
			duplicate: null,
			stillOpen: 12
		});
	});

	it('are for admins only', async () => {
		const [someone, professional] = await Promise.all([member(), counsellor(null)]);
		for (const who of [someone, professional]) {
			await expect(figures.read(who.claims, '2026-03', '2026-03')).rejects.toMatchObject({
				code: '42501'
			});
		}
	});
});

describe('the CSV', () => {
	it('holds the same rows, "< 10" for suppressed figures, and no formula a spreadsheet would run', async () => {
		const text = figures.csv(
			[
				{
					month: '2026-03',
					communityName: '=HYPERLINK("x")',
					items: 40,
					medianMinutesToClaim: 30,
					medianMinutesToResolution: 120,
					percentResolvedWithinDue: 58,
					answeredPublicly: 12,
					referred: 15,
					noAction: null,
					duplicate: null,
					stillOpen: null
				}
			],
			['Monat', 'Gemeinschaft', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']
		);
		expect(text).toBe(
			'Monat,Gemeinschaft,a,b,c,d,e,f,g,h,i\r\n' +
				`2026-03,"'=HYPERLINK(""x"")",40,30,120,58,12,15,< 10,< 10,< 10\r\n`
		);
	});
});
