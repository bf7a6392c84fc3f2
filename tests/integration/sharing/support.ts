// Organisations that share, each with its counsellors, for the sharing tests: every test
// file makes its own, so no file sees another's resources or bookings.
import { randomUUID } from 'node:crypto';
import * as organisations from '$lib/server/members/organisations';
import * as resources from '$lib/server/sharing/resources';
import { anAdmin, community, counsellor, type TestMember } from '../escalations/support';

export type Sharing = { id: string; counsellors: TestMember[] };

/** A verified organisation with `count` counsellors. */
export async function sharingOrganisation(count = 1): Promise<Sharing> {
	const admin = await anAdmin();
	const id = await organisations.add(admin.claims, {
		name: `Teilen ${randomUUID().slice(0, 8)} e. V.`,
		kind: 'association',
		region: null,
		website: null
	});
	await organisations.verify(admin.claims, id, true);
	const place = await community();
	const members: TestMember[] = [];
	for (let i = 0; i < count; i++) {
		const created = await counsellor([place]);
		await organisations.assign(admin.claims, created.id, id);
		members.push(created);
	}
	return { id, counsellors: members };
}

export const room = (overrides: Partial<resources.OfferInput> = {}): resources.OfferInput => ({
	kind: 'room',
	title: `Seminarraum ${randomUUID().slice(0, 8)}`,
	description: 'Für 20 Personen, mit Beamer.',
	region: null,
	place: 'Leipzig',
	conditions: 'Bitte besenrein hinterlassen.',
	answers: null,
	instant: false,
	...overrides
});

const day = 24 * 60 * 60 * 1000;
let nextDay = 10;

/** A span in Berlin's local time, `days` from now, starting at 10:00 for `hours`. */
export function span(days = nextDay++, hours = 2, offsetHours = 0) {
	const start = new Date(Date.now() + days * day);
	const local = (date: Date, hour: number) =>
		`${date.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
	return {
		starts: local(start, 10 + offsetHours),
		ends: local(start, 10 + offsetHours + hours),
		message: 'Für unser Elterncafé.'
	};
}
