// Communities of interest: the directory, membership, and how new ones come about.
import type { Claims, Tx } from '../data/db';
import { NotAllowed } from '../data/db-errors';
import { reading, transaction, within } from '../data/db';

export type Community = {
	id: string;
	slug: string;
	name: string;
	description: string;
	rules: string;
	topic: string;
	/** The region's key (AGS) when the community is local; null when it is supra-local. */
	region: string | null;
	regionLabel: string | null;
	memberCount: number;
	threadCount: number;
};

export type CommunityPage = Community & {
	joined: boolean;
	moderates: boolean;
	moderators: string[];
};

/**
 * The directory, optionally narrowed by words in name, topic or description, and by region
 * (a Land's communities include those of its Kreise).
 */
export async function list(
	claims: Claims | null,
	filter: { q?: string; region?: string } = {},
	tx?: Tx
) {
	const q = filter.q?.trim() ?? '';
	const region = filter.region ?? '';
	return within(
		claims,
		tx,
		(tx) => tx<(Community & { joined: boolean })[]>`
		select c.id, c.slug, c.name, c.description, c.rules, c.topic, c.region, r.label as "regionLabel",
			c.member_count as "memberCount", c.thread_count as "threadCount",
			c.id = any ((select public.joined_communities())::uuid[]) as joined
		from public.communities c left join public.regions r on r.ags = c.region
		where (${q} = '' or strpos(lower(c.name || ' ' || c.topic || ' ' || c.description), lower(${q})) > 0)
			and (${region} = '' or c.region = any (public.region_and_kreise(${region})))
		order by c.name`
	);
}

export type CommunityName = Pick<Community, 'id' | 'slug' | 'name'> & { joined: boolean };

/** Every community by name, for choosing one (filters, where to ask): none of their texts. */
export async function names(claims: Claims | null, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<CommunityName[]>`
		select c.id, c.slug, c.name, c.id = any ((select public.joined_communities())::uuid[]) as joined
		from public.communities c order by c.name`
	);
}

/**
 * Where a moderator of the thread's community may move it: the other communities they
 * moderate (move_thread refuses any other); nothing for anyone else.
 */
export async function moveTargets(claims: Claims, threadId: string, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<{ id: string; name: string }[]>`
		with thread as (select community_id from public.threads where id = ${threadId}),
			mine as (select public.moderated_communities() as ids)
		select c.id, c.name from public.communities c
		where (select community_id from thread) = any ((select ids from mine)::uuid[])
			and c.id = any ((select ids from mine)::uuid[])
			and c.id <> (select community_id from thread)
		order by c.name`
	);
}

export type Moderated = { id: string; slug: string; name: string };

/** The communities the signed-in member moderates. */
export async function moderated(claims: Claims, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<Moderated[]>`
		select c.id, c.slug, c.name from public.communities c
		join public.community_moderators cm on cm.community_id = c.id and cm.member_id = (select auth.uid())
		order by c.name`
	);
}

export async function read(claims: Claims | null, slug: string, tx?: Tx) {
	const [community] = await reading(
		claims,
		tx,
		(tx) => tx<CommunityPage[]>`
		select c.id, c.slug, c.name, c.description, c.rules, c.topic, c.region,
			(select r.label from public.regions r where r.ags = c.region) as "regionLabel",
			c.member_count as "memberCount", c.thread_count as "threadCount",
			coalesce(public.is_community_member(c.id), false) as joined,
			coalesce(public.is_moderator(c.id), false) as moderates,
			array(select m.pseudonym from public.community_moderators cm join public.members m on m.id = cm.member_id
				where cm.community_id = c.id order by m.pseudonym) as moderators
		from public.communities c where c.slug = ${slug}`
	);
	return community ?? null;
}

/**
 * Admins and the community's moderators change what describes it (the policy says so);
 * a trigger writes each change to the mod log.
 */
export async function updateTexts(
	claims: Claims,
	communityId: string,
	texts: Pick<Community, 'description' | 'rules'>
) {
	await transaction(claims, async (tx) => {
		const updated = await tx`
			update public.communities set description = ${texts.description}, rules = ${texts.rules}
			where id = ${communityId}`;
		if (updated.count === 0) throw new NotAllowed();
	});
}

