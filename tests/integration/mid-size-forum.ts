// The mid-size forum the query-plan tests read (query-plans.spec.ts): written in a
// transaction that is rolled back, in a database of its own, with the plan of every
// statement reported by auto_explain.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { expect } from 'vitest';
import type { Claims, Tx } from '$lib/server/data/db';
import { ownDatabase } from '../../supabase/local/reset';

const database = await ownDatabase('query_plans', { fresh: true });

/** A verified counsellor serving every community: claims as Auth would issue them. */
export const serving: Claims = {
	sub: randomUUID(),
	role: 'authenticated',
	session_id: randomUUID()
};

/** The member of these claims, signed up and signed in, as a counsellor serving every community. */
async function signUp(tx: postgres.TransactionSql, claims: Claims) {
	await tx`insert into auth.users (id, email, email_confirmed_at, raw_user_meta_data)
		values (${claims.sub}, ${`plans-${claims.sub}@example.org`}, now(),
			${tx.json({ pseudonym: `Plan_${claims.sub.slice(0, 8)}` })})`;
	await tx`insert into auth.sessions (id, user_id, created_at) values (${claims.session_id!}, ${claims.sub}, now())`;
	await tx`update public.members set site_role = 'counsellor' where id = ${claims.sub}`;
	await tx`insert into public.counsellor_profiles (member_id, profession, organisation, serves_all)
		values (${claims.sub}, 'Sozialpädagogin', 'Beratungsstelle Testhausen', true)`;
}

