// How often a page waits for the database: the real page loads, after the session
// check every signed-in request makes, counted on the database sockets themselves
// (src/lib/server/data/sql-timing.ts; vite.config.ts switches it on for tests). Bounded by
// the budget, and the same for a thread with one answer as for one with forty: no
// query per answer, per thread or per item (no N+1).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { read, type Claims } from '$lib/server/data/db';
import * as members from '$lib/server/members/members';
import { measure } from '$lib/server/data/sql-timing';
import { load as homePage } from '../../src/routes/+page.server';
import { load as communityPage } from '../../src/routes/c/[slug]/+page.server';
import { load as directoryPage } from '../../src/routes/communities/+page.server';
import { load as logPage } from '../../src/routes/c/[slug]/log/+page.server';
import { load as moderationPage } from '../../src/routes/c/[slug]/moderation/+page.server';
import { load as settingsPage } from '../../src/routes/c/[slug]/settings/+page.server';
import { load as counsellorsAdminPage } from '../../src/routes/(member)/admin/counsellors/+page.server';
import { load as figuresAdminPage } from '../../src/routes/(member)/admin/figures/+page.server';
import { load as safeguardingAdminPage } from '../../src/routes/(member)/admin/safeguarding/+page.server';
import { load as organisationAdminPage } from '../../src/routes/(member)/admin/organisations/[id]/+page.server';
import { load as organisationPage } from '../../src/routes/o/[id]/+page.server';
import { load as counsellorPage } from '../../src/routes/(member)/counsellor/+page.server';
import { load as searchPage } from '../../src/routes/search/+page.server';
import { load as threadPage } from '../../src/routes/t/[id]/+page.server';
import { load as guidePage } from '../../src/routes/g/[id]/+page.server';
import { load as guideVersionsPage } from '../../src/routes/g/[id]/versions/+page.server';
import { load as guidesPage } from '../../src/routes/c/[slug]/guides/+page.server';
import { budgets } from '../../bench/budgets';
import { community, counsellor, member, moderator, owner } from './escalations/support';
import { createMember } from './support';

type Load = (event: never) => unknown;

/**
 * Round trips of a session's first request: the session check alone (signed in), then the
 * page's load. Later pages send the check with their own reads (session-check.spec.ts). The
 * fewest of three: the first time a connection sees a statement, Postgres describes it
 * before running it, one more trip that a running server pays once per connection.
 */
async function roundTrips(claims: Claims | null, load: Load, path: string, params = {}) {
	let fewest = Infinity;
	for (let run = 0; run < 3; run++) {
		const [spent, done] = measure(async () => {
			const current = claims ? await members.current(claims) : null;
			const url = new URL(path, 'http://localhost');
			return load({ locals: { claims, member: current }, params, url } as never);
		});
		await done;
		fewest = Math.min(fewest, spent.roundTrips);
	}
	return fewest;
}

let place: { id: string; slug: string };
let small: string;
let large: string;
let signedIn: Claims;
let serving: Claims;
let moderating: Claims;

beforeAll(async () => {
	const id = await community();
	const [{ slug }] = await owner<
		{ slug: string }[]
	>`select slug from public.communities where id = ${id}`;
	place = { id, slug };
	const writer = await member(id);
	signedIn = writer.claims;
	serving = (await counsellor(null)).claims;
	moderating = (await moderator(id)).claims;
	// Two threads: one answer, and forty answers with replies, votes, a professional's answer.
	const [one, many] = await owner<{ id: string }[]>`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html, wants_professional)
		values (${id}, ${writer.id}, 'Eine Frage mit einer Antwort', 'Text', '<p>Text</p>', false),
			(${id}, ${writer.id}, 'Eine Frage mit vielen Antworten', 'Text', '<p>Text</p>', true)
		returning id`;
	[small, large] = [one.id, many.id];
	await owner`insert into public.posts (thread_id, author_id, body_markdown, body_html)
		values (${small}, ${writer.id}, 'Antwort', '<p>Antwort</p>')`;
	await owner`
		insert into public.posts (thread_id, author_id, is_anonymous, body_markdown, body_html)
		select ${large}, ${writer.id}, g % 3 = 0, 'Antwort ' || g, '<p>Antwort ' || g || '</p>' from generate_series(1, 40) g`;
	await owner`
		insert into public.posts (thread_id, parent_post_id, author_id, body_markdown, body_html)
		select thread_id, id, author_id, 'Rückfrage', '<p>Rückfrage</p>' from public.posts where thread_id = ${large} limit 10`;
	await owner`
		insert into public.helpful_votes (post_id, member_id)
		select id, ${serving.sub} from public.posts where thread_id = ${large} and parent_post_id is null`;
	await owner`insert into public.posts (thread_id, author_id, body_markdown, body_html)
		values (${large}, ${serving.sub}, 'Aus der Beratung', '<p>Aus der Beratung</p>')`;
});

