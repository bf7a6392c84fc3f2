// Posts: answers to a thread and replies to an answer. Authors of posts are
// never readable directly; "is it mine" is asked through is_post_author(), or
// my_posts_in() for a whole page.
import type postgres from 'postgres';
import type { Claims, Tx } from './db';
import { transaction, within } from './db';
import { NotAllowed } from './db-errors';
import { storeRendered } from './markdown';
import type { Written } from './threads';

export type Post = {
	id: string;
	parentPostId: string | null;
	author: string | null;
	/** Written anonymously by the thread's anonymous asker: shown as "the asker". */
	asker: boolean;
	/** What the professional badge shows (profession, organisation); null for peers. */
	professional: { profession: string; organisation: string } | null;
	anonymous: boolean;
	/** Held for review because of crisis words: only its author, counsellors and moderators see it. */
	held: boolean;
	/** Removed by a moderator (with the reason): only its author, counsellors and moderators see it. */
	removed: boolean;
	removalReason: string | null;
	moderatorEdited: boolean;
	helpfulCount: number;
	bodyHtml: string;
	createdAt: Date;
	editedAt: Date | null;
	withdrawn: boolean;
	/** Until when the reader, its author, may undo its withdrawal; null for anyone else or once past. */
	undoUntil: Date | null;
	accepted: boolean;
	isMine: boolean;
	votedHelpful: boolean;
};

/** Answers on one page of a thread (each with its replies): thirty, as on Stack Exchange. */
export const answersPerPage = 30;

export type ThreadPage = {
	answers: Array<Post & { replies: Post[] }>;
	/** 1-based; the last page when the one asked for is past the end. */
	page: number;
	pageCount: number;
	/** Answers the reader may see, on all pages. */
	answerCount: number;
	/** The thread's page version as of these answers (thread_page_version); null while visitors may not see it. */
	version: string | null;
};

type Row = Post & { answerCount: number; page: number; version: string | null };

/**
 * One page of a thread's answers in reading order: the accepted answer first, then
 * professional answers, then the most helpful, then the oldest; replies follow their
 * answer. With `postId` the page that shows that post (or the answer it replies to),
 * so a link to any post lands where it is. One query, whatever the page; the version
 * comes from the same statement, so it is exactly as new as the answers.
 */
export async function readPage(
	claims: Claims | null,
	threadId: string,
	at: { page?: number; postId?: string | null } = {},
	tx?: Tx
): Promise<ThreadPage> {
	const rows = await within(
		claims,
		tx,
		(tx) => tx<Row[]>`
		-- Each value is sent once: the read goes out with begin, claims and commit in one write
		-- (db.ts), which the driver splits past 1 KB.
		with thread as (
			select t.id, t.accepted_post_id, ${answersPerPage}::int as per_page
			from public.threads t where t.id = ${threadId}
		), answers as (
			select p.id, row_number() over (order by (t.accepted_post_id is not distinct from p.id) desc,
				p.is_professional desc, p.helpful_count desc, p.created_at, p.id) - 1 as position
			from thread t join public.posts p on p.thread_id = t.id
			where p.parent_post_id is null
		), chosen as (
			select coalesce(
				(select a.position / t.per_page from answers a
				 join public.posts x on a.id = coalesce(x.parent_post_id, x.id) where x.id = ${at.postId ?? null}::uuid),
				least(${(at.page ?? 1) - 1}, greatest((select count(*) from answers) - 1, 0) / t.per_page)) as page
			from thread t
		), mine as (
			select public.my_posts_in(id) as ids from thread
		), shown as (
			-- As one array, so the thread's posts are read once, not once per answer shown.
			select array_agg(a.id order by a.position) as ids from answers a, chosen c, thread t
			where a.position / t.per_page = c.page
		)
		select p.id, p.parent_post_id as "parentPostId", m.pseudonym as author,
			p.helpful_count as "helpfulCount",
			case when p.is_professional then (
				select json_build_object('profession', cp.profession, 'organisation', cp.organisation)
				from public.counsellor_profiles cp where cp.member_id = p.shown_author_id) end as professional,
			p.is_anonymous as anonymous, p.shown_as_asker as asker, p.held_at is not null as held,
			p.removed_at is not null as removed, p.removal_reason as "removalReason",
			p.moderator_edited_at is not null as "moderatorEdited",
			p.body_html as "bodyHtml", p.created_at as "createdAt",
			p.edited_at as "editedAt", p.withdrawn_at is not null as withdrawn,
			case when p.id = any ((select ids from mine)::uuid[])
				and public.clock() < public.withdrawal_undo_until(p.withdrawn_at)
				then public.withdrawal_undo_until(p.withdrawn_at) end as "undoUntil",
			t.accepted_post_id is not distinct from p.id as accepted,
			p.id = any ((select ids from mine)::uuid[]) as "isMine",
			exists (select 1 from public.helpful_votes v where v.post_id = p.id and v.member_id = (select auth.uid())) as "votedHelpful",
			(select count(*) from answers)::int as "answerCount", (select page + 1 from chosen)::int as page,
			(select public.thread_page_version(id) from thread) as version
		from public.posts p
		join thread t on t.id = p.thread_id
		left join public.members m on m.id = p.shown_author_id
		-- The shown answers and their replies by index, not every post of the thread again.
		where p.id = any ((select ids from shown)::uuid[]) or p.parent_post_id = any ((select ids from shown)::uuid[])
		order by array_position((select ids from shown), coalesce(p.parent_post_id, p.id)),
			p.parent_post_id is not null, p.created_at, p.id`
	);
	const answers: ThreadPage['answers'] = [];
	const byId = new Map<string, Post & { replies: Post[] }>();
	for (const row of rows) {
		const post: Post = row;
		if (post.parentPostId === null) {
			const answer = { ...post, replies: [] };
			byId.set(post.id, answer);
			answers.push(answer);
		} else byId.get(post.parentPostId)?.replies.push(post);
	}
	const answerCount = rows[0]?.answerCount ?? 0;
	return {
		answers,
		page: rows[0]?.page ?? 1,
		pageCount: Math.max(1, Math.ceil(answerCount / answersPerPage)),
		answerCount,
		version: rows[0]?.version ?? null
	};
}

