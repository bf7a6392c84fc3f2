// Reports and moderation of guides, asked as each role: members report a guide once (to the
// moderators alone, never as a crisis), enough reports hide it until a moderator decides,
// its community's moderators remove it with a reason and restore it, its writer is told;
// while hidden or removed, readers (visitors, members with a token) read neither the guide
// nor its versions, citations or checks, and no list or search names it.
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '$lib/server/data/db';
import * as escalations from '$lib/server/escalations';
import * as guides from '$lib/server/forum/guides';
import { similarGuides } from '$lib/server/forum/similar';
import * as threads from '$lib/server/forum/threads';
import * as moderation from '$lib/server/moderation';
import * as actions from '$lib/server/moderation/actions';
import {
	community,
	member,
	moderator,
	owner,
	question,
	type TestMember
} from './escalations/support';

let place: string;
let elsewhere: string;
let threadId: string;
let writer: TestMember;
let reporters: TestMember[];
let keeper: TestMember;
let otherKeeper: TestMember;

/** A new guide on the question, with a title of its own to search for. */
async function aGuide() {
	const word = `Ratgeberwort${crypto.randomUUID().slice(0, 8)}`;
	const { id } = await guides.draft(writer.claims, [threadId], {
		title: `Widerspruch einlegen ${word}`,
		body: 'Erst die schriftliche Ablehnung anfordern.'
	});
	return { id, word };
}

const reported = (by: TestMember, guideId: string, reason: 'spam' | 'abuse' = 'spam') =>
	escalations.flag(by.claims, { guideId }, { reason });

async function itemOf(guideId: string) {
	const page = await moderation.queue(keeper.claims, { state: 'open' });
	return page.items.find((item) => item.guideId === guideId);
}

/** What a member with a token reads straight from the tables of one guide. */
async function tablesRead(claims: TestMember['claims'] | null, guideId: string) {
	const [row] = await transaction(
		claims,
		(tx) => tx<{ guides: number; versions: number; citations: number }[]>`
		select (select count(*)::int from public.guides where id = ${guideId}) as guides,
			(select count(*)::int from public.guide_versions where guide_id = ${guideId}) as versions,
			(select count(*)::int from public.guide_threads where guide_id = ${guideId}) as citations`
	);
	return row;
}

beforeAll(async () => {
	[place, elsewhere] = await Promise.all([community(), community()]);
	[writer, keeper, otherKeeper, ...reporters] = await Promise.all([
		member(place),
		moderator(place),
		moderator(elsewhere),
		member(place),
		member(place),
		member(place)
	]);
	threadId = (await threads.ask(writer.claims, place, question())).id;
});

describe('reports', () => {
	it('open one item for the community’s moderators, who are told; a member reports a guide once', async () => {
		const { id } = await aGuide();
		await reported(reporters[0], id);
		const item = await itemOf(id);
		expect(item).toMatchObject({ threadId: null, postId: null, reasons: { spam: 1 }, held: false });
		expect(item?.title).toMatch(/^Widerspruch einlegen/);
		expect(await moderation.item(otherKeeper.claims, item!.id)).toBeNull();
		const told = await owner`select 1 from public.notifications
			where member_id = ${keeper.id} and kind = 'moderation_item' and guide_id = ${id}`;
		expect(told).toHaveLength(1);
		await expect(reported(reporters[0], id, 'abuse')).rejects.toThrow();
	});

	it('are never a crisis report or a call for a counsellor: a guide tells nobody’s story', async () => {
		const { id } = await aGuide();
		for (const reason of ['crisis', 'needs_professional'] as const)
			await expect(
				escalations.flag(reporters[0].claims, { guideId: id }, { reason })
			).rejects.toThrow();
		expect(
			await owner`select 1 from public.escalations where thread_id = ${threadId}`
		).toHaveLength(0);
	});

	it('hide the guide from readers once enough members made them, until a moderator keeps it', async () => {
		const { id, word } = await aGuide();
		for (const by of reporters) await reported(by, id);
		expect(await guides.guide(null, id)).toBeNull();
		expect(await guides.guide(reporters[0].claims, id)).toBeNull();
		expect(await guides.guide(writer.claims, id)).toMatchObject({ held: true, canEdit: false });
		expect((await guides.ofThread(keeper.claims, threadId)).map((g) => g.id)).not.toContain(id);
		expect(await guides.found(keeper.claims, word, null)).toEqual([]);

		const item = (await itemOf(id))!;
		expect(item).toMatchObject({ held: true, reasons: { spam: 3 } });
		await actions.dismiss(keeper.claims, { itemId: item.id, version: item.version }, null);
		expect(await guides.guide(null, id)).toMatchObject({ held: false, removed: false });
		expect((await guides.found(null, word, null)).map((g) => g.id)).toEqual([id]);
		const decided = await owner<{ reason: string }[]>`select reason from public.notifications
			where kind = 'flag_decided' and guide_id = ${id}`;
		expect(decided).toHaveLength(3);
		expect(new Set(decided.map((row) => row.reason))).toEqual(new Set(['dismissed']));
	});
});

