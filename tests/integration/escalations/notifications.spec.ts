// A new item in a queue I serve: the counsellors serving the community hear of it.
import { beforeAll, describe, expect, it } from 'vitest';
import * as counsellors from '$lib/server/members/counsellors';
import * as escalations from '$lib/server/escalations';
import * as notifications from '$lib/server/forum/notifications';
import * as threads from '$lib/server/forum/threads';
import { anAdmin, community, counsellor, member, question, type TestMember } from './support';

let served: string;
let elsewhere: string;
let serving: TestMember;
let servingElsewhere: TestMember;
let withdrawn: TestMember;
let asker: TestMember;

const itemsAbout = async (who: TestMember, threadId: string) =>
	(await notifications.list(who.claims))
		.filter((n) => n.threadId === threadId)
		.map((n) => ({ kind: n.kind, postId: n.postId }));

beforeAll(async () => {
	[served, elsewhere] = await Promise.all([community(), community()]);
	[serving, servingElsewhere, withdrawn, asker] = await Promise.all([
		counsellor([served]),
		counsellor([elsewhere]),
		counsellor([served]),
		member(served)
	]);
	await counsellors.withdraw((await anAdmin()).claims, withdrawn.id, 'Stelle gewechselt');
});

describe('escalation_item notifications', () => {
	it('tell each verified counsellor serving the community of a new item, nobody else', async () => {
		const { id } = await threads.ask(asker.claims, served, question({ wantsProfessional: true }));
		expect(await itemsAbout(serving, id)).toEqual([{ kind: 'escalation_item', postId: null }]);
		expect(await itemsAbout(servingElsewhere, id)).toEqual([]);
		expect(await itemsAbout(withdrawn, id)).toEqual([]);
		expect(await itemsAbout(asker, id)).toEqual([]);
	});

	it('come once per item: a further trigger adds to the open item without a new notification', async () => {
		const { id } = await threads.ask(asker.claims, served, question({ wantsProfessional: true }));
		const peer = await member(served);
		await escalations.flag(peer.claims, { threadId: id }, { reason: 'needs_professional' });
		expect(await itemsAbout(serving, id)).toEqual([{ kind: 'escalation_item', postId: null }]);
	});
});
