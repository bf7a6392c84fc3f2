// Posts: answers to a thread and replies to an answer. Authors of posts are
// never readable directly; "is it mine" is asked through is_post_author().
import type { Claims, Tx } from './db';
import { transaction, within } from './db';
import { NotAllowed } from './db-errors';
import { render } from './markdown';
import type { Written } from './threads';

export type Post = {
	id: string;
	parentPostId: string | null;
	author: string | null;
	isProfessional: boolean;
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
	bodyMarkdown: string;
	createdAt: Date;
	editedAt: Date | null;
	withdrawn: boolean;
	accepted: boolean;
	isMine: boolean;
	votedHelpful: boolean;
};

/**
 * A thread's posts in reading order: the accepted answer first, then professional
 * answers, then the most helpful, then the oldest; replies follow their answer.
 */
export async function listInThread(claims: Claims | null, threadId: string, tx?: Tx) {
	const posts = await within(
		claims,
		tx,
		(tx) => tx<Post[]>`
		select p.id, p.parent_post_id as "parentPostId", m.pseudonym as author,
			p.is_professional as "isProfessional", p.helpful_count as "helpfulCount",
			case when p.is_professional and cp.member_id is not null
				then json_build_object('profession', cp.profession, 'organisation', cp.organisation) end as professional,
			p.is_anonymous as anonymous, p.held_at is not null as held,
			p.removed_at is not null as removed, p.removal_reason as "removalReason",
			p.moderator_edited_at is not null as "moderatorEdited",
			p.body_html as "bodyHtml", p.body_markdown as "bodyMarkdown", p.created_at as "createdAt",
			p.edited_at as "editedAt", p.withdrawn_at is not null as withdrawn,
			t.accepted_post_id is not distinct from p.id as accepted,
			coalesce(public.is_post_author(p.id), false) as "isMine",
			exists (select 1 from public.helpful_votes v where v.post_id = p.id and v.member_id = (select auth.uid())) as "votedHelpful"
		from public.posts p
		join public.threads t on t.id = p.thread_id
		left join public.members m on m.id = p.shown_author_id
		left join public.counsellor_profiles cp on cp.member_id = p.shown_author_id
		where p.thread_id = ${threadId}
		order by (t.accepted_post_id is not distinct from p.id) desc, p.is_professional desc,
			p.helpful_count desc, p.created_at, p.id`
	);
	const answers = posts.filter((post) => post.parentPostId === null);
	return answers.map((answer) => ({
		...answer,
		replies: posts
			.filter((post) => post.parentPostId === answer.id)
			.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
	}));
}

export type Answer = { body: string; parentPostId: string | null; idempotencyKey: string };

/**
 * Answers (or replies); a double submit gives the first post back. The writer follows
 * the thread, and learns whether crisis words were found and the post is held.
 */
export async function answer(claims: Claims, threadId: string, input: Answer) {
	return transaction(claims, async (tx) => {
		const [created] = await tx<{ id: string }[]>`
			insert into public.posts (thread_id, parent_post_id, author_id, body_markdown, body_html, idempotency_key)
			values (${threadId}, ${input.parentPostId}, ${claims.sub}, ${input.body}, ${render(input.body)}, ${input.idempotencyKey})
			-- Only the idempotency key can collide (ids are fresh), so no conflict target:
			-- naming author_id there would need read access to it.
			on conflict do nothing
			returning id`;
		if (created) {
			await tx`insert into public.thread_follows (thread_id, member_id) values (${threadId}, ${claims.sub}) on conflict do nothing`;
		}
		const [post] = await tx<Written[]>`
			select id, public.mentions_crisis(body_markdown) and not is_professional as crisis, held_at is not null as held
			from public.posts
			where ${created ? tx`id = ${created.id}` : tx`idempotency_key = ${input.idempotencyKey}`}`;
		return post;
	});
}

export async function edit(claims: Claims, id: string, body: string) {
	await transaction(claims, async (tx) => {
		const updated =
			await tx`update public.posts set body_markdown = ${body}, body_html = ${render(body)} where id = ${id}`;
		if (updated.count === 0) throw new NotAllowed();
	});
}

export async function withdraw(claims: Claims, id: string) {
	await transaction(claims, async (tx) => {
		const updated = await tx`update public.posts set withdrawn_at = now() where id = ${id}`;
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
