// A member's own flags: whether they reported something, and how their flags were decided.
import * as cursor from '../data/cursor';
import type { Claims, Tx } from '../data/db';
import { within } from '../data/db';
import type { Resolution } from './kinds';

/** Whether the member has reported this thread (or the post named), for one reason if named:
 * the thanks after reporting (and for a crisis the helplines) go only to who reported. */
export async function reported(
	claims: Claims,
	target: { threadId: string; postId: string | null; reason?: string },
	tx?: Tx
) {
	const [row] = await within(
		claims,
		tx,
		(tx) => tx<{ reported: boolean }[]>`
		select exists (
			select 1 from public.flags f
			where ${target.postId ? tx`f.post_id = ${target.postId}` : tx`f.thread_id = ${target.threadId}`}
				and f.flagger_id = (select auth.uid())
				${target.reason ? tx`and f.reason = ${target.reason}` : tx``}
		) as reported`
	);
	return row.reported;
}

export type MyFlag = {
	id: string;
	reason: string;
	note: string | null;
	createdAt: Date;
	decision: Resolution | null;
	decidedAt: Date | null;
	threadId: string | null;
	threadTitle: string | null;
	/** A reported guide, its title while the member may see it. */
	guideId: string | null;
	guideTitle: string | null;
};

/** A page of the member's own flags and how each was decided, newest first. */
export async function myFlags(claims: Claims, after: string | null = null, tx?: Tx) {
	const from = cursor.decode(after);
	const rows = await within(
		claims,
		tx,
		(tx) => tx<(MyFlag & { sortedAt: string })[]>`
		select f.id, f.reason, f.note, f.created_at as "createdAt", f.decision, f.decided_at as "decidedAt",
			t.id as "threadId", t.title as "threadTitle", f.guide_id as "guideId", g.title as "guideTitle",
			to_json(f.created_at) #>> '{}' as "sortedAt"
		from public.flags f
		left join public.guides g on g.id = f.guide_id
		-- The thread as far as the member may see it (its policy), also of a removed post.
		left join public.threads t on t.id = public.flagged_thread(f.id)
		where f.flagger_id = (select auth.uid())
			${from ? tx`and (f.created_at, f.id) < (${from.at}::text::timestamptz, ${from.id}::text::uuid)` : tx``}
		order by f.created_at desc, f.id desc
		limit ${cursor.pageSize + 1}`
	);
	const page = cursor.paged(rows);
	return { flags: page.rows, next: page.next };
}
