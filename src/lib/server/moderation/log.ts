// A community's mod log, newest first, a page at a time.
import * as cursor from '../data/cursor';
import type { Claims, Tx } from '../data/db';
import { reading } from '../data/db';
import type { Action } from './kinds';

export type LogEntry = {
	id: string;
	action: Action;
	at: Date;
	reason: string | null;
	/** Null when the community hides moderators' names from its members. */
	moderator: string | null;
	member: string | null;
	/** About the author of an anonymous post, who stays unnamed ("an anonymous author"). */
	anonymousAuthor: boolean;
	threadId: string | null;
	/** Null when the reader may not see the thread (removed or held). */
	threadTitle: string | null;
	postId: string | null;
	guideId: string | null;
	/** Null when the reader may not see the guide (removed or hidden). */
	guideTitle: string | null;
	ideaId: string | null;
	/** Null when the reader may not see the idea (removed). */
	ideaTitle: string | null;
	/** Suspensions: until when (null: permanent). */
	suspendedUntil: Date | null;
};

/** A page of the community's mod log, newest first; `after` a page's position (cursor.ts). */
export async function log(
	claims: Claims,
	communityId: string,
	after: string | null = null,
	tx?: Tx
) {
	const from = cursor.decode(after);
	const rows = await reading(
		claims,
		tx,
		(tx) => tx<(LogEntry & { sortedAt: string })[]>`
		select id::text, action, at, reason, moderator, member, anonymous_author as "anonymousAuthor",
			thread_id as "threadId",
			thread_title as "threadTitle", post_id as "postId", suspended_until as "suspendedUntil",
			guide_id as "guideId", guide_title as "guideTitle",
			idea_id as "ideaId", idea_title as "ideaTitle",
			to_json(at) #>> '{}' as "sortedAt"
		from public.community_mod_log(${communityId}, ${from?.at ?? null}::text::timestamptz,
			${from?.id ?? null}::text::bigint, ${cursor.pageSize + 1})`
	);
	const page = cursor.paged(rows);
	return { entries: page.rows, next: page.next };
}
