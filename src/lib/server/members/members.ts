// Members: profiles, settings and site roles. E-mail addresses never leave Supabase Auth.
import type { Claims, Tx } from '../data/db';
import { read, transaction } from '../data/db';
import { unreadShownMax } from '$lib/format';
import type { Locale } from '$lib/paraglide/runtime';

export type SiteRole = 'member' | 'counsellor' | 'admin';
export type CurrentMember = {
	id: string;
	pseudonym: string;
	bio: string;
	siteRole: SiteRole;
	locale: Locale;
	/** Unread notifications, for the badge in the header; counted up to unreadShownMax + 1. */
	unread: number;
	/** Moderates at least one community: the header links to the moderation queue. */
	moderates: boolean;
	/** Under a suspension not lifted or over (in some community): only then do pages ask which. */
	suspended: boolean;
};

/** The signed-in member, or null when their session is no longer active. */
export async function current(claims: Claims, tx?: Tx): Promise<CurrentMember | null> {
	const query = (tx: Tx) => tx<CurrentMember[]>`
		select m.id, m.pseudonym, m.bio, m.site_role as "siteRole", s.locale,
			(select count(*)::int from (select from public.notifications n where n.member_id = m.id and n.read_at is null
				limit ${unreadShownMax + 1}) counted) as unread,
			exists (select 1 from public.community_moderators cm where cm.member_id = m.id) as moderates,
			exists (select 1 from public.suspensions x where x.member_id = m.id and x.lifted_at is null
				and (x.ends_at is null or x.ends_at > public.clock())) as suspended
		from public.members m join public.member_settings s on s.member_id = m.id
		where m.id = (select auth.uid()) and public.session_is_active()`;
	// Alone (one round trip) on a session's first page and after a form; otherwise it goes
	// with the page's own first transaction (session.ts).
	const [row] = await (tx ? query(tx) : read(claims, query));
	return row ?? null;
}

export async function pseudonymAvailable(pseudonym: string) {
	const [row] = await transaction(
		null,
		(tx) => tx`select public.pseudonym_available(${pseudonym}) as available`
	);
	return row.available as boolean;
}

export async function updateProfile(
	claims: Claims,
	profile: { pseudonym: string; bio: string; locale: Locale }
) {
	await transaction(claims, async (tx) => {
		await tx`update public.members set pseudonym = ${profile.pseudonym}, bio = ${profile.bio} where id = (select auth.uid())`;
		await tx`update public.member_settings set locale = ${profile.locale} where member_id = (select auth.uid())`;
	});
}

export async function setLocale(claims: Claims, locale: Locale) {
	await transaction(
		claims,
		(tx) =>
			tx`update public.member_settings set locale = ${locale} where member_id = (select auth.uid())`
	);
}

export type MemberSummary = { id: string; pseudonym: string; siteRole: SiteRole; createdAt: Date };

/** Members for the admin's role page, newest first, optionally by pseudonym. */
export async function list(claims: Claims, search: string) {
	return transaction(
		claims,
		(tx) => tx<MemberSummary[]>`
		select id, pseudonym, site_role as "siteRole", created_at as "createdAt"
		from public.members
		where ${search} = '' or strpos(lower(pseudonym), lower(${search})) > 0
		order by created_at desc limit 50`
	);
}

export async function setSiteRole(claims: Claims, memberId: string, role: SiteRole) {
	await transaction(claims, (tx) => tx`select public.set_site_role(${memberId}, ${role})`);
}

/** Whether the claims' password is the candidate; for re-authentication before a change. */
export async function passwordMatches(claims: Claims, candidate: string) {
	const [row] = await transaction(
		claims,
		(tx) => tx`select public.password_matches(${candidate}) as matches`
	);
	return row.matches as boolean;
}

/** The member with this pseudonym (any case), for admin forms that name people. */
export async function findByPseudonym(claims: Claims, pseudonym: string) {
	const [row] = await transaction(
		claims,
		(tx) => tx<{ id: string }[]>`
		select id from public.members where lower(pseudonym) = lower(${pseudonym})`
	);
	return row?.id ?? null;
}
