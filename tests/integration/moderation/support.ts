// Shared arrangements for the moderation tests: every file works in communities of
// its own (see ../escalations/support), so no file sees another's queue.
import { randomUUID } from 'node:crypto';
import * as escalations from '$lib/server/escalations';
import type { FlagReason } from '$lib/server/escalations';
import * as moderation from '$lib/server/moderation';
import type { Claims } from '$lib/server/data/db';
import { owner } from '../support';

export {
	atTime,
	community,
	later,
	member,
	minutes,
	moderator,
	owner,
	question,
	reply,
	type TestMember
} from '../escalations/support';

/** Sets a community's moderation settings as its owner would. */
export async function settle(
	communityId: string,
	settings: { threshold?: number; holdFirstPosts?: boolean; namesInLog?: boolean }
) {
	await owner`
		update public.communities set flag_hide_threshold = ${settings.threshold ?? 3},
			hold_first_posts = ${settings.holdFirstPosts ?? false},
			mod_log_names_moderators = ${settings.namesInLog ?? false}
		where id = ${communityId}`;
}

export const flagPost = (
	claims: Claims,
	postId: string,
	reason: FlagReason = 'abuse',
	note?: string
) => escalations.flag(claims, { postId }, { reason, note: note ?? null });

/** The open item about a thread or post, as its moderator sees it in the queue. */
export async function openItem(
	claims: Claims,
	target: { threadId: string; postId?: string | null }
) {
	const { items } = await moderation.queue(claims);
	return items.find(
		(item) => item.threadId === target.threadId && item.postId === (target.postId ?? null)
	);
}

/** An item about a thread or post with what its page shows; fails for a guide's item. */
export async function threadItem(claims: Claims, id: string) {
	const detail = await moderation.item(claims, id);
	if (detail && detail.kind !== 'thread') throw new Error(`Item ${id} is about a guide`);
	return detail;
}

/** Kinds of the member's notifications, newest first. */
export async function notificationsOf(memberId: string) {
	return owner<{ kind: string; reason: string | null }[]>`
		select kind, reason from public.notifications where member_id = ${memberId} order by created_at desc`;
}

export const uniqueWord = () => `wort${randomUUID().slice(0, 6)}`;
