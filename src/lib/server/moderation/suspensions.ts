// Suspensions as members and moderators read them (moderators suspend in actions.ts).
import type { Claims, Tx } from '../data/db';
import { within } from '../data/db';

export type Suspension = { id: string; reason: string; endsAt: Date | null };

/**
 * The member's suspension in force in the community, if any: the UI says until when and
 * why. A thread page names the community by its thread, so it need not wait for it.
 */
export async function mySuspension(
	claims: Claims | null,
	community: { id: string } | { slug: string } | { threadId: string },
	tx?: Tx
) {
	if (!claims) return null;
	const [row] = await within(
		claims,
		tx,
		(tx) => tx<Suspension[]>`
		select s.id, s.reason, s.ends_at as "endsAt" from public.suspensions s
		where s.community_id = ${
			'id' in community
				? community.id
				: 'slug' in community
					? tx`(select c.id from public.communities c where c.slug = ${community.slug})`
					: tx`(select t.community_id from public.threads t where t.id = ${community.threadId})`
		}
			and s.member_id = (select auth.uid()) and s.lifted_at is null
			and s.starts_at <= public.clock() and (s.ends_at is null or s.ends_at > public.clock())
		order by s.ends_at desc nulls first limit 1`
	);
	return row ?? null;
}

/** Null: suspended for an anonymous post, and not revealed to this moderator. */
export type CommunitySuspension = Suspension & { member: string | null; startsAt: Date };

/** Suspensions in force in a community, for its moderators. */
export async function suspensions(claims: Claims, communityId: string, tx?: Tx) {
	return within(
		claims,
		tx,
		(tx) => tx<CommunitySuspension[]>`
		select id, reason, ends_at as "endsAt", starts_at as "startsAt", member
		from public.community_suspensions(${communityId})`
	);
}
