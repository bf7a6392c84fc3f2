// Guides (Ratgeber): a community's articles, written together from its questions. The
// database holds the rules (20261125125000_guides.sql, 20261125125010_guide_writing.sql):
// who drafts and edits (members of the community), who reverts (its moderators), who checks
// (verified counsellors), one helpful mark per member; this module names the steps and
// reads what pages show. Moderators remove and restore guides as posts (moderation/actions.ts).
import type { OrganisationRef } from '$lib/organisation-names';
import { changesSince, type ShownVersion } from '$lib/versions';
import type { Claims, Tx } from '../data/db';
import { reading, transaction } from '../data/db';
import { crisisIn } from '../safeguarding/crisis-words';
import { storeRendered } from './markdown';

export type GuideText = { title: string; body: string };

/** A guide as its page shows it: the newest version, its check, the questions it cites. */
export type Guide = {
	id: string;
	communitySlug: string;
	communityName: string;
	title: string;
	/** The newest version's number: an edit is written on it. */
	version: number;
	bodyMarkdown: string;
	bodyHtml: string;
	updatedAt: Date;
	helpfulCount: number;
	markedHelpful: boolean;
	/** The newest check of any version; `newest` when it is the newest version's. */
	check: {
		number: number;
		at: Date;
		reviewer: string | null;
		/** The verified organisation the check was signed for, kept from when it was signed. */
		organisation: OrganisationRef | null;
		/** The workplace on the reviewer's badge, for a check signed for no organisation. */
		workplace: string | null;
		newest: boolean;
	} | null;
	threads: { id: string; title: string }[];
	/** Hidden by reports until a moderator decides, or removed (then with the reason). */
	held: boolean;
	removed: boolean;
	removalReason: string | null;
	canEdit: boolean;
	/** The community's moderators revert, remove and restore. */
	canModerate: boolean;
	/** The open case about it, for the counsellors serving its community. */
	escalationId: string | null;
	canCheck: boolean;
};

/** A guide in a list: the community's guides, a question's guides. */
export type GuideSummary = {
	id: string;
	title: string;
	updatedAt: Date;
	helpfulCount: number;
	checked: boolean;
};

/** Drafts a guide from the questions (the first one's community): its id, and whether it holds crisis words. */
export async function draft(claims: Claims, threadIds: string[], text: GuideText) {
	return transaction(claims, async (tx) => {
		const [, [drafted]] = await Promise.all([
			storeRendered(tx, text.body),
			tx<{ id: string; crisis: boolean }[]>`
				select public.draft_guide(${threadIds}::uuid[], ${text.title}, ${text.body}) as id,
					${crisisIn(tx, `${text.title}\n${text.body}`)} as crisis`
		]);
		return drafted;
	});
}

/** A new version on the one the writer read: the newest version's number, and whether it holds crisis words. */
export async function edit(claims: Claims, id: string, basedOn: number, text: GuideText) {
	return transaction(claims, async (tx) => {
		const [, [edited]] = await Promise.all([
			storeRendered(tx, text.body),
			tx<{ version: number; crisis: boolean }[]>`
				select public.edit_guide(${id}, ${basedOn}, ${text.title}, ${text.body}) as version,
					${crisisIn(tx, `${text.title}\n${text.body}`)} as crisis`
		]);
		return edited;
	});
}

/** A moderator brings an earlier version back as the newest, rendered anew. */
export async function revert(claims: Claims, id: string, number: number) {
	return transaction(claims, async (tx) => {
		const [earlier] = await tx<{ body: string }[]>`
			select body_markdown as body from public.guide_versions where guide_id = ${id} and number = ${number}`;
		if (earlier) await storeRendered(tx, earlier.body);
		const [{ version }] = await tx<{ version: number }[]>`
			select public.revert_guide(${id}, ${number}) as version`;
		return version;
	});
}

/** A verified counsellor checks the version they read. */
export async function check(claims: Claims, id: string, number: number) {
	await transaction(claims, (tx) => tx`select public.review_guide(${id}, ${number})`);
}

