// Counsellors: verified professionals, what their badge shows, and which
// communities they serve. Admins verify and withdraw (verify_counsellor and
// withdraw_counsellor check the role and log every change).
import type { OrganisationRef } from '$lib/organisation-names';
import * as cursor from '../data/cursor';
import type { Claims, Tx } from '../data/db';
import { reading, transaction } from '../data/db';

export type Badge = { profession: string; organisation: string };

export type Counsellor = Badge & {
	id: string;
	pseudonym: string;
	servesAll: boolean;
	/** Leads the service on duty ("Dienstleitung"): serves every community, alerted when an item is overdue. */
	dutyLead: boolean;
	communities: { id: string; name: string }[];
	verifiedAt: Date;
	/** The organisation the counsellor belongs to (admins set it: organisations.ts). */
	memberOf: OrganisationRef | null;
};

/** Verified counsellors (withdrawn ones are not), by pseudonym. */
export async function list(claims: Claims | null, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<Counsellor[]>`
		select m.id, m.pseudonym, p.profession, p.organisation, p.serves_all as "servesAll", p.duty_lead as "dutyLead",
			coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name) order by c.name)
				from public.counsellor_communities cc join public.communities c on c.id = cc.community_id
				where cc.member_id = m.id and not p.serves_all), '[]') as communities,
			p.verified_at as "verifiedAt",
			case when o.id is not null then json_build_object('id', o.id, 'name', o.name) end as "memberOf"
		from public.counsellor_profiles p join public.members m on m.id = p.member_id
		left join public.organisations o on o.id = p.organisation_id
		where p.withdrawn_at is null and m.site_role = 'counsellor'
		order by lower(m.pseudonym)`
	);
}

/** What the professional badge of a member shows; null for anyone never verified. */
export async function profile(claims: Claims | null, memberId: string) {
	const [badge] = await transaction(
		claims,
		(tx) => tx<(Badge & { active: boolean })[]>`
		select profession, organisation, withdrawn_at is null as active
		from public.counsellor_profiles where member_id = ${memberId}`
	);
	return badge ?? null;
}

export type Verification = Badge & {
	/** The communities served; null for all of them. */
	communityIds: string[] | null;
	/** A duty lead serves every community (communityIds does not count then). */
	dutyLead?: boolean;
};

/** Verifies a member (again, to change badge, communities or duty). Admins only. */
export async function verify(claims: Claims, memberId: string, verification: Verification) {
	await transaction(
		claims,
		(tx) => tx`
		select public.verify_counsellor(${memberId}, ${verification.profession}, ${verification.organisation},
			${verification.communityIds}::uuid[], ${verification.dutyLead ?? false})`
	);
}

/** Withdraws a verification with a reason; the counsellor's claimed items return to the queue. */
export async function withdraw(claims: Claims, memberId: string, reason: string) {
	await transaction(claims, (tx) => tx`select public.withdraw_counsellor(${memberId}, ${reason})`);
}

export type VerificationLogEntry = {
	id: string;
	member: string;
	action: 'verified' | 'withdrawn';
	profession: string | null;
	organisation: string | null;
	servesAll: boolean | null;
	reason: string | null;
	actedBy: string | null;
	actedAt: Date;
};

/**
 * A page of every verification and withdrawal, newest first; `after` a page's position
 * (cursor.ts). Admins only (RLS).
 */
export async function log(claims: Claims, after: string | null = null, tx?: Tx) {
	const from = cursor.decode(after);
	const rows = await reading(
		claims,
		tx,
		(tx) => tx<(VerificationLogEntry & { sortedAt: string })[]>`
		select v.id::text, m.pseudonym as member, v.action, v.profession, v.organisation,
			v.serves_all as "servesAll", v.reason, a.pseudonym as "actedBy", v.acted_at as "actedAt",
			to_json(v.acted_at) #>> '{}' as "sortedAt"
		from public.counsellor_verifications v
		join public.members m on m.id = v.member_id
		left join public.members a on a.id = v.acted_by
		${from ? tx`where (v.acted_at, v.id) < (${from.at}::text::timestamptz, ${from.id}::text::bigint)` : tx``}
		order by v.acted_at desc, v.id desc limit ${cursor.pageSize + 1}`
	);
	const page = cursor.paged(rows);
	return { entries: page.rows, next: page.next };
}
