// Services (Angebote) of organisations: the help directory's entries. The organisation's
// counsellors and admins keep them (save_service, confirm_service, withdraw_service check
// the role and derive Kreis and centre from the postcode); everyone reads those of
// verified organisations (RLS, 20261125125200_services.sql).
import type { ServiceKind } from '$lib/service-names';
import type { Claims, Tx } from '../data/db';
import { reading, transaction } from '../data/db';

export type ServiceInput = {
	name: string;
	kind: ServiceKind;
	description: string;
	topics: string[];
	onSite: boolean;
	online: boolean;
	street: string | null;
	postcode: string | null;
	place: string | null;
	/** Monday to Sunday, empty where closed or not given. */
	hours: string[];
	languages: string[];
	accessibility: string;
	phone: string | null;
	email: string | null;
	website: string | null;
};

export type Service = ServiceInput & {
	id: string;
	organisationId: string;
	organisationName: string;
	/** The postcode's Kreis ("Leipzig, Stadt"). */
	regionLabel: string | null;
	lat: number | null;
	lon: number | null;
	confirmedAt: Date;
	withdrawnAt: Date | null;
	/** Whether the reader keeps it (a counsellor of its organisation, an admin). */
	mayKeep: boolean;
};

/** The columns as save_service reads them (a JSON object of the table's columns). */
const details = (input: ServiceInput) => ({
	name: input.name,
	kind: input.kind,
	description: input.description,
	topics: input.topics,
	on_site: input.onSite,
	online: input.online,
	street: input.street,
	postcode: input.postcode,
	place: input.place,
	hours: input.hours,
	languages: input.languages,
	accessibility: input.accessibility,
	phone: input.phone,
	email: input.email,
	website: input.website
});

/** Adds a service to an organisation; returns its id. Its counsellors and admins only. */
export async function add(claims: Claims, organisationId: string, input: ServiceInput) {
	const [row] = await transaction(
		claims,
		(tx) => tx<{ id: string }[]>`
		select public.save_service(null, ${organisationId}, ${tx.json(details(input))}) as id`
	);
	return row.id;
}

/** Changes a service's details, which confirms it. Its organisation's counsellors and admins only. */
export async function update(claims: Claims, id: string, input: ServiceInput) {
	await transaction(
		claims,
		(tx) => tx`select public.save_service(${id}, null, ${tx.json(details(input))})`
	);
}

/** Confirms that a service's details are still right. */
export async function confirm(claims: Claims, id: string) {
	await transaction(claims, (tx) => tx`select public.confirm_service(${id})`);
}

/** Takes a service out of the directory, or brings it back. */
export async function withdraw(claims: Claims, id: string, withdrawn: boolean) {
	await transaction(claims, (tx) => tx`select public.withdraw_service(${id}, ${withdrawn})`);
}

const columns = (tx: Tx) => tx`
	s.id, s.organisation_id as "organisationId", o.name as "organisationName", s.name, s.kind,
	s.description, s.topics, s.on_site as "onSite", s.online, s.street, s.postcode, s.place,
	(select r.label from public.regions r where r.ags = s.region) as "regionLabel", s.lat, s.lon,
	s.hours, s.languages, s.accessibility, s.phone, s.email, s.website,
	s.confirmed_at as "confirmedAt", s.withdrawn_at as "withdrawnAt"`;

/** A service's page, or null where the reader may not see it. */
export async function read(claims: Claims | null, id: string, tx?: Tx) {
	const [row] = await reading(
		claims,
		tx,
		(tx) => tx<Service[]>`
		select ${columns(tx)}, ${claims ? tx`public.keeps_services_of(s.organisation_id)` : tx`false`} as "mayKeep"
		from public.services s join public.organisations o on o.id = s.organisation_id
		where s.id = ${id}`
	);
	return row ?? null;
}

/** An organisation's services the reader may see, by name (withdrawn ones last). */
export async function listForOrganisation(claims: Claims | null, organisationId: string, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<Omit<Service, 'mayKeep'>[]>`
		select ${columns(tx)}
		from public.services s join public.organisations o on o.id = s.organisation_id
		where s.organisation_id = ${organisationId}
		order by s.withdrawn_at is not null, lower(s.name)`
	);
}

/** What a referral or a notification names: name, organisation, address, contact, hours. */
export type ServiceSummary = {
	id: string;
	name: string;
	organisation: string;
	address: string | null;
	phone: string | null;
	email: string | null;
	website: string | null;
	hours: string[];
	online: boolean;
};

/** A service as a referral names it, or null where the reader may not see it. */
export async function summary(claims: Claims | null, id: string, tx?: Tx) {
	const [row] = await reading(
		claims,
		tx,
		(tx) => tx<ServiceSummary[]>`select * from public.service_summary(${id})`
	);
	return row ?? null;
}

/** Whether the reader keeps the organisation's services (its counsellor, an admin). */
export async function keepsServicesOf(claims: Claims, organisationId: string, tx?: Tx) {
	const [row] = await reading(
		claims,
		tx,
		(tx) => tx<{ keeps: boolean }[]>`select public.keeps_services_of(${organisationId}) as keeps`
	);
	return row.keeps;
}
