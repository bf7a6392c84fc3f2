// What the pages of service ideas read: a community's list (sorted and filtered), an
// idea with its official answers and posts, and the ideas awaiting a statement from the
// counsellors. RLS decides what anyone sees (removed ideas and posts: their author and
// moderators); the writes are in ideas.ts.
import type { IdeaFilter, IdeaSort, IdeaState } from '$lib/idea-names';
import type { OrganisationRef } from '$lib/organisation-names';
import type { Claims, Tx } from '../data/db';
import { reading } from '../data/db';

/** An idea in a list. */
export type IdeaSummary = {
	id: string;
	title: string;
	createdAt: Date;
	state: IdeaState | null;
	supportCount: number;
	commentCount: number;
	/** Past the threshold without an official answer. */
	awaiting: boolean;
	communitySlug: string;
	communityName: string;
};

export type OfficialAnswer = {
	id: string;
	state: IdeaState;
	reasons: string;
	answeredAt: Date;
	/** Null: a deleted account. */
	answeredBy: string | null;
	/** The verified organisation the answer was given for, kept from when it was given. */
	organisation: OrganisationRef | null;
	/** The workplace on the answerer's badge, for an answer given for no organisation. */
	workplace: string | null;
};

export type IdeaPost = {
	id: string;
	author: string | null;
	bodyHtml: string;
	createdAt: Date;
	removed: boolean;
	removalReason: string | null;
};

/** An idea as its page shows it, with what the reader may do. */
export type Idea = {
	id: string;
	communityId: string;
	communitySlug: string;
	communityName: string;
	title: string;
	bodyHtml: string;
	author: string | null;
	createdAt: Date;
	state: IdeaState | null;
	supportCount: number;
	threshold: number;
	awaiting: boolean;
	removed: boolean;
	removalReason: string | null;
	supported: boolean;
	/** A member of the community supports and writes (a suspension there is refused by the database). */
	canTakePart: boolean;
	canAnswer: boolean;
	canModerate: boolean;
	/** The open case about it, for the counsellors serving its community. */
	escalationId: string | null;
	answers: OfficialAnswer[];
	posts: IdeaPost[];
};

/** Ideas in a list, as each shows: those the condition and order choose, at most 100. */
function summaries(tx: Tx, where: ReturnType<Tx>, order: ReturnType<Tx>) {
	return tx<IdeaSummary[]>`
		select i.id, i.title, i.created_at as "createdAt", i.state, i.support_count as "supportCount",
			(select count(*)::int from public.idea_comments ic where ic.idea_id = i.id and ic.removed_at is null) as "commentCount",
			i.state is null and i.threshold_reached_at is not null as awaiting,
			c.slug as "communitySlug", c.name as "communityName"
		from public.service_ideas i join public.communities c on c.id = i.community_id
		where i.removed_at is null and ${where}
		order by ${order}, i.id
		limit 100`;
}

const filters: Record<IdeaFilter, (tx: Tx) => ReturnType<Tx>> = {
	all: (tx) => tx``,
	open: (tx) => tx`and i.state is null`,
	awaiting: (tx) => tx`and i.state is null and i.threshold_reached_at is not null`,
	under_review: (tx) => tx`and i.state = 'under_review'`,
	accepted: (tx) => tx`and i.state = 'accepted'`,
	in_progress: (tx) => tx`and i.state = 'in_progress'`,
	done: (tx) => tx`and i.state = 'done'`,
	not_possible: (tx) => tx`and i.state = 'not_possible'`
};

/** The community's ideas (at most 100; removed ones only by their address). */
export async function ofCommunity(
	claims: Claims | null,
	communityId: string,
	query: { sort: IdeaSort; state: IdeaFilter },
	tx?: Tx
) {
	return reading(claims, tx, (tx) =>
		summaries(
			tx,
			tx`i.community_id = ${communityId} ${filters[query.state](tx)}`,
			query.sort === 'new' ? tx`i.created_at desc` : tx`i.support_count desc, i.created_at desc`
		)
	);
}

/** Ideas past their community's threshold without an official answer, in the communities the counsellor serves. */
export async function awaitingStatement(claims: Claims, tx?: Tx) {
	return reading(claims, tx, (tx) =>
		summaries(
			tx,
			tx`i.community_id = any ((select public.served_communities())::uuid[])
				and i.state is null and i.threshold_reached_at is not null`,
			tx`i.threshold_reached_at`
		)
	);
}

/** The idea's page, or null where there is none (or the reader may not see it). */
export async function idea(claims: Claims | null, id: string, tx?: Tx): Promise<Idea | null> {
	const [row] = await reading(
		claims,
		tx,
		(tx) => tx<Idea[]>`
		select i.id, i.community_id as "communityId", c.slug as "communitySlug", c.name as "communityName",
			i.title, i.body_html as "bodyHtml", a.pseudonym as author, i.created_at as "createdAt", i.state,
			i.support_count as "supportCount", c.idea_support_threshold as threshold,
			i.state is null and i.threshold_reached_at is not null as awaiting,
			i.removed_at is not null as removed, i.removal_reason as "removalReason",
			exists (select 1 from public.idea_supports s where s.idea_id = i.id and s.member_id = (select auth.uid())) as supported,
			public.is_community_member(i.community_id) as "canTakePart",
			${claims ? tx`public.can_answer_idea(i.community_id)` : tx`false`} as "canAnswer",
			public.is_moderator(i.community_id) as "canModerate",
			-- Its open case, for the counsellors who see it (RLS); null for everyone else.
			(select e.id from public.escalations e where e.idea_id = i.id and e.state <> 'resolved') as "escalationId",
			coalesce((select json_agg(json_build_object('id', x.id::text, 'state', x.state, 'reasons', x.reasons,
					'answeredAt', x.answered_at, 'answeredBy', m.pseudonym, 'workplace', p.organisation,
					'organisation', case when o.id is not null then json_build_object('id', o.id, 'name', o.name) end)
					order by x.answered_at desc, x.id desc)
				from public.idea_answers x
				left join public.members m on m.id = x.answered_by
				left join public.counsellor_profiles p on p.member_id = x.answered_by
				left join public.organisations o on o.id = x.organisation_id and o.verified_at is not null
				where x.idea_id = i.id), '[]') as answers,
			coalesce((select json_agg(json_build_object('id', ic.id, 'author', m.pseudonym, 'bodyHtml', ic.body_html,
					'createdAt', ic.created_at, 'removed', ic.removed_at is not null, 'removalReason', ic.removal_reason)
					order by ic.created_at, ic.id)
				from public.idea_comments ic left join public.members m on m.id = ic.author_id
				where ic.idea_id = i.id), '[]') as posts
		from public.service_ideas i
		join public.communities c on c.id = i.community_id
		left join public.members a on a.id = i.author_id
		where i.id = ${id}`
	);
	if (!row) return null;
	return {
		...row,
		answers: row.answers.map((answer) => ({ ...answer, answeredAt: new Date(answer.answeredAt) })),
		posts: row.posts.map((post) => ({ ...post, createdAt: new Date(post.createdAt) }))
	};
}

/** The community's threshold, for its settings page. */
export async function threshold(claims: Claims | null, communityId: string, tx?: Tx) {
	const [row] = await reading(
		claims,
		tx,
		(tx) => tx<{ threshold: number }[]>`
		select idea_support_threshold as threshold from public.communities where id = ${communityId}`
	);
	return row?.threshold ?? null;
}