/** The plans of everything `work` runs as the member, on the mid-size forum; rolled back. */
export async function plans(claims: Claims, work: (tx: Tx, forum: Forum) => Promise<unknown>) {
	const notices: string[] = [];
	const sql = postgres(database, {
		max: 1,
		onnotice: (notice) => notices.push(notice.message)
	});
	const rollback = new Error('rollback');
	try {
		await sql
			.begin(async (tx) => {
				await signUp(tx, claims);
				const forum = await midSizeForum(tx as unknown as Tx, claims.sub);
				await tx`load 'auto_explain'`;
				await tx`select set_config('auto_explain.log_min_duration', '0', true),
					set_config('auto_explain.log_nested_statements', 'on', true),
					set_config('auto_explain.log_level', 'notice', true)`;
				await tx`select set_config('role', 'authenticated', true),
					set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
				notices.length = 0;
				await work(tx as unknown as Tx, forum);
				throw rollback;
			})
			.catch((error) => {
				if (error !== rollback) throw error;
			});
	} finally {
		await sql.end();
	}
	return notices.filter((notice) => notice.startsWith('duration:'));
}

type Forum = { communityId: string; slug: string; threadId: string };

async function midSizeForum(tx: Tx, memberId: string): Promise<Forum> {
	const slug = `plaene-${memberId.slice(0, 8)}`;
	const [{ id: communityId }] = await tx<{ id: string }[]>`
		insert into public.communities (slug, name, topic) values (${slug}, 'Pläne', 'Test') returning id`;
	await tx`insert into public.community_members (community_id, member_id) values (${communityId}, ${memberId})`;
	// Written without triggers for speed; the counters are then set as the triggers would.
	await tx`set local session_replication_role = replica`;
	await tx`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html, created_at, last_activity_at)
		select ${communityId}, ${memberId}, 'Frage Nummer ' || g, 'Text ' || md5(g::text), '<p>x</p>',
			now() - interval '1 hour' * g, now() - interval '1 hour' * g
		from generate_series(1, 4000) g`;
	await tx`
		insert into public.posts (thread_id, author_id, is_anonymous, body_markdown, body_html, created_at)
		select t.id, ${memberId}, false, 'Antwort ' || md5(t.id::text || n), '<p>x</p>', t.created_at + interval '1 minute' * n
		from public.threads t cross join generate_series(1, 10) n
		where t.community_id = ${communityId} and t.title not like '%0'`;
	await tx`
		update public.threads t set post_count = c.n, answer_count = c.n
		from (select thread_id, count(*)::int as n from public.posts group by thread_id) c
		where c.thread_id = t.id and t.community_id = ${communityId}`;
	await tx`
		insert into public.helpful_votes (post_id, member_id)
		select p.id, ${memberId} from public.posts p join public.threads t on t.id = p.thread_id
		where t.community_id = ${communityId} and p.created_at::text like '%5%'`;
	// Moderation: the member moderates the forum; years of flagged answers, decided but for the last days'.
	await tx`insert into public.community_moderators (community_id, member_id) values (${communityId}, ${memberId})`;
	await tx`
		insert into public.moderation_items (community_id, thread_id, post_id, state, resolution, opened_at, first_action_at, resolved_at)
		select ${communityId}, p.thread_id, p.id, s.state::public.moderation_state, s.resolution::public.moderation_resolution,
			s.opened, s.acted, s.acted
		from (select p.*, row_number() over (order by p.id) as n from public.posts p
			join public.threads t on t.id = p.thread_id where t.community_id = ${communityId}) p
		cross join lateral (select now() - interval '6 hours' * p.n as opened) o
		cross join lateral (select case when p.n <= 60 then 'open' else 'resolved' end as state,
			case when p.n <= 60 then null else 'dismissed' end as resolution,
			case when p.n <= 60 then null else o.opened + interval '1 hour' end as acted, o.opened) s
		where p.n <= 4000`;
	await tx`
		insert into public.flags (flagger_id, post_id, community_id, reason, created_at)
		select ${memberId}, i.post_id, i.community_id, 'spam', i.opened_at from public.moderation_items i where i.community_id = ${communityId}`;
	await tx`
		insert into public.moderation_events (item_id, action, at)
		select id, 'flagged', opened_at from public.moderation_items where community_id = ${communityId}`;
	// Years of escalations worked and resolved, a few for each question (as the steps write them),
	// all but the newest unanswered questions', which the queue opens.
	await tx`
		insert into public.escalations (thread_id, community_id, priority, state, opened_at, due_at, claimed_at,
			first_claimed_at, resolved_at, outcome)
		select t.id, t.community_id, 'normal', 'resolved', t.created_at + interval '1 day' * n, t.created_at + interval '1 day' * (n + 1),
			t.created_at + interval '1 day' * n + interval '2 hours', t.created_at + interval '1 day' * n + interval '2 hours',
			t.created_at + interval '1 day' * (n + 1), 'no_action'
		from public.threads t cross join generate_series(0, 4) n
		where t.community_id = ${communityId} and not (t.title like '%0' and t.created_at > now() - interval '200 hours')`;
	await tx`
		update public.threads t set escalated = true
		where t.community_id = ${communityId} and exists (select 1 from public.escalations e where e.thread_id = t.id)`;
	await tx`set local session_replication_role = origin`;
	// Open escalations with their history, some claimed, through the real triggers.
	await tx`
		with opened as (
			insert into public.escalations (thread_id, community_id, priority, due_at)
			select id, community_id, 'normal', now() + interval '1 day' from public.threads
			where community_id = ${communityId} and title like '%7'
			returning id
		)
		insert into public.escalation_events (escalation_id, kind, trigger, at)
		select id, 'opened', 'flag', now() - interval '1 day' from opened`;
	await tx`
		insert into public.escalation_events (escalation_id, kind, at)
		select e.id, 'claimed', now() - interval '1 hour' from public.escalations e
		where e.community_id = ${communityId} and e.id::text like '%a%'`;
	await tx`select gin_clean_pending_list(i::regclass)
		from unnest(array['public.threads_search_idx', 'public.posts_search_idx']) i`;
	for (const table of [
		'threads',
		'posts',
		'helpful_votes',
		'escalations',
		'escalation_events',
		'communities',
		'moderation_items',
		'moderation_events',
		'flags'
	])
		await tx`analyze ${tx('public.' + table)}`;
	const [{ id: threadId }] = await tx<{ id: string }[]>`
		select id from public.threads where community_id = ${communityId} and post_count = 10 limit 1`;
	return { communityId, slug, threadId };
}

/** Each index must serve at least one of the statements. */
export function expectIndexes(found: string[], indexes: string[]) {
	const plans = found.join('\n');
	for (const index of indexes) {
		expect(plans.includes(index), `${index} serves none of these statements:\n${plans}`).toBe(true);
	}
}

export const sequentialScans = (found: string[]) =>
	found.filter((plan) =>
		/Seq Scan on (threads|posts|escalations|escalation_events|moderation_items|flags)\b/.test(plan)
	);

// Each test writes a mid-size forum and analyses it: 3–8 s alone, a minute under a heavy load.
export const planBudget = 180_000;