export type Answer = {
	body: string;
	parentPostId: string | null;
	idempotencyKey: string;
	/** The writer's choice; left out, the thread decides (its anonymous asker stays anonymous). */
	anonymous?: boolean | null;
};

/**
 * Answers (or replies); a double submit gives the first post back. The writer follows
 * the thread, and learns whether crisis words were found and the post is held.
 */
export async function answer(claims: Claims, threadId: string, input: Answer) {
	return transaction(claims, async (tx) => {
		// The HTML goes out with the insert that takes it (one round trip).
		const [, [created]] = await Promise.all([
			storeRendered(tx, input.body),
			tx<{ id: string }[]>`
			insert into public.posts (thread_id, parent_post_id, author_id, is_anonymous, body_markdown, idempotency_key)
			values (${threadId}, ${input.parentPostId}, ${claims.sub}, ${input.anonymous ?? null}, ${input.body},
				${input.idempotencyKey})
			-- Only the idempotency key can collide (ids are fresh), so no conflict target:
			-- naming author_id there would need read access to it.
			on conflict do nothing
			returning id`
		]);
		if (created) {
			await tx`insert into public.thread_follows (thread_id, member_id) values (${threadId}, ${claims.sub}) on conflict do nothing`;
		}
		return written(
			tx,
			created ? tx`id = ${created.id}` : tx`idempotency_key = ${input.idempotencyKey}`
		);
	});
}

/**
 * The post as its writer learns of it (professional answers are not checked). Read after
 * the write: the triggers that hold a text run after the statement.
 */
async function written(tx: Tx, which: postgres.PendingQuery<postgres.Row[]>) {
	const [post] = await tx<Written[]>`
		select id, public.mentions_crisis(body_markdown) and not is_professional as crisis, held_at is not null as held
		from public.posts where ${which}`;
	return post;
}

/** Edits the post; the writer learns, as when writing it, whether it mentions a crisis. */
export async function edit(claims: Claims, id: string, body: string) {
	return transaction(claims, async (tx) => {
		const [, updated] = await Promise.all([
			storeRendered(tx, body),
			tx`update public.posts set body_markdown = ${body} where id = ${id}`
		]);
		if (updated.count === 0) throw new NotAllowed();
		return written(tx, tx`id = ${id}`);
	});
}

export async function withdraw(claims: Claims, id: string) {
	await transaction(claims, async (tx) => {
		const updated = await tx`update public.posts set withdrawn_at = now() where id = ${id}`;
		if (updated.count === 0) throw new NotAllowed();
	});
}

/**
 * Undoes the author's withdrawal within 24 hours: the post comes back as it was
 * withdrawn, rendered anew as every write is; the database decides who, when and what
 * (track_text_changes, as for threads.undoWithdrawal).
 */
export async function undoWithdrawal(claims: Claims, id: string, tx?: Tx) {
	await within(claims, tx, async (tx) => {
		const [kept] = await tx<{ body: string }[]>`
			select r.body_markdown as body from public.revisions r
			where r.post_id = ${id} order by r.replaced_at desc, r.id desc limit 1`;
		if (!kept) throw new NotAllowed();
		const [, updated] = await Promise.all([
			storeRendered(tx, kept.body),
			tx`update public.posts set withdrawn_at = null, body_markdown = ${kept.body}
				where id = ${id} and withdrawn_at is not null`
		]);
		if (updated.count === 0) throw new NotAllowed();
	});
}

/** One helpful vote per member and post, never on one's own (the policy says so). */
export async function setHelpful(claims: Claims, id: string, on: boolean) {
	await transaction(claims, (tx) =>
		on
			? tx`insert into public.helpful_votes (post_id, member_id) values (${id}, ${claims.sub}) on conflict do nothing`
			: tx`delete from public.helpful_votes where post_id = ${id} and member_id = ${claims.sub}`
	);
}

/** The post and its thread, for the edit page; null unless it is the member's. */
export async function readOwn(claims: Claims, id: string) {
	const [post] = await transaction(
		claims,
		(tx) => tx<{ id: string; threadId: string; bodyMarkdown: string }[]>`
		select id, thread_id as "threadId", body_markdown as "bodyMarkdown"
		from public.posts where id = ${id} and public.is_post_author(id) and withdrawn_at is null`
	);
	return post ?? null;
}
