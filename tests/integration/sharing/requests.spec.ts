// Requests (Gesuche): an organisation asks for what it lacks; another answers by offering a
// resource, which the request's page lists and its counsellors are told of; an organisation
// does not answer its own request, nor one marked done.
import { beforeAll, describe, expect, it } from 'vitest';
import * as sharingPages from '$lib/server/sharing/pages';
import * as resources from '$lib/server/sharing/resources';
import { owner } from '../support';
import { room, sharingOrganisation, type Sharing } from './support';

let asking: Sharing;
let lender: Sharing;

beforeAll(async () => {
	[asking, lender] = await Promise.all([sharingOrganisation(2), sharingOrganisation()]);
});

const request = () =>
	resources.ask(asking.counsellors[0].claims, {
		kind: 'room',
		title: 'Raum für ein Elterntreffen',
		description: 'Einmal im Monat, abends.',
		region: null
	});

describe('a request', () => {
	it('is answered by another organisation’s offer, of which its counsellors are told', async () => {
		const asked = await request();
		const offered = await resources.offer(lender.counsellors[0].claims, room({ answers: asked }));
		expect(await sharingPages.request(null, asked)).toMatchObject({
			closed: false,
			offers: [{ id: offered }]
		});
		const told = await owner<{ member_id: string }[]>`
			select member_id from public.notifications
			where resource_id = ${offered} and kind = 'resource_request_answered' order by member_id`;
		expect(told.map((row) => row.member_id)).toEqual(
			asking.counsellors.map((counsellor) => counsellor.id).sort()
		);
	});

	it('is not answered by its own organisation, nor once done', async () => {
		const asked = await request();
		await expect(
			resources.offer(asking.counsellors[1].claims, room({ answers: asked }))
		).rejects.toMatchObject({ hint: 'sharing_not_found' });
		await resources.close(asking.counsellors[1].claims, asked);
		await expect(
			resources.offer(lender.counsellors[0].claims, room({ answers: asked }))
		).rejects.toMatchObject({ hint: 'sharing_not_found' });
		expect(await sharingPages.request(null, asked)).toMatchObject({ closed: true, offers: [] });
	});
});
