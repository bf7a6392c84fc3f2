// The steps moderators take on a thread, post or guide. The database decides who may act
// (the moderation functions refuse with a reason in their hint); this module names the
// steps. Every function takes an optional transaction to run in (tests move the clock there).
import type { Claims, Tx } from '../data/db';
import { within } from '../data/db';
import { storeRendered } from '../forum/markdown';
import type { SuspensionDuration } from './kinds';

/** Where an action points: a thread, or one of its posts. */
export type Target = { threadId: string; postId: string | null };
/** The item and version the moderator acted from, so a concurrent action is noticed. */
export type Seen = { itemId: string; version: number } | null;

const seenArgs = (seen: Seen) => [seen?.itemId ?? null, seen?.version ?? null] as const;

export async function dismiss(
	claims: Claims,
	seen: NonNullable<Seen>,
	note: string | null,
	tx?: Tx
) {
	await within(
		claims,
		tx,
		(tx) => tx`select public.dismiss_moderation_item(${seen.itemId}, ${seen.version}, ${note})`
	);
}

export async function remove(claims: Claims, target: Target, reason: string, seen: Seen, tx?: Tx) {
	const [item, version] = seenArgs(seen);
	await within(
		claims,
		tx,
		(tx) =>
			tx`select public.remove_content(${target.threadId}, ${target.postId}, ${reason}, ${item}, ${version})`
	);
}

export async function restore(
	claims: Claims,
	target: Target,
	reason: string | null,
	seen: Seen,
	tx?: Tx
) {
	const [item, version] = seenArgs(seen);
	await within(
		claims,
		tx,
		(tx) =>
			tx`select public.restore_content(${target.threadId}, ${target.postId}, ${reason}, ${item}, ${version})`
	);
}

/** Removes a guide with a reason, or brings a removed one back: its first writer is told. */
export async function removeGuide(
	claims: Claims,
	guideId: string,
	reason: string,
	seen: Seen,
	tx?: Tx
) {
	const [item, version] = seenArgs(seen);
	await within(
		claims,
		tx,
		(tx) => tx`select public.remove_guide(${guideId}, ${reason}, ${item}, ${version})`
	);
}

export async function restoreGuide(
	claims: Claims,
	guideId: string,
	reason: string | null,
	seen: Seen,
	tx?: Tx
) {
	const [item, version] = seenArgs(seen);
	await within(
		claims,
		tx,
		(tx) => tx`select public.restore_guide(${guideId}, ${reason}, ${item}, ${version})`
	);
}

/** Edits out personal data; the previous text stays in the revisions for moderators. */
export async function edit(
	claims: Claims,
	target: Target,
	change: { title: string | null; body: string; reason: string },
	seen: Seen,
	tx?: Tx
) {
	const [item, version] = seenArgs(seen);
	await within(claims, tx, (tx) =>
		Promise.all([
			storeRendered(tx, change.body),
			tx`select public.edit_content(${target.threadId}, ${target.postId}, ${change.title},
				${change.body}, ${change.reason}, ${item}, ${version})`
		])
	);
}

export async function setLocked(
	claims: Claims,
	threadId: string,
	locked: boolean,
	reason: string | null,
	seen: Seen,
	tx?: Tx
) {
	const [item, version] = seenArgs(seen);
	await within(
		claims,
		tx,
		(tx) =>
			tx`select public.set_thread_locked(${threadId}, ${locked}, ${reason}, ${item}, ${version})`
	);
}

export async function setPinned(
	claims: Claims,
	threadId: string,
	pinned: boolean,
	reason: string | null,
	seen: Seen,
	tx?: Tx
) {
	const [item, version] = seenArgs(seen);
	await within(
		claims,
		tx,
		(tx) =>
			tx`select public.set_thread_pinned(${threadId}, ${pinned}, ${reason}, ${item}, ${version})`
	);
}

export async function move(
	claims: Claims,
	threadId: string,
	communityId: string,
	reason: string | null,
	seen: Seen,
	tx?: Tx
) {
	const [item, version] = seenArgs(seen);
	await within(
		claims,
		tx,
		(tx) =>
			tx`select public.move_thread(${threadId}, ${communityId}, ${reason}, ${item}, ${version})`
	);
}

/** Suspends the target's author from its community; returns the suspension's id. */
export async function suspend(
	claims: Claims,
	target: Target,
	duration: SuspensionDuration,
	reason: string,
	seen: Seen,
	tx?: Tx
) {
	const [item, version] = seenArgs(seen);
	const [row] = await within(
		claims,
		tx,
		(tx) => tx<{ id: string }[]>`
		select public.suspend_author(${target.threadId}, ${target.postId},
			${duration === 'permanent' ? null : duration}::interval, ${reason}, ${item}, ${version}) as id`
	);
	return row.id;
}

export async function liftSuspension(claims: Claims, id: string, reason: string | null, tx?: Tx) {
	await within(claims, tx, (tx) => tx`select public.lift_suspension(${id}, ${reason})`);
}

export async function warn(claims: Claims, target: Target, reason: string, seen: Seen, tx?: Tx) {
	const [item, version] = seenArgs(seen);
	await within(
		claims,
		tx,
		(tx) =>
			tx`select public.warn_author(${target.threadId}, ${target.postId}, ${reason}, ${item}, ${version})`
	);
}
