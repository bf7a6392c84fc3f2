// Threads as readers find them: a community's lists, the latest across communities, one
// thread. Authors of anonymous threads are never readable: queries see only
// shown_author_id; "is it mine" is asked through is_thread_author().
import type { Claims, Tx } from '../../data/db';
import { within } from '../../data/db';
import * as cursor from '../../data/cursor';
import type { CurrentMember } from '../../members/members';

export const tabs = ['new', 'active', 'unanswered', 'solved'] as const;
export type Tab = (typeof tabs)[number];
const pageSize = 20;

export type ThreadSummary = {
	id: string;
	title: string;
	/** Null for anonymous threads and for authors who deleted their account. */
	author: string | null;
	anonymous: boolean;
	tags: string[];
	answerCount: number;
	meTooCount: number;
	solved: boolean;
	withdrawn: boolean;
	/** Held for review (crisis words, flags, watched words, a first post): only its author, counsellors and moderators see it. */
	held: boolean;
	/** Removed by a moderator: only its author, counsellors and moderators see it. */
	removed: boolean;
	pinned: boolean;
	createdAt: Date;
	lastActivityAt: Date;
};

/** A ThreadSummary's columns, of threads `t` and their shown author `m`. */
const summaryColumns = (tx: Tx) => tx`
	t.id, t.title, m.pseudonym as author, t.is_anonymous as anonymous, t.tags,
	t.answer_count as "answerCount", t.me_too_count as "meTooCount", t.accepted_post_id is not null as solved,
	t.withdrawn_at is not null as withdrawn, t.held_at is not null as held, t.removed_at is not null as removed,
	t.pinned_at is not null as pinned, t.created_at as "createdAt", t.last_activity_at as "lastActivityAt"`;

/** One page of a community's threads for a tab, after the given cursor; by slug, so it need not wait for the community. */
export async function listInCommunity(
	claims: Claims | null,
	communitySlug: string,
	tab: Tab,
	after: string | null,
	tx?: Tx
) {
	const from = cursor.decode(after);
	const rows = await within(claims, tx, (tx) => {
		const sortColumn =
			tab === 'new' || tab === 'unanswered' ? tx`t.created_at` : tx`t.last_activity_at`;
		const filter =
			tab === 'unanswered'
				? tx`and t.answer_count = 0 and t.withdrawn_at is null`
				: tab === 'solved'
					? tx`and t.accepted_post_id is not null`
					: tx``;
		return tx<(ThreadSummary & { sortedAt: string })[]>`
			select ${summaryColumns(tx)}, to_json(${sortColumn}) #>> '{}' as "sortedAt"
			from public.threads t left join public.members m on m.id = t.shown_author_id
			where t.community_id = (select c.id from public.communities c where c.slug = ${communitySlug}) ${filter}
				${from ? tx`and (${sortColumn}, t.id) < (${from.at}::text::timestamptz, ${from.id})` : tx``}
			order by ${sortColumn} desc, t.id desc
			limit ${pageSize + 1}`;
	});
	const page = cursor.paged(rows, { size: pageSize });
	return { threads: page.rows, next: page.next };
}

/** The community's pinned threads, newest pin first: shown above every tab. */
export async function pinned(claims: Claims | null, communitySlug: string, tx?: Tx) {
	const query = (tx: Tx) => tx<ThreadSummary[]>`
		select ${summaryColumns(tx)}
		from public.threads t left join public.members m on m.id = t.shown_author_id
		where t.community_id = (select c.id from public.communities c where c.slug = ${communitySlug})
			and t.pinned_at is not null
		order by t.pinned_at desc
		limit 10`;
	return within(claims, tx, query);
}

export type ListedThread = ThreadSummary & { communitySlug: string; communityName: string };

/**
 * The newest questions, or the newest still without an answer, of the communities the
 * reader joined (of all of them for visitors and members who joined none), for the home
 * page. By index, a few per community, whatever the communities hold.
 */
export async function latest(
	claims: Claims | null,
	which: 'new' | 'unanswered',
	tx?: Tx,
	count = 5
) {
	const query = (tx: Tx) => tx<ListedThread[]>`
		with joined as (
			${
				// Visitors may not read memberships: they joined none.
				claims
					? tx`select cm.community_id from public.community_members cm where cm.member_id = (select auth.uid())`
					: tx`select null::uuid as community_id where false`
			}
		), scope as (
			select c.id, c.slug, c.name from public.communities c
			where not exists (select 1 from joined) or c.id in (select community_id from joined)
		), picked as (
			select l.id, s.slug, s.name from scope s
			cross join lateral (
				select t.id, t.created_at from public.threads t
				where t.community_id = s.id
					${which === 'unanswered' ? tx`and t.answer_count = 0 and t.withdrawn_at is null` : tx``}
				order by t.created_at desc, t.id desc
				limit ${count}
			) l
			order by l.created_at desc, l.id desc
			limit ${count}
		)
		select ${summaryColumns(tx)}, p.slug as "communitySlug", p.name as "communityName"
		from picked p
		join public.threads t on t.id = p.id
		left join public.members m on m.id = t.shown_author_id
		order by t.created_at desc, t.id desc`;
	return within(claims, tx, query);
}