describe('round trips per page', () => {
	it('a thread page costs the same with one answer as with forty, within the budget', async () => {
		for (const claims of [null, signedIn, serving]) {
			const few = await roundTrips(claims, threadPage as Load, `/t/${small}`, { id: small });
			const lots = await roundTrips(claims, threadPage as Load, `/t/${large}`, { id: large });
			expect(lots).toBe(few);
			expect(lots).toBeLessThanOrEqual(budgets.roundTripsPerPage);
		}
	});

	it('the home page is one round trip for every reader, whatever waits for them', async () => {
		expect(await roundTrips(null, homePage as Load, '/')).toBe(1);
		// After the session check of a session's first page: one more.
		for (const claims of [signedIn, serving, moderating]) {
			expect(await roundTrips(claims, homePage as Load, '/')).toBe(2);
		}
	});

	it('the directory of communities is one round trip, filtered or not', async () => {
		for (const path of ['/communities', '/communities?region=14&q=Schule']) {
			expect(await roundTrips(null, directoryPage as Load, path)).toBe(1);
			expect(await roundTrips(signedIn, directoryPage as Load, path)).toBe(2);
		}
	});

	it("a community's log, moderation and settings pages: one read each after finding the community", async () => {
		const params = { slug: place.slug };
		// The session check, the community, then the page's own read.
		expect(await roundTrips(signedIn, logPage as Load, `/c/${place.slug}/log`, params)).toBe(3);
		for (const load of [moderationPage, settingsPage])
			expect(
				await roundTrips(moderating, load as Load, `/c/${place.slug}/moderation`, params)
			).toBe(3);
	});

	it("the admins' counsellors, figures and safeguarding pages: one read after the session check", async () => {
		const admin = (await createMember({ role: 'admin' })).claims;
		expect(await roundTrips(admin, counsellorsAdminPage as Load, '/admin/counsellors')).toBe(2);
		expect(await roundTrips(admin, figuresAdminPage as Load, '/admin/figures')).toBe(2);
		expect(await roundTrips(admin, safeguardingAdminPage as Load, '/admin/safeguarding')).toBe(2);
		const id = '80000000-0000-4000-8000-000000000001';
		expect(
			await roundTrips(admin, organisationAdminPage as Load, `/admin/organisations/${id}`, { id })
		).toBe(2);
	});

	it("an organisation's page is one read", async () => {
		const id = '80000000-0000-4000-8000-000000000001';
		expect(await roundTrips(null, organisationPage as Load, `/o/${id}`, { id })).toBe(1);
	});

	it("a guide, its versions and a community's guides: one read each after the session check", async () => {
		const id = '60000000-0000-4000-8000-000000000001';
		for (const [claims, session] of [
			[null, 0],
			[signedIn, 1]
		] as const) {
			expect(await roundTrips(claims, guidePage as Load, `/g/${id}`, { id })).toBe(1 + session);
			expect(await roundTrips(claims, guideVersionsPage as Load, `/g/${id}/versions`, { id })).toBe(
				1 + session
			);
			expect(
				await roundTrips(claims, guidesPage as Load, '/c/autismus-schule/guides', {
					slug: 'autismus-schule'
				})
			).toBe(1 + session);
		}
	});

	it('the community page, on every tab, within the budget', async () => {
		for (const claims of [null, signedIn]) {
			for (const tab of ['new', 'active', 'unanswered', 'solved']) {
				const trips = await roundTrips(
					claims,
					communityPage as Load,
					`/c/${place.slug}?tab=${tab}`,
					{
						slug: place.slug
					}
				);
				expect(trips).toBeLessThanOrEqual(budgets.roundTripsPerPage);
			}
		}
	});

	it('search, with and without a community, within the budget', async () => {
		for (const claims of [null, signedIn]) {
			for (const path of [
				`/search?q=Antwort`,
				`/search?q=Antwort&community=${place.slug}`,
				'/search'
			]) {
				expect(await roundTrips(claims, searchPage as Load, path)).toBeLessThanOrEqual(
					budgets.roundTripsPerPage
				);
			}
		}
	});

	it("the counsellors' queue, with open items in every community, within the budget", async () => {
		expect(await roundTrips(serving, counsellorPage as Load, '/counsellor')).toBeLessThanOrEqual(
			budgets.roundTripsPerPage
		);
		expect(
			await roundTrips(
				serving,
				counsellorPage as Load,
				`/counsellor?community=${place.id}&state=open`
			)
		).toBeLessThanOrEqual(budgets.roundTripsPerPage);
	});

	it('counts what it should: a transaction that reads once is two round trips', async () => {
		const [spent, done] = measure(() =>
			members.pseudonymAvailable(`frei_${randomUUID().slice(0, 8)}`)
		);
		expect(await done).toBe(true);
		expect(spent.roundTrips).toBe(2);
		expect(spent.ms).toBeGreaterThan(0);
	});

	it('sends reads with begin and commit: the session check and a page are one round trip each', async () => {
		const [spent, done] = measure(() =>
			read(signedIn, (tx) => Promise.all([tx`select 1 as one`, tx`select auth.uid() as uid`]))
		);
		const [[one], [who]] = await done;
		expect(one.one).toBe(1);
		expect(who.uid).toBe(signedIn.sub);
		expect(spent.roundTrips).toBe(1);
		expect(await roundTrips(null, threadPage as Load, `/t/${large}`, { id: large })).toBe(1);
		expect(await roundTrips(signedIn, threadPage as Load, `/t/${large}`, { id: large })).toBe(2);
	});

	it('refuses a read that waits between its queries: the late one runs without the claims', async () => {
		await expect(
			read(signedIn, async (tx) => {
				await new Promise((resolve) => setTimeout(resolve, 10));
				return tx`select count(*) from public.threads`;
			})
		).rejects.toThrow(/permission denied/);
	});
});
