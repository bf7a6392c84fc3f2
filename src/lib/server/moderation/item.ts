// One item of the moderators' queue with everything a moderator needs to decide.
import type { Claims, Tx } from '../data/db';
import { within } from '../data/db';
import type { Action } from './kinds';
import { type QueueItem, queueColumns, queueJoins } from './queue';

type Flag = { reason: string; note: string | null; flagger: string | null; createdAt: Date };
type Event = { action: Action; actor: string | null; note: string | null; at: Date };

/** A guide's item: its newest version; its writers are named on its versions page. */
export type GuideItemDetail = QueueItem & {
	kind: 'guide';
	guideId: string;
	communityId: string;
	guide: { version: number; bodyHtml: string; writer: string | null; removalReason: string | null };
	flags: Flag[];
	history: Event[];
};

export type ItemDetail = QueueItem & {
	kind: 'thread';
	threadId: string;
	communityId: string;
	thread: { bodyHtml: string; author: string | null; anonymous: boolean; createdAt: Date };
	threadState: { locked: boolean; pinned: boolean; removed: boolean; removalReason: string | null };
	post: {
		bodyHtml: string;
		bodyMarkdown: string;
		author: string | null;
		anonymous: boolean;
		asker: boolean;
		createdAt: Date;
		removalReason: string | null;
		/** The answer a reply answers, for context. */
		parentHtml: string | null;
	} | null;
	threadMarkdown: string;
	flags: Flag[];
	history: Event[];
	/**
	 * The target is anonymous and this moderator has not revealed its author: the history
	 * and suspension shown are only those of the author's anonymous posts.
	 */
	authorUnnamed: boolean;
	authorHistory: { action: Action; at: Date; reason: string | null; threadId: string | null }[];
	authorSuspendedUntil: Date | 'permanent' | null;
	/** Earlier texts of the target (edits, and what a moderator edited out), newest first. */
	revisions: { title: string | null; bodyMarkdown: string; replacedAt: Date }[];
};

/** One item with everything a moderator needs to decide: context, flags, history. */
export async function item(
	claims: Claims,
	id: string,
	tx?: Tx
): Promise<ItemDetail | GuideItemDetail | null> {
	return within(claims, tx, async (tx) => {
		const [row] = await tx<(ItemDetail | GuideItemDetail)[]>`
			select ${queueColumns(tx)}, i.community_id as "communityId",
				case when i.guide_id is null then 'thread' else 'guide' end as kind,
				case when i.guide_id is not null then json_build_object('version', g.version, 'bodyHtml', gv.body_html,
					'writer', gw.pseudonym, 'removalReason', g.removal_reason) end as guide,
				json_build_object('bodyHtml', t.body_html, 'author', tm.pseudonym, 'anonymous', t.is_anonymous,
					'createdAt', t.created_at) as thread,
				json_build_object('locked', t.locked_at is not null, 'pinned', t.pinned_at is not null,
					'removed', t.removed_at is not null, 'removalReason', t.removal_reason) as "threadState",
				t.body_markdown as "threadMarkdown",
				case when p.id is not null then json_build_object('bodyHtml', p.body_html, 'bodyMarkdown', p.body_markdown,
					'author', pm.pseudonym, 'anonymous', p.is_anonymous, 'asker', p.shown_as_asker, 'createdAt', p.created_at,
					'removalReason', p.removal_reason,
					'parentHtml', (select parent.body_html from public.posts parent where parent.id = p.parent_post_id)) end as post,
				array(select json_build_object('reason', f.reason, 'note', f.note, 'flagger', fm.pseudonym, 'createdAt', f.created_at)
					from public.flags f left join public.members fm on fm.id = f.flagger_id
					where f.reason <> 'needs_professional' and f.created_at >= i.opened_at
						and (f.post_id = i.post_id or f.guide_id = i.guide_id
							or (i.post_id is null and f.thread_id = i.thread_id))
					order by f.created_at) as flags,
				array(select json_build_object('action', e.action, 'actor', am.pseudonym, 'note', e.note, 'at', e.at)
					from public.moderation_events e left join public.members am on am.id = e.actor_id
					where e.item_id = i.id order by e.at, e.id) as history,
				public.item_author_unnamed(i.thread_id, i.post_id) as "authorUnnamed"
			from public.moderation_items i
			join public.communities c on c.id = i.community_id
			${queueJoins(tx)}
			left join public.members tm on tm.id = t.shown_author_id
			left join public.members pm on pm.id = p.shown_author_id
			left join public.members gw on gw.id = gv.author_id
			where i.id = ${id}`;
		if (!row) return null;
		const dated = (value: string | Date) => new Date(value);
		const flags = row.flags.map((flag) => ({ ...flag, createdAt: dated(flag.createdAt) }));
		const history = row.history.map((event) => ({ ...event, at: dated(event.at) }));
		if (row.kind === 'guide') return { ...row, flags, history };
		const authorHistory = await tx<ItemDetail['authorHistory']>`
			select action, at, reason, thread_id as "threadId" from public.moderation_author_history(${id})`;
		const revisions = await tx<ItemDetail['revisions']>`
			select r.title, r.body_markdown as "bodyMarkdown", r.replaced_at as "replacedAt"
			from public.revisions r
			where ${row.postId ? tx`r.post_id = ${row.postId}` : tx`r.thread_id = ${row.threadId}`}
			order by r.replaced_at desc limit 10`;
		const [{ until }] = await tx<{ until: Date | null }[]>`
			select public.moderation_author_suspended_until(${id}) as until`;
		return {
			...row,
			thread: { ...row.thread, createdAt: dated(row.thread.createdAt) },
			post: row.post ? { ...row.post, createdAt: dated(row.post.createdAt) } : null,
			flags,
			history,
			authorHistory,
			revisions,
			authorSuspendedUntil:
				until && Number.isFinite(until.getTime()) ? until : until ? 'permanent' : null
		};
	});
}
