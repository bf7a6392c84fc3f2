// Kinds of shared resources, in the database's order (public.resource_kind; enums.spec.ts
// holds them together), bookings' states, and their names in the interface.
import { m } from '$lib/paraglide/messages';

export const resourceKinds = ['room', 'vehicle', 'equipment', 'skill'] as const;
export type ResourceKind = (typeof resourceKinds)[number];

export const resourceKindNames: Record<ResourceKind, () => string> = {
	room: m.resource_kind_room,
	vehicle: m.resource_kind_vehicle,
	equipment: m.resource_kind_equipment,
	skill: m.resource_kind_skill
};

export const bookingStates = ['requested', 'confirmed', 'declined', 'withdrawn'] as const;

export const bookingStateNames: Record<(typeof bookingStates)[number], () => string> = {
	requested: m.booking_state_requested,
	confirmed: m.booking_state_confirmed,
	declined: m.booking_state_declined,
	withdrawn: m.booking_state_withdrawn
};
