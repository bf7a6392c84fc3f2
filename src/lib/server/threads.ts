// Threads (questions). Authors of anonymous threads are never readable: queries
// see only shown_author_id; "is it mine" is asked through is_thread_author().
import type postgres from 'postgres';
import type { Claims, Tx } from './db';
import { transaction, within } from './db';
import * as cursor from './cursor';
import { NotAllowed } from './db-errors';
import { storeRendered } from './markdown';
import type { CurrentMember } from './members';

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

export type Question = {
	title: string;
	body: string;
	tags: string[];
	anonymous: boolean;
	wantsProfessional: boolean;
	idempotencyKey: string;
};

/**
 * What a writer learns at once: crisis words were found (show the helplines), and
 * whether the community holds the text until a counsellor or moderator looked at it.
 */
export type Written = { id: string; crisis: boolean; held: boolean };

/**
 * Asks a question; the asker follows it. Submitting the same form twice (same
 * idempotency key) gives the first thread back instead of a second one.
 */
export async function ask(claims: Claims, communityId: string, question: Question) {
	return transaction(claims, async (tx) => {
		// The HTML goes out with the insert that takes it (one round trip).
		const [, [created]] = await Promise.all([
			storeRendered(tx, question.body),
			tx<{ id: string }[]>`
			insert into public.threads (community_id, author_id, is_anonymous, title, body_markdown,
				tags, wants_professional, idempotency_key)
			values (${communityId}, ${claims.sub}, ${question.anonymous}, ${question.title}, ${question.body},
				${question.tags}, ${question.wantsProfessional}, ${question.idempotencyKey})
			-- Only the idempotency key can collide (ids are fresh), so no conflict target:
			-- naming author_id there would need read access to it.
			on conflict do nothing
			returning id`
		]);
		if (created) {
			await tx`insert into public.thread_follows (thread_id, member_id) values (${created.id}, ${claims.sub})`;
		}
		return written(
			tx,
			created ? tx`id = ${created.id}` : tx`idempotency_key = ${question.idempotencyKey}`
		);
	});
}

/**
 * The thread as its writer learns of it. Read after the write: the triggers that hold a
 * text run after the statement, so its own returning clause would not show the hold.
 */
async function written(tx: Tx, which: postgres.PendingQuery<postgres.Row[]>) {
	const [thread] = await tx<Written[]>`
		select id, public.mentions_crisis(title || E'\n' || body_markdown) as crisis, held_at is not null as held
		from public.threads where ${which}`;
	return thread;
}

/** Edits the question; the writer learns, as when asking, whether it mentions a crisis. */
export async function edit(
	claims: Claims,
	id: string,
	change: { title: string; body: string; tags: string[] }
) {
	return transaction(claims, async (tx) => {
		const [, updated] = await Promise.all([
			storeRendered(tx, change.body),
			tx`update public.threads set title = ${change.title}, body_markdown = ${change.body}, tags = ${change.tags}
				where id = ${id}`
		]);
		if (updated.count === 0) throw new NotAllowed();
		return written(tx, tx`id = ${id}`);
	});
}

export async function withdraw(claims: Claims, id: string) {
	await transaction(claims, async (tx) => {
		const updated = await tx`update public.threads set withdrawn_at = now() where id = ${id}`;
		if (updated.count === 0) throw new NotAllowed();
	});
}

/**
 * Undoes the asker's withdrawal within 24 hours: the question comes back as it was
 * withdrawn, rendered anew as every write is. The database decides: only the asker, only
 * in time, only back to the text the withdrawal kept, and no new version, no edit mark
 * (track_text_changes, 20261125110050_versions_and_withdrawal.sql).
 */
export async function undoWithdrawal(claims: Claims, id: string, tx?: Tx) {
	await within(claims, tx, async (tx) => {
		const [kept] = await tx<{ title: string; body: string }[]>`
			select r.title, r.body_markdown as body from public.revisions r
			where r.thread_id = ${id} order by r.replaced_at desc, r.id desc limit 1`;
		if (!kept) throw new NotAllowed();
		const [, updated] = await Promise.all([
			storeRendered(tx, kept.body),
			tx`update public.threads set withdrawn_at = null, title = ${kept.title}, body_markdown = ${kept.body}
				where id = ${id} and withdrawn_at is not null`
		]);
		if (updated.count === 0) throw new NotAllowed();
	});
}

/** The asker marks the answer that helped (or none); one per thread, changeable. */
export async function accept(claims: Claims, id: string, postId: string | null) {
	await transaction(claims, async (tx) => {
		const updated =
			await tx`update public.threads set accepted_post_id = ${postId} where id = ${id}`;
		if (updated.count === 0) throw new NotAllowed();
	});
}

/** "Me too": once per member, undoable; saying it also follows the thread. */
export async function setMeToo(claims: Claims, id: string, on: boolean) {
	await transaction(claims, async (tx) => {
		if (on) {
			await tx`insert into public.me_toos (thread_id, member_id) values (${id}, ${claims.sub}) on conflict do nothing`;
			await tx`insert into public.thread_follows (thread_id, member_id) values (${id}, ${claims.sub}) on conflict do nothing`;
		} else {
			await tx`delete from public.me_toos where thread_id = ${id} and member_id = ${claims.sub}`;
		}
	});
}

export async function setFollow(claims: Claims, id: string, on: boolean) {
	await transaction(claims, (tx) =>
		on
			? tx`insert into public.thread_follows (thread_id, member_id) values (${id}, ${claims.sub}) on conflict do nothing`
			: tx`delete from public.thread_follows where thread_id = ${id} and member_id = ${claims.sub}`
	);
}
