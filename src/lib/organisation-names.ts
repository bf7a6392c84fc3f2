// Organisations' kinds, in the database's order (public.organisation_kind; enums.spec.ts
// holds them together), and their names in the interface.
import { m } from '$lib/paraglide/messages';

export const organisationKinds = [
	'welfare_association',
	'counselling_service',
	'public_authority',
	'self_help',
	'association',
	'other'
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const organisationKindNames: Record<OrganisationKind, () => string> = {
	welfare_association: m.organisation_kind_welfare_association,
	counselling_service: m.organisation_kind_counselling_service,
	public_authority: m.organisation_kind_public_authority,
	self_help: m.organisation_kind_self_help,
	association: m.organisation_kind_association,
	other: m.organisation_kind_other
};

/** An organisation as an official answer or a guide's check names it (verified ones only). */
export type OrganisationRef = { id: string; name: string };

/** "Wohlfahrtsverband · Sachsen": the kind, and the region's name where there is one. */
export const kindAndRegion = (organisation: {
	kind: OrganisationKind;
	regionLabel: string | null;
}) =>
	[organisationKindNames[organisation.kind](), organisation.regionLabel]
		.filter(Boolean)
		.join(' · ');
