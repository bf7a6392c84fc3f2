// A referral to a service of the help directory: the counsellor picks it, the asker sees
// its name, address, opening hours and contact as the directory has them (and the
// counsellor's own words on reaching it, if any); a withdrawn service or one of an
// unverified organisation cannot be picked; a service withdrawn later leaves the
// referral's words, and the history names it.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '$lib/server/data/db-errors';
import * as escalations from '$lib/server/escalations';
import * as threads from '$lib/server/forum/threads';
import { community, counsellor, member, owner, question, type TestMember } from './support';

let served: string;
let anna: TestMember;
let listed: string;
let withdrawn: string;
let unverified: string;

/** A service straight in the database, of a new organisation; returns its id. */
async function service(name: string, { verified = true, withdrawnNow = false } = {}) {
	const [{ id }] = await owner<{ id: string }[]>`
		with organisation as (
			insert into public.organisations (name, kind, verified_at)
			values (${`Träger ${randomUUID().slice(0, 8)}`}, 'counselling_service', ${verified ? new Date() : null})
			returning id
		)
		insert into public.services (organisation_id, name, kind, topics, street, postcode, place, lat, lon,
			hours, phone, email, withdrawn_at)
		select id, ${name}, 'counselling', '{schule}', 'Markt 1', '04109', 'Leipzig', 51.34, 12.37,
			'{"9–12 Uhr","9–12 Uhr","","14–18 Uhr","","",""}', '0341 555 123', 'rat@example.org',
			${withdrawnNow ? new Date() : null}
		from organisation returning id`;
	return id;
}

beforeAll(async () => {
	served = await community();
	anna = await counsellor([served]);
	[listed, withdrawn, unverified] = await Promise.all([
		service('Schulpsychologische Beratung'),
		service('Früher hier', { withdrawnNow: true }),
		service('Noch nicht geprüft', { verified: false })
	]);
});

/** An item claimed by Anna, from an asker who asked for a professional. */
async function claimed() {
	const asker = await member(served);
	const { id: threadId } = await threads.ask(
		asker.claims,
		served,
		question({ wantsProfessional: true })
	);
	const queue = (await escalations.queue(anna.claims, { communityId: served })).items;
	const id = queue.find((each) => each.threadId === threadId)!.id;
	await escalations.claim(anna.claims, id);
	return { asker, threadId, id };
}

describe('a referral to a service of the directory', () => {
	it('shows the asker the service with its address, hours and contact, without the counsellor writing them', async () => {
		const { asker, threadId, id } = await claimed();
		await escalations.resolve(anna.claims, id, 'referred', { serviceId: listed });
		const help = await escalations.professionalHelp(asker.claims, threadId);
		expect(help).toMatchObject({
			outcome: 'referred',
			referredService: expect.stringMatching(/^Schulpsychologische Beratung \(Träger /),
			referredContact: null,
			service: {
				id: listed,
				name: 'Schulpsychologische Beratung',
				address: 'Markt 1, 04109 Leipzig',
				phone: '0341 555 123',
				email: 'rat@example.org',
				hours: ['9–12 Uhr', '9–12 Uhr', '', '14–18 Uhr', '', '', '']
			}
		});
		expect((await escalations.read(anna.claims, id))?.history.at(-1)).toMatchObject({
			kind: 'resolved',
			outcome: 'referred'
		});
	});

	it('keeps the counsellor’s own words on reaching it beside the directory’s', async () => {
		const { asker, threadId, id } = await claimed();
		await escalations.resolve(anna.claims, id, 'referred', {
			serviceId: listed,
			service: 'Frau Berger in der Schulberatung',
			contact: 'Durchwahl 0341 555 129, sie weiß Bescheid'
		});
		expect(await escalations.professionalHelp(asker.claims, threadId)).toMatchObject({
			referredService: 'Frau Berger in der Schulberatung',
			referredContact: 'Durchwahl 0341 555 129, sie weiß Bescheid',
			service: { id: listed }
		});
	});

	it('refuses a withdrawn service, one of an unverified organisation and an unknown id, in words', async () => {
		const { id } = await claimed();
		for (const serviceId of [withdrawn, unverified, randomUUID()]) {
			const refused = await escalations
				.resolve(anna.claims, id, 'referred', { serviceId })
				.catch((error: unknown) => error);
			expect(refused).toMatchObject({ hint: 'escalation_service_unknown' });
			expect(refusal(refused)).toMatch(/Verzeichnis|directory/);
		}
		// Without a service from the directory, the words are needed as before.
		await expect(
			escalations.resolve(anna.claims, id, 'referred', { service: 'Jugendamt' })
		).rejects.toMatchObject({ hint: 'escalation_contact_required' });
	});

	it('leaves the referral’s words when the service is withdrawn later, and a reopened item forgets it', async () => {
		const { asker, threadId, id } = await claimed();
		const later = await service('Bald geschlossen');
		await escalations.resolve(anna.claims, id, 'referred', { serviceId: later });
		await owner`update public.services set withdrawn_at = now() where id = ${later}`;
		expect(await escalations.professionalHelp(asker.claims, threadId)).toMatchObject({
			referredService: expect.stringMatching(/^Bald geschlossen/),
			service: null
		});
		await escalations.reopen(anna.claims, id);
		const [row] = await owner<{ referred_service_id: string | null }[]>`
			select referred_service_id from public.escalations where id = ${id}`;
		expect(row.referred_service_id).toBeNull();
	});
});
