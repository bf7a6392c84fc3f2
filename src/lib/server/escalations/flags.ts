import type { Claims, Tx } from '../data/db';
import { within } from '../data/db';
import type { FlagReason } from './kinds';

export type FlagTarget = { threadId: string } | { postId: string } | { guideId: string };

/**
 * A member flags a thread, post or guide (once per target). On a thread or post, "needs a
 * professional", "dangerous advice" and "crisis" open or raise the thread's escalation.
 */
export async function flag(
	claims: Claims,
	target: FlagTarget,
	input: { reason?: FlagReason; note?: string | null } = {},
	tx?: Tx
) {
	const threadId = 'threadId' in target ? target.threadId : null;
	const postId = 'postId' in target ? target.postId : null;
	const guideId = 'guideId' in target ? target.guideId : null;
	const [row] = await within(
		claims,
		tx,
		(tx) => tx<{ id: string }[]>`
		insert into public.flags (flagger_id, thread_id, post_id, guide_id, reason, note)
		values (${claims.sub}, ${threadId}, ${postId}, ${guideId}, ${input.reason ?? 'needs_professional'},
			${input.note?.trim() || null})
		returning id`
	);
	return row.id;
}
