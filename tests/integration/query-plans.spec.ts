// The main pages' query plans: every statement they run, including those inside the
// SQL functions and policies they call, must reach threads, posts, escalations and their
// history, moderation items and flags through an index, never by reading the whole table.
//
// Planner choices depend on table sizes and statistics, and on the small demo seed
// a sequential scan is the right choice. So the test writes a mid-size forum (4 000
// threads, 40 000 posts, votes, escalations, moderation items and flags) in a
// transaction that is rolled back, with ANALYZE as autovacuum would run it, rather than
// `enable_seqscan = off`, which would hide a query no index can serve. auto_explain reports the plan of every
// statement, nested ones included, as the pages' own functions run them.
//
// It runs in a database of its own (the schema and the demo seed, nothing else): the
// thousands of small communities other tests and earlier runs leave behind would change
// the planner's view of a community's size, and with it the plans.
import { describe, expect, it } from 'vitest';
import { monthsBack } from '$lib/figures-range';
import * as communities from '$lib/server/forum/communities';
import * as directorySearch from '$lib/server/directory/search';
import * as communityFigures from '$lib/server/forum/community-figures';
import * as escalations from '$lib/server/escalations';
import * as members from '$lib/server/members/members';
import * as moderation from '$lib/server/moderation';
import * as notifications from '$lib/server/forum/notifications';
import * as posts from '$lib/server/forum/posts';
import * as search from '$lib/server/forum/search';
import * as threads from '$lib/server/forum/threads';
import { expectIndexes, planBudget, plans, sequentialScans, serving } from './mid-size-forum';