describe('removing', () => {
	it('hides the guide, its versions and citations from every reader but its moderators and writer, who is told why', async () => {
		const { id, word } = await aGuide();
		await reported(reporters[0], id);
		const item = (await itemOf(id))!;
		await actions.removeGuide(keeper.claims, id, 'Werbung für ein Produkt', {
			itemId: item.id,
			version: item.version
		});

		expect(await guides.guide(null, id)).toBeNull();
		expect(await tablesRead(null, id)).toEqual({ guides: 0, versions: 0, citations: 0 });
		expect(await tablesRead(reporters[1].claims, id)).toEqual({
			guides: 0,
			versions: 0,
			citations: 0
		});
		expect(await tablesRead(otherKeeper.claims, id)).toEqual({
			guides: 0,
			versions: 0,
			citations: 0
		});
		expect(await tablesRead(keeper.claims, id)).toEqual({ guides: 1, versions: 1, citations: 1 });
		expect(await guides.guide(writer.claims, id)).toMatchObject({
			removed: true,
			removalReason: 'Werbung für ein Produkt'
		});
		expect(await guides.found(keeper.claims, word, null)).toEqual([]);
		const similar = await similarGuides(keeper.claims, `Widerspruch einlegen ${word}`);
		expect(similar.map((guide) => guide.id)).not.toContain(id);

		const told = await owner<
			{ kind: string; reason: string }[]
		>`select kind, reason from public.notifications
			where member_id = ${writer.id} and guide_id = ${id}`;
		expect(told).toEqual([{ kind: 'guide_removed', reason: 'Werbung für ein Produkt' }]);
		expect(await moderation.item(keeper.claims, item.id)).toMatchObject({
			state: 'resolved',
			resolution: 'removed',
			removed: true
		});
		// Nobody writes on a removed guide, not even its writer.
		await expect(
			guides.edit(writer.claims, id, 1, { title: `Widerspruch einlegen ${word}`, body: 'Neu.' })
		).rejects.toMatchObject({ hint: 'guide_not_found' });
		await expect(guides.markHelpful(reporters[1].claims, id, true)).rejects.toThrow();
	});

	it('is logged for the community: members read that a guide was removed, not its title', async () => {
		const { id } = await aGuide();
		await actions.removeGuide(keeper.claims, id, 'Werbung für ein Produkt', null);
		const asMember = (await moderation.log(reporters[0].claims, place)).entries.find(
			(entry) => entry.guideId === id
		);
		expect(asMember).toMatchObject({ action: 'removed', guideTitle: null, threadId: null });
		const asModerator = (await moderation.log(keeper.claims, place)).entries.find(
			(entry) => entry.guideId === id
		);
		expect(asModerator?.guideTitle).toMatch(/^Widerspruch einlegen/);
	});

	it('is the community’s moderators’ alone, and so is restoring', async () => {
		const { id } = await aGuide();
		for (const who of [writer, reporters[0], otherKeeper])
			await expect(actions.removeGuide(who.claims, id, 'Kein Grund', null)).rejects.toMatchObject({
				hint: 'moderation_not_moderator'
			});
		await expect(actions.removeGuide(keeper.claims, id, ' ', null)).rejects.toMatchObject({
			hint: 'moderation_reason_required'
		});
		await actions.removeGuide(keeper.claims, id, 'Werbung für ein Produkt', null);
		await expect(actions.restoreGuide(writer.claims, id, null, null)).rejects.toMatchObject({
			hint: 'moderation_not_moderator'
		});
		await actions.restoreGuide(keeper.claims, id, 'Doch hilfreich', null);
		expect(await guides.guide(null, id)).toMatchObject({ removed: false, removalReason: null });
		expect((await guides.ofThread(null, threadId)).map((g) => g.id)).toContain(id);
		const told = await owner<{ kind: string }[]>`select kind from public.notifications
			where member_id = ${writer.id} and guide_id = ${id} order by created_at`;
		expect(told.map((row) => row.kind)).toEqual(['guide_removed', 'guide_restored']);
	});
});