export async function markHelpful(claims: Claims, id: string, helpful: boolean) {
	await transaction(claims, (tx) => tx`select public.mark_guide_helpful(${id}, ${helpful})`);
}

/** The guide's page, or null where there is none. */
export async function guide(claims: Claims | null, id: string, tx?: Tx): Promise<Guide | null> {
	const [row] = await reading(
		claims,
		tx,
		(tx) => tx<
			(Omit<Guide, 'check'> & {
				check: (Omit<NonNullable<Guide['check']>, 'at'> & { at: string }) | null;
			})[]
		>`
		select g.id, c.slug as "communitySlug", c.name as "communityName", g.title, g.version,
			v.body_markdown as "bodyMarkdown", v.body_html as "bodyHtml", g.updated_at as "updatedAt",
			g.helpful_count as "helpfulCount",
			exists (select 1 from public.guide_helpful_marks h where h.guide_id = g.id and h.member_id = (select auth.uid())) as "markedHelpful",
			(select json_build_object('number', r.number, 'at', r.reviewed_at, 'reviewer', m.pseudonym,
					'workplace', p.organisation, 'newest', r.number = g.version,
					'organisation', case when o.id is not null then json_build_object('id', o.id, 'name', o.name) end)
				from public.guide_reviews r
				left join public.members m on m.id = r.reviewer_id
				left join public.counsellor_profiles p on p.member_id = r.reviewer_id
				left join public.organisations o on o.id = r.organisation_id and o.verified_at is not null
				where r.guide_id = g.id order by r.number desc limit 1) as check,
			coalesce((select json_agg(json_build_object('id', t.id, 'title', t.title) order by t.title)
				from public.guide_threads gt join public.visible_threads t on t.id = gt.thread_id
				where gt.guide_id = g.id and t.withdrawn_at is null), '[]') as threads,
			g.held_at is not null as held, g.removed_at is not null as removed, g.removal_reason as "removalReason",
			public.is_community_member(g.community_id) and g.held_at is null and g.removed_at is null as "canEdit",
			public.is_moderator(g.community_id) as "canModerate",
			-- Its open case, for the counsellors who see it (RLS); null for everyone else.
			(select e.id from public.escalations e where e.guide_id = g.id and e.state <> 'resolved') as "escalationId",
			-- Visitors may not call is_counsellor(); the members table says it for everyone.
			exists (select 1 from public.members me where me.id = (select auth.uid()) and me.site_role = 'counsellor') as "canCheck"
		from public.guides g
		join public.communities c on c.id = g.community_id
		join public.guide_versions v on v.guide_id = g.id and v.number = g.version
		where g.id = ${id}`
	);
	if (!row) return null;
	return { ...row, check: row.check && { ...row.check, at: new Date(row.check.at) } };
}

export type GuideVersion = ShownVersion & {
	author: string | null;
	revertedTo: number | null;
	checked: boolean;
};

/** Every version, newest first, with what each changed against the one before. */
export async function versions(claims: Claims | null, id: string, tx?: Tx) {
	const rows = await reading(
		claims,
		tx,
		(tx) => tx<
			{
				number: number;
				title: string;
				body: string;
				writtenAt: Date;
				author: string | null;
				revertedTo: number | null;
				checked: boolean;
			}[]
		>`
		select v.number, v.title, v.body_markdown as body, v.written_at as "writtenAt", m.pseudonym as author,
			v.reverted_to as "revertedTo",
			exists (select 1 from public.guide_reviews r where r.guide_id = v.guide_id and r.number = v.number) as checked
		from public.guide_versions v left join public.members m on m.id = v.author_id
		where v.guide_id = ${id} order by v.number`
	);
	// Each version is its own here: a revert repeats an earlier text on purpose.
	return rows
		.map((row, i): GuideVersion => ({ ...row, ...changesSince(rows[i - 1], row) }))
		.reverse();
}

/**
 * Guides in a list, most helpful first: what each shows. Lists leave out hidden and removed
 * guides, which their moderators and writer (RLS) still open by their address.
 */
