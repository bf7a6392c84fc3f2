// Organisations (Träger) whose counsellors answer here. Admins record, change and verify
// them and say which counsellor belongs to which (save_organisation, verify_organisation,
// set_counsellor_organisation check the role and log each step); everyone else sees only
// verified ones (RLS). Official answers and guides' checks keep the organisation of their
// writer at that moment (20261125100250_organisations.sql).
import type { OrganisationKind } from '$lib/organisation-names';
import type { Claims, Tx } from '../data/db';
import { reading, transaction } from '../data/db';

export type OrganisationInput = {
	name: string;
	kind: OrganisationKind;
	/** A Land or a Kreis by official key. */
	region: string | null;
	/** https only. */
	website: string | null;
};

export type Organisation = OrganisationInput & {
	id: string;
	/** The region's name ("Leipzig, Stadt", "Sachsen"). */
	regionLabel: string | null;
	verifiedAt: Date | null;
	counsellorCount: number;
};

/** Every organisation the reader may see (admins: all, unverified first), by name. */
export async function list(claims: Claims | null, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<Organisation[]>`
		select o.id, o.name, o.kind, o.region, (select r.label from public.regions r where r.ags = o.region) as "regionLabel",
			o.website, o.verified_at as "verifiedAt",
			(select count(*) from public.counsellor_profiles p
				where p.organisation_id = o.id and p.withdrawn_at is null)::int as "counsellorCount"
		from public.organisations o
		order by o.verified_at is not null, lower(o.name)`
	);
}

/** Records a new organisation (unverified until an admin verifies it); returns its id. Admins only. */
export async function add(claims: Claims, input: OrganisationInput) {
	return save(claims, null, input);
}

/** Changes an organisation's details; its verification stays. Admins only. */
export async function update(claims: Claims, id: string, input: OrganisationInput) {
	await save(claims, id, input);
}

async function save(claims: Claims, id: string | null, input: OrganisationInput) {
	const [row] = await transaction(
		claims,
		(tx) => tx<{ id: string }[]>`
		select public.save_organisation(${id}, ${input.name}, ${input.kind}, ${input.region}, ${input.website}) as id`
	);
	return row.id;
}

/** Verifies an organisation, or withdraws its verification. Admins only. */
export async function verify(claims: Claims, id: string, verified: boolean) {
	await transaction(claims, (tx) => tx`select public.verify_organisation(${id}, ${verified})`);
}

/** Sets the organisation a verified counsellor belongs to (null: none). Admins only. */
export async function assign(claims: Claims, memberId: string, organisationId: string | null) {
	await transaction(
		claims,
		(tx) => tx`select public.set_counsellor_organisation(${memberId}, ${organisationId})`
	);
}

/** Takes a counsellor out of the organisation; none who belongs to another (a page read before a move). Admins only. */
export async function release(claims: Claims, memberId: string, organisationId: string) {
	await transaction(
		claims,
		(tx) => tx`
		select public.set_counsellor_organisation(p.member_id, null) from public.counsellor_profiles p
		where p.member_id = ${memberId} and p.organisation_id = ${organisationId}`
	);
}

type Dated = { id: string; title: string; at: Date };

/** An organisation's page: its details, its counsellors, and what they signed for it. */
export type OrganisationPage = Organisation & {
	counsellors: { id: string; pseudonym: string; profession: string }[];
	answerCount: number;
	checkCount: number;
	/** The newest official answers given for it (ideas the reader may see). */
	answers: Dated[];
	/** The newest guide checks signed for it. */
	checks: Dated[];
};

const recent = 5;

/** The organisation's page, or null where the reader may not see it. */
export async function page(claims: Claims | null, id: string, tx?: Tx) {
	const [row] = await reading(
		claims,
		tx,
		(tx) => tx<
			(Omit<OrganisationPage, 'answers' | 'checks'> &
				Record<'answers' | 'checks', { id: string; title: string; at: string }[]>)[]
		>`
		select o.id, o.name, o.kind, o.region, (select r.label from public.regions r where r.ags = o.region) as "regionLabel",
			o.website, o.verified_at as "verifiedAt",
			coalesce((select json_agg(json_build_object('id', m.id, 'pseudonym', m.pseudonym, 'profession', p.profession)
					order by lower(m.pseudonym))
				from public.counsellor_profiles p join public.members m on m.id = p.member_id
				where p.organisation_id = o.id and p.withdrawn_at is null), '[]') as counsellors,
			(select count(*) from public.counsellor_profiles p
				where p.organisation_id = o.id and p.withdrawn_at is null)::int as "counsellorCount",
			(select count(*) from public.idea_answers a where a.organisation_id = o.id)::int as "answerCount",
			(select count(*) from public.guide_reviews r where r.organisation_id = o.id)::int as "checkCount",
			coalesce((select json_agg(json_build_object('id', x.id, 'title', x.title, 'at', x.at) order by x.at desc)
				from (select i.id, i.title, a.answered_at as at from public.idea_answers a
					join public.service_ideas i on i.id = a.idea_id
					where a.organisation_id = o.id order by a.answered_at desc limit ${recent}) x), '[]') as answers,
			coalesce((select json_agg(json_build_object('id', x.id, 'title', x.title, 'at', x.at) order by x.at desc)
				from (select g.id, g.title, r.reviewed_at as at from public.guide_reviews r
					join public.guides g on g.id = r.guide_id
					where r.organisation_id = o.id order by r.reviewed_at desc limit ${recent}) x), '[]') as checks
		from public.organisations o where o.id = ${id}`
	);
	if (!row) return null;
	const dated = (items: { id: string; title: string; at: string }[]) =>
		items.map((item) => ({ ...item, at: new Date(item.at) }));
	return { ...row, answers: dated(row.answers), checks: dated(row.checks) } as OrganisationPage;
}

export type OrganisationEvent = {
	id: string;
	action: 'created' | 'edited' | 'verified' | 'unverified' | 'joined' | 'left';
	member: string | null;
	actedBy: string | null;
	actedAt: Date;
};

/** What happened to an organisation, newest first (the last 50). Admins only (RLS). */
export async function history(claims: Claims, id: string, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<OrganisationEvent[]>`
		select e.id::text, e.action, m.pseudonym as member, a.pseudonym as "actedBy", e.acted_at as "actedAt"
		from public.organisation_events e
		left join public.members m on m.id = e.member_id
		left join public.members a on a.id = e.acted_by
		where e.organisation_id = ${id}
		order by e.acted_at desc, e.id desc limit 50`
	);
}
