// Counsellors serving a community and its moderators may learn who wrote an anonymous
// thread or post, always with a reason, always logged for the admins.
import * as cursor from '../data/cursor';
import type { Claims, Tx } from '../data/db';
import { reading, transaction } from '../data/db';

export type Target = { threadId: string } | { postId: string };

export const ids = (target: Target) => ({
	thread: 'threadId' in target ? target.threadId : null,
	post: 'postId' in target ? target.postId : null
});

/**
 * The author's pseudonym, or null when they have deleted their account. The reveal is
 * logged and committed first; the database names the author only in a later transaction.
 */
export async function revealAuthor(claims: Claims, target: Target, reason: string) {
	const { thread, post } = ids(target);
	const [reveal] = await transaction(
		claims,
		(tx) =>
			tx<{ id: string }[]>`select public.reveal_author(${thread}, ${post}, ${reason})::text as id`
	);
	const [row] = await transaction(
		claims,
		(tx) => tx<{ pseudonym: string | null }[]>`
		select public.revealed_author(${reveal.id}::bigint) as pseudonym`
	);
	return row.pseudonym;
}

export type Reveal = {
	id: string;
	communityName: string;
	threadId: string;
	postId: string | null;
	/** As they were called when they revealed, kept after their account is deleted. */
	revealedBy: string;
	revealerDeleted: boolean;
	reason: string;
	revealedAt: Date;
};

/** A page of every reveal, newest first; `after` a page's position (cursor.ts). Admins only (RLS). */
export async function revealLog(claims: Claims, after: string | null = null, tx?: Tx) {
	const from = cursor.decode(after);
	const rows = await reading(
		claims,
		tx,
		(tx) => tx<(Reveal & { sortedAt: string })[]>`
		select r.id::text, c.name as "communityName", r.thread_id as "threadId",
			r.post_id as "postId", r.revealer_pseudonym as "revealedBy", m.id is null as "revealerDeleted",
			r.reason, r.revealed_at as "revealedAt",
			to_json(r.revealed_at) #>> '{}' as "sortedAt"
		from public.author_reveals r
		join public.communities c on c.id = r.community_id
		left join public.members m on m.id = r.revealed_by
		${from ? tx`where (r.revealed_at, r.id) < (${from.at}::text::timestamptz, ${from.id}::text::bigint)` : tx``}
		order by r.revealed_at desc, r.id desc limit ${cursor.pageSize + 1}`
	);
	const page = cursor.paged(rows);
	return { entries: page.rows, next: page.next };
}