export type Thread = ThreadSummary & {
	communityId: string;
	communitySlug: string;
	communityName: string;
	bodyHtml: string;
	bodyMarkdown: string;
	/** The shown author's region, where they chose to show it (never for an anonymous thread). */
	authorRegion: string | null;
	acceptedPostId: string | null;
	editedAt: Date | null;
	isMine: boolean;
	canTakePart: boolean;
	saidMeToo: boolean;
	follows: boolean;
	wantsProfessional: boolean;
	/** The viewer serves the community as counsellor or moderates it: may reveal authors, release held posts. */
	canSafeguard: boolean;
	/** The thread's open escalation, for counsellors serving the community; null for everyone else. */
	escalationId: string | null;
	locked: boolean;
	removalReason: string | null;
	moderatorEdited: boolean;
	/** The viewer moderates the thread's community. */
	canModerate: boolean;
	/** Until when the reader, its asker, may undo its withdrawal; null for anyone else or once past. */
	undoUntil: Date | null;
};

/**
 * What the signed-in reader is, as the session check found them (members.current). Most
 * readers of a thread serve no community as counsellor and moderate none: they are not
 * asked the community's safeguarding and moderation checks (a tenth of the page's work in
 * Postgres). A kept copy that is no longer true is caught by the session check (session.ts),
 * which then sends the page again, checked first; and a stale copy can only hide a
 * counsellor's or moderator's tools, never show them. Without it every check is asked.
 */
export type Reader = Pick<CurrentMember, 'siteRole' | 'moderates'>;

export async function read(
	claims: Claims | null,
	id: string,
	tx?: Tx,
	reader?: Reader | null
): Promise<Thread | null> {
	const mayServe = claims !== null && (!reader || reader.siteRole === 'counsellor');
	const mayModerate = claims !== null && (!reader || reader.moderates);
	const query = (tx: Tx) => tx<Thread[]>`
		select t.id, t.title, m.pseudonym as author, t.tags, t.answer_count as "answerCount",
			t.me_too_count as "meTooCount", t.accepted_post_id is not null as solved,
			t.withdrawn_at is not null as withdrawn, t.held_at is not null as held, t.created_at as "createdAt",
			t.removed_at is not null as removed, t.removal_reason as "removalReason", t.pinned_at is not null as pinned,
			t.locked_at is not null as locked, t.moderator_edited_at is not null as "moderatorEdited",
			coalesce(${mayModerate} and public.is_moderator(t.community_id), false) as "canModerate",
			t.last_activity_at as "lastActivityAt", t.body_html as "bodyHtml", t.body_markdown as "bodyMarkdown",
			t.accepted_post_id as "acceptedPostId", t.edited_at as "editedAt", t.community_id as "communityId",
			c.slug as "communitySlug", c.name as "communityName",
			(select g.label from public.shown_regions g where g.member_id = t.shown_author_id) as "authorRegion",
			coalesce(public.is_thread_author(t.id), false) as "isMine",
			case when public.is_thread_author(t.id) and public.clock() < public.withdrawal_undo_until(t.withdrawn_at)
				then public.withdrawal_undo_until(t.withdrawn_at) end as "undoUntil",
			coalesce(public.is_community_member(t.community_id), false) as "canTakePart",
			exists (select 1 from public.me_toos x where x.thread_id = t.id and x.member_id = (select auth.uid())) as "saidMeToo",
			exists (select 1 from public.thread_follows f where f.thread_id = t.id and f.member_id = (select auth.uid())) as "follows",
			t.is_anonymous as anonymous, t.wants_professional as "wantsProfessional",
			coalesce(${mayServe || mayModerate} and public.can_safeguard(t.community_id), false) as "canSafeguard",
			case when ${mayServe} then (select e.id from public.escalations e where e.thread_id = t.id and e.state <> 'resolved') end as "escalationId"
		from public.threads t
		join public.communities c on c.id = t.community_id
		left join public.members m on m.id = t.shown_author_id
		where t.id = ${id}`;
	const [thread] = await within(claims, tx, query);
	return thread ?? null;
}
