// Service ideas (Ideen): members propose improvements to a service or new offers, support
// them (one support each), write posts on them; the community's counsellors (and admins)
// answer officially with a state and reasons. The database holds the rules
// (20261125125100_service_ideas.sql, 20261125125110_service_idea_writing.sql); this module
// names the steps. What pages read is in idea-pages.ts.
import type { IdeaState } from '$lib/idea-names';
import type { Claims } from '../data/db';
import { transaction } from '../data/db';
import { NotAllowed } from '../data/db-errors';
import { crisisIn } from '../safeguarding/crisis-words';
import { storeRendered } from './markdown';

export type IdeaText = { title: string; body: string; idempotencyKey: string };

/**
 * Proposes an idea in the community; the same form sent twice gives the first one's id.
 * With crisis words the writer is shown the helplines.
 */
export async function propose(claims: Claims, communityId: string, text: IdeaText) {
	return transaction(claims, async (tx) => {
		const [, [proposed]] = await Promise.all([
			storeRendered(tx, text.body),
			tx<{ id: string; crisis: boolean }[]>`
				select public.propose_service_idea(${communityId}, ${text.title}, ${text.body},
					${text.idempotencyKey}) as id, ${crisisIn(tx, `${text.title}\n${text.body}`)} as crisis`
		]);
		return proposed;
	});
}

/** Supports the idea, or takes the support back. */
export async function support(claims: Claims, id: string, supported: boolean) {
	await transaction(claims, (tx) => tx`select public.support_service_idea(${id}, ${supported})`);
}

/** A post on the idea: its id, and whether it holds crisis words. */
export async function comment(
	claims: Claims,
	id: string,
	post: { body: string; idempotencyKey: string }
) {
	return transaction(claims, async (tx) => {
		const [, [created]] = await Promise.all([
			storeRendered(tx, post.body),
			tx<{ id: string; crisis: boolean }[]>`
				select public.comment_on_service_idea(${id}, ${post.body}, ${post.idempotencyKey}) as id,
					${crisisIn(tx, post.body)} as crisis`
		]);
		return created;
	});
}

/** An official answer: the idea's new state with its reasons; supporters are told. */
export async function answer(
	claims: Claims,
	id: string,
	statement: { state: IdeaState; reasons: string }
) {
	await transaction(
		claims,
		(tx) =>
			tx`select public.answer_service_idea(${id}, ${statement.state}::public.idea_state, ${statement.reasons})`
	);
}

/** A moderator removes the idea with a reason (its author reads it on the idea's page). */
export async function remove(claims: Claims, id: string, reason: string) {
	await transaction(claims, (tx) => tx`select public.remove_service_idea(${id}, ${reason})`);
}

export async function restore(claims: Claims, id: string) {
	await transaction(claims, (tx) => tx`select public.restore_service_idea(${id})`);
}

/** A moderator removes a post on an idea with a reason. */
export async function removeComment(claims: Claims, commentId: string, reason: string) {
	await transaction(claims, (tx) => tx`select public.remove_idea_comment(${commentId}, ${reason})`);
}

/** The community's threshold of supports (moderators and admins change it: the policy says so). */
export async function updateThreshold(claims: Claims, communityId: string, threshold: number) {
	await transaction(claims, async (tx) => {
		const updated = await tx`
			update public.communities set idea_support_threshold = ${threshold} where id = ${communityId}`;
		if (updated.count === 0) throw new NotAllowed();
	});
}