function summaries(tx: Tx, from: ReturnType<Tx>, limit: number) {
	return tx<GuideSummary[]>`
		select g.id, g.title, g.updated_at as "updatedAt", g.helpful_count as "helpfulCount",
			exists (select 1 from public.guide_reviews r where r.guide_id = g.id and r.number = g.version) as checked
		${from} and g.held_at is null and g.removed_at is null
		order by g.helpful_count desc, g.updated_at desc, g.id limit ${limit}`;
}

/** The community's guides (by its slug). */
export async function ofCommunity(claims: Claims | null, slug: string, tx?: Tx) {
	return reading(claims, tx, (tx) =>
		summaries(
			tx,
			tx`from public.guides g
			where g.community_id = (select c.id from public.communities c where c.slug = ${slug})`,
			100
		)
	);
}

/** The guides citing a question, for its page. */
export async function ofThread(claims: Claims | null, threadId: string, tx?: Tx) {
	return reading(claims, tx, (tx) =>
		summaries(
			tx,
			tx`from public.guide_threads gt join public.guides g on g.id = gt.guide_id
			where gt.thread_id = ${threadId}`,
			5
		)
	);
}

/** A guide found by search, above the questions: its newest version matched the words. */
export type FoundGuide = GuideSummary & { communitySlug: string; communityName: string };

/** Guides ranked per search at most: a common word is in most of a community's guides. */
const guideCandidates = 30;

/**
 * Up to three guides whose newest version holds the words searched, best first; only in
 * the community searched, when one is. As for questions (search.ts), the words as written
 * first, and the words they begin (German compounds: "Schule" finds "Schulbegleitung")
 * only when those find fewer than three: a prefix reads every word it begins. Only the
 * first guides found are ranked. Read through searchable_guides, where the GIN index
 * serves @@ (exported so a test can EXPLAIN it).
 */
export function foundQuery(tx: Tx, q: string, communitySlug: string | null) {
	const inCommunity = communitySlug
		? tx`and s.community_id = (select c.id from public.communities c where c.slug = ${communitySlug})`
		: tx``;
	return tx<FoundGuide[]>`
		with query as materialized (
			select websearch_to_tsquery('public.german_unaccent', ${q})
					|| websearch_to_tsquery('public.english_unaccent', ${q}) as exact,
				coalesce(public.words_query(${q}), '') as found,
				coalesce(public.words_query(${q}, prefix => true), '') as found_wide,
				coalesce(public.compound_query('public.german_unaccent', ${q}), '') as wide
		),
		exact_hits as (
			select s.guide_id, s.search_vector from public.searchable_guides s
			where s.search_vector @@ (select found from query) ${inCommunity}
			limit ${guideCandidates}
		),
		wide_hits as (
			select s.guide_id, s.search_vector from public.searchable_guides s
			where (select count(*) from exact_hits) < 3 and s.search_vector @@ (select found_wide from query)
				${inCommunity}
			limit ${guideCandidates}
		),
		-- The best ten by rank, so that only those are read by key (a hash join read every guide).
		hits as (
			select guide_id, max(rank) as rank
			from (
				select guide_id, ts_rank(search_vector, (select exact from query))
					+ ts_rank(search_vector, (select wide from query)) / 2 as rank
				from (select * from exact_hits union all select * from wide_hits) found
			) ranked
			group by guide_id order by rank desc limit 10
		)
		select g.id, g.title, g.updated_at as "updatedAt", g.helpful_count as "helpfulCount",
			exists (select 1 from public.guide_reviews r where r.guide_id = g.id and r.number = g.version) as checked,
			c.slug as "communitySlug", c.name as "communityName"
		from hits
		join public.guides g on g.id = hits.guide_id
		join public.communities c on c.id = g.community_id
		order by hits.rank desc, g.helpful_count desc, g.id
		limit 3`;
}

export async function found(
	claims: Claims | null,
	q: string,
	communitySlug: string | null,
	tx?: Tx
) {
	return reading(claims, tx, (tx) => foundQuery(tx, q, communitySlug));
}
