// Threads as their askers and readers change them: asking, editing, withdrawing (and undoing
// it), accepting an answer, "me too" and following.
import type postgres from 'postgres';
import type { Claims, Tx } from '../../data/db';
import { transaction, within } from '../../data/db';
import { NotAllowed } from '../../data/db-errors';
import { storeRendered } from '../markdown';

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