describe('query plans on a mid-size forum', () => {
	it(
		'the thread page and the session check read threads and posts by index',
		async () => {
			const found = await plans(serving, async (tx, forum) => {
				await members.current(serving, tx);
				await threads.read(serving, forum.threadId, tx);
				await posts.readPage(serving, forum.threadId, {}, tx);
			});
			expect(found.length).toBeGreaterThan(3);
			expect(sequentialScans(found)).toEqual([]);
			// The answers in order, and the member's own posts among them (my_posts_in) from one index.
			expectIndexes(found, ['posts_thread_idx', 'posts_author_thread_idx']);
		},
		planBudget
	);

	it(
		'the community page reads each tab by index',
		async () => {
			const found = await plans(serving, async (tx, forum) => {
				await communities.read(serving, forum.slug, tx);
				for (const tab of threads.tabs)
					await threads.listInCommunity(serving, forum.slug, tab, null, tx);
			});
			expect(sequentialScans(found)).toEqual([]);
			expectIndexes(found, [
				'threads_community_new_idx',
				'threads_community_active_idx',
				'threads_community_unanswered_idx',
				'threads_community_solved_idx'
			]);
		},
		planBudget
	);

	it(
		'the home page reads the newest and unanswered questions and what waits, by index',
		async () => {
			const found = await plans(serving, async (tx) => {
				await communities.list(serving, {}, tx);
				await threads.latest(serving, 'new', tx);
				await threads.latest(serving, 'unanswered', tx);
				await notifications.newAnswers(serving, tx);
				await escalations.waiting(serving, tx);
				await moderation.openItems(serving, tx);
			});
			expect(sequentialScans(found)).toEqual([]);
			// What waits is counted from the small indexes of active cases and open items: of the
			// cases, either partial index of the unresolved ones (the planner picks by the
			// table's state; both are proportional to what waits, never to the history).
			expectIndexes(found, [
				'threads_community_new_idx',
				'threads_community_unanswered_idx',
				'moderation_items_open_idx'
			]);
			expect(found.join('\n')).toMatch(/escalations_(active_idx|one_open_per_thread)\b/);
			// The member's new answers by either index of a member's notifications: which one
			// the planner takes depends on how many unread ones the tests left in the table.
			expect(found.join('\n')).toMatch(/notifications_(unread|member)_idx\b/);
		},
		planBudget
	);

	it(
		'search reads threads and posts by index',
		async () => {
			const found = await plans(serving, async (tx, forum) => {
				await search.threads(serving, { q: 'Schulbegleitung abgelehnt' }, tx);
				await search.threads(
					serving,
					{ q: 'Widerspruch eingelegt', communitySlug: forum.slug },
					tx
				);
			});
			expect(found.join('\n')).toContain('threads_search_idx');
			expect(sequentialScans(found)).toEqual([]);
		},
		planBudget
	);

	it(
		"the counsellors' queue and its figures read only the items shown and the ones still to work on",
		async () => {
			const found = await plans(serving, async (tx, forum) => {
				await escalations.queue(serving, {}, tx);
				await escalations.queue(serving, { communityId: forum.communityId, state: 'open' }, tx);
				await escalations.figures(serving, tx);
				await escalations.loads(serving, null, tx);
			});
			expect(sequentialScans(found)).toEqual([]);
			expectIndexes(found, [
				'escalations_active_idx',
				'escalations_queue_idx',
				'escalations_held_idx'
			]);
			// An index of every item read with a filter on its state reads the whole history.
			expect(found.join('\n')).not.toMatch(/Filter: [^\n]*\bstate (<> 'resolved'|= ANY)/);
		},
		planBudget
	);

	it(
		"the scheduled jobs read only the questions waiting, the items not yet alerted and the last 30 days' items",
		async () => {
			const found = await plans(serving, async (tx) => {
				// As the scheduler runs them (scheduler.ts): a system job.
				await tx`select set_config('role', 'service_role', true)`;
				await tx`select public.open_unanswered_escalations()`;
				await tx`select public.alert_overdue_escalations()`;
				await tx`select public.keep_queue_medians()`;
			});
			expect(sequentialScans(found)).toEqual([]);
			// The overdue items come from a partial index of the items still to work on; the
			// queue's medians from the window's claims and resolutions.
			expectIndexes(found, [
				'threads_awaiting_escalation_idx',
				'escalations_first_claim_idx',
				'escalations_resolved_idx'
			]);
		},
		planBudget
	);

	it(
		"the moderators' queue reads items, flags and history by index",
		async () => {
			const found = await plans(serving, async (tx, forum) => {
				await communities.moderated(serving, tx);
				await moderation.queue(serving, {}, tx);
				await moderation.queue(serving, { communitySlug: forum.slug, state: 'resolved' }, tx);
				await moderation.figures(serving, null, tx);
			});
			expect(sequentialScans(found)).toEqual([]);
			expectIndexes(found, [
				'moderation_items_open_idx',
				'moderation_items_resolved_idx',
				'flags_post_idx'
			]);
		},
		planBudget
	);

	it(
		"the admins' community figures read the months' questions per community and each one's first answer by index",
		async () => {
			const found = await plans(serving, async (tx) => {
				// The member is an admin for this (as the owner: no API role may make one).
				await tx`reset role`;
				await tx`update public.members set site_role = 'admin' where id = ${serving.sub}`;
				await tx`select set_config('role', 'authenticated', true)`;
				// Two months: a year is all of this forum's five months, which only a whole
				// table's read serves; in a forum of years, a year is a part, as two months are here.
				const months = monthsBack(new Date(), 1);
				await communityFigures.read(serving, months.from, months.to, tx);
			});
			expect(sequentialScans(found)).toEqual([]);
			expectIndexes(found, ['threads_community_new_idx']);
			expect(found.join('\n')).toMatch(/posts_(thread|answer_order)_idx\b/);
		},
		planBudget
	);

	it(
		'the help directory finds the nearest services of a topic by the GiST index',
		async () => {
			const found = await plans(serving, async (tx) => {
				// Services across the Kreise, written as the owner, then searched as the member.
				await tx`reset role`;
				const [organisation] = await tx<{ id: string }[]>`
					insert into public.organisations (name, kind, verified_at) values ('Pläne e. V.', 'other', now())
					returning id`;
				await tx`
					insert into public.services (organisation_id, name, kind, topics, street, postcode, place, region, lat, lon, phone)
					select ${organisation.id}, 'Angebot ' || n, 'counselling', array[(array['pflege', 'schule', 'sucht'])[1 + n % 3]],
						'Straße ' || n, c.postcode, 'Ort', r.ags, c.lat + (n % 7) * 0.001, c.lon, '0341 1234'
					from public.regions r cross join generate_series(1, 8) n
					cross join lateral (select c.* from public.postcodes p join public.postcode_centroids c using (postcode)
						where p.ags = r.ags and p.is_primary limit 1) c
					where r.level = 'kreis'`;
				await tx`analyze public.services`;
				await tx`select set_config('role', 'authenticated', true)`;
				const from = await directorySearch.origin(serving, '04109', tx);
				await directorySearch.nearest(serving, from, 'pflege', tx);
			});
			expect(found.filter((plan) => /Seq Scan on services\b/.test(plan))).toEqual([]);
			expectIndexes(found, ['services_position_idx', 'postcode_centroids_pkey']);
		},
		planBudget
	);
});