export async function join(claims: Claims, communityId: string) {
	await transaction(
		claims,
		(tx) => tx`
		insert into public.community_members (community_id, member_id) values (${communityId}, ${claims.sub})
		on conflict do nothing`
	);
}

export async function leave(claims: Claims, communityId: string) {
	await transaction(
		claims,
		(tx) => tx`
		delete from public.community_members where community_id = ${communityId} and member_id = ${claims.sub}`
	);
}

export type NewCommunity = {
	slug: string;
	name: string;
	description: string;
	rules: string;
	topic: string;
	region: string | null;
};

/** Admins create communities (the policy checks) and appoint the first moderator. */
export async function create(
	claims: Claims,
	community: NewCommunity,
	moderatorPseudonym: string | null
) {
	return transaction(claims, async (tx) => {
		const [created] = await tx<{ id: string }[]>`
			insert into public.communities (slug, name, description, rules, topic, region)
			values (${community.slug}, ${community.name}, ${community.description}, ${community.rules},
				${community.topic}, ${community.region})
			returning id`;
		if (moderatorPseudonym) await appoint(tx, created.id, moderatorPseudonym, claims.sub, true);
		return created.id;
	});
}

export async function appointModerator(claims: Claims, communityId: string, pseudonym: string) {
	return transaction(claims, (tx) => appoint(tx, communityId, pseudonym, claims.sub));
}

/**
 * Returns false when no member has that pseudonym. Admins and the community's owners
 * appoint (the policy checks); the first moderator of a new community owns it.
 */
async function appoint(
	tx: Tx,
	communityId: string,
	pseudonym: string,
	appointedBy: string,
	isOwner = false
) {
	const [member] = await tx<{ id: string }[]>`
		select id from public.members where lower(pseudonym) = lower(${pseudonym})`;
	if (!member) return false;
	await tx`
		insert into public.community_moderators (community_id, member_id, appointed_by, is_owner)
		values (${communityId}, ${member.id}, ${appointedBy}, ${isOwner}) on conflict do nothing`;
	return true;
}

/** Admins and the community's owners remove moderators (owners stay). */
export async function removeModerator(claims: Claims, communityId: string, pseudonym: string) {
	await transaction(claims, async (tx) => {
		const removed = await tx`
			delete from public.community_moderators cm using public.members m
			where cm.community_id = ${communityId} and cm.member_id = m.id and lower(m.pseudonym) = lower(${pseudonym})`;
		if (removed.count === 0) throw new NotAllowed();
	});
}

export type Moderator = { pseudonym: string; isOwner: boolean; appointedAt: Date };

export async function moderators(claims: Claims | null, communityId: string, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<Moderator[]>`
		select m.pseudonym, cm.is_owner as "isOwner", cm.appointed_at as "appointedAt"
		from public.community_moderators cm join public.members m on m.id = cm.member_id
		where cm.community_id = ${communityId}
		order by cm.is_owner desc, m.pseudonym`
	);
}

export type Proposal = { name: string; description: string; topic: string; region: string | null };

export async function propose(claims: Claims, proposal: Proposal) {
	await transaction(
		claims,
		(tx) => tx`
		insert into public.community_proposals (proposed_by, name, description, topic, region)
		values (${claims.sub}, ${proposal.name}, ${proposal.description}, ${proposal.topic}, ${proposal.region})`
	);
}

export type ProposalRow = Proposal & {
	id: string;
	regionLabel: string | null;
	proposer: string | null;
	status: string;
	createdAt: Date;
};

/** Admins see pending proposals; a member sees their own. */
export async function proposals(claims: Claims) {
	return transaction(
		claims,
		(tx) => tx<ProposalRow[]>`
		select p.id, p.name, p.description, p.topic, p.region, r.label as "regionLabel", p.status,
			p.created_at as "createdAt", m.pseudonym as proposer
		from public.community_proposals p left join public.members m on m.id = p.proposed_by
		left join public.regions r on r.ags = p.region
		order by p.status = 'pending' desc, p.created_at desc limit 100`
	);
}

export async function approve(claims: Claims, proposalId: string, slug: string) {
	const [row] = await transaction(
		claims,
		(tx) => tx<{ id: string }[]>`
		select public.approve_community_proposal(${proposalId}, ${slug}) as id`
	);
	return row.id;
}

export async function reject(claims: Claims, proposalId: string) {
	await transaction(claims, (tx) => tx`select public.reject_community_proposal(${proposalId})`);
}
