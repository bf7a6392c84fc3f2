// Guides, asked as each role: members of the community draft and edit (every version kept,
// an edit on an outdated version refused), its moderators revert, verified counsellors
// check the newest version, readers mark helpful once; visitors and other members read
// only. Every change goes through the database's functions, never straight into a table.
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '$lib/server/data/db';
import * as guides from '$lib/server/forum/guides';
import { similarGuides } from '$lib/server/forum/similar';
import * as threads from '$lib/server/forum/threads';
import {
	community,
	counsellor,
	member,
	moderator,
	owner,
	question,
	type TestMember
} from './escalations/support';

let place: string;
let elsewhere: string;
let threadId: string;
let otherThreadId: string;
let writer: TestMember;
let peer: TestMember;
let outsider: TestMember;
let keeper: TestMember;
let professional: TestMember;

const text = (body: string, title = 'Nachteilsausgleich in der Schule beantragen') => ({
	title,
	body
});
const refusedWith = (hint: string) => ({ hint });

beforeAll(async () => {
	[place, elsewhere] = await Promise.all([community(), community()]);
	[writer, peer, outsider, keeper, professional] = await Promise.all([
		member(place),
		member(place),
		member(elsewhere),
		moderator(place),
		counsellor([elsewhere])
	]);
	threadId = (await threads.ask(writer.claims, place, question())).id;
	otherThreadId = (await threads.ask(outsider.claims, elsewhere, question())).id;
});

describe('drafting', () => {
	it('makes a guide of questions of one community, cited both ways, with its first version rendered', async () => {
		const { id } = await guides.draft(
			writer.claims,
			[threadId],
			text('Erst **Attest**, dann Antrag.')
		);
		const shown = await guides.guide(null, id);
		expect(shown).toMatchObject({
			version: 1,
			bodyHtml: '<p>Erst <strong>Attest</strong>, dann Antrag.</p>',
			threads: [{ id: threadId }],
			check: null,
			canEdit: false
		});
		expect((await guides.ofThread(null, threadId)).map((guide) => guide.id)).toContain(id);
	});

	it('tells the asker of each cited question, but not a writer citing their own', async () => {
		const asked = (await threads.ask(peer.claims, place, question())).id;
		await guides.draft(writer.claims, [asked, threadId], text('Aus zwei Fragen.'));
		const told = await owner<{ memberId: string; threadId: string }[]>`
			select member_id as "memberId", thread_id as "threadId" from public.notifications
			where kind = 'guide_written' and thread_id in (${asked}, ${threadId})`;
		expect(told).toEqual([{ memberId: peer.id, threadId: asked }]);
	});

	it('is refused to an anonymous asker citing their own question: the guide would name them', async () => {
		const asked = (await threads.ask(peer.claims, place, question({ anonymous: true }))).id;
		await expect(
			guides.draft(peer.claims, [asked], text('Meine Erfahrung.'))
		).rejects.toMatchObject(refusedWith('guide_own_anonymous'));
		// Anyone else may write it: the asker stays unnamed.
		const { id } = await guides.draft(writer.claims, [asked], text('Was anderen half.'));
		expect(JSON.stringify(await guides.guide(null, id))).not.toContain(
			(await pseudonymOf(peer)).pseudonym
		);
	});

	it('is refused to members of other communities, for other communities’ questions, and to visitors', async () => {
		await expect(guides.draft(outsider.claims, [threadId], text('Hallo'))).rejects.toMatchObject(
			refusedWith('guide_members_only')
		);
		await expect(
			guides.draft(writer.claims, [threadId, otherThreadId], text('Hallo'))
		).rejects.toMatchObject(refusedWith('guide_threads_invalid'));
		await expect(
			transaction(
				null,
				(tx) => tx`select public.draft_guide(${[threadId]}::uuid[], 'Titel des Ratgebers', 'x')`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('takes its HTML only from the app’s renderer', async () => {
		await expect(
			transaction(
				writer.claims,
				(tx) =>
					tx`select public.draft_guide(${[threadId]}::uuid[], 'Titel des Ratgebers', '<script>x</script>')`
			)
		).rejects.toMatchObject({ hint: 'render_required' });
	});
});

describe('editing', () => {
	it('keeps every version with its author, and refuses an edit on a version that is no longer the newest', async () => {
		const { id } = await guides.draft(writer.claims, [threadId], text('Erste Fassung.'));
		expect((await guides.edit(peer.claims, id, 1, text('Zweite Fassung.'))).version).toBe(2);
		await expect(guides.edit(writer.claims, id, 1, text('Überholt.'))).rejects.toMatchObject(
			refusedWith('guide_changed')
		);
		// The same text again makes no new version, and leaves no HTML behind.
		expect((await guides.edit(writer.claims, id, 2, text('Zweite Fassung.'))).version).toBe(2);
		const rendered = await owner`
			select 1 from public.rendered_markdown
			where markdown_sha256 = sha256(convert_to(${'Zweite Fassung.'}, 'UTF8'))`;
		expect(rendered).toHaveLength(0);
		const versions = await guides.versions(null, id);
		expect(versions.map((version) => [version.number, version.author])).toEqual([
			[2, (await pseudonymOf(peer)).pseudonym],
			[1, (await pseudonymOf(writer)).pseudonym]
		]);
		expect(versions[0].bodyChanges).toEqual([
			{ text: 'Erste', kind: 'removed' },
			{ text: 'Zweite', kind: 'added' },
			{ text: ' Fassung.', kind: 'same' }
		]);
		await expect(guides.edit(outsider.claims, id, 2, text('Fremd.'))).rejects.toMatchObject(
			refusedWith('guide_members_only')
		);
	});

	it('goes through the functions only, never straight into the tables', async () => {
		const { id } = await guides.draft(writer.claims, [threadId], text('Nur über die Funktionen.'));
		for (const claims of [writer.claims, keeper.claims, null]) {
			await expect(
				transaction(
					claims,
					(tx) => tx`update public.guides set title = 'Übernommen!' where id = ${id}`
				)
			).rejects.toMatchObject({ code: '42501' });
			await expect(
				transaction(claims, (tx) => tx`delete from public.guide_versions where guide_id = ${id}`)
			).rejects.toMatchObject({ code: '42501' });
		}
	});
});

describe('moderators', () => {
	it('bring an earlier version back as the newest; nobody else can', async () => {
		const { id } = await guides.draft(writer.claims, [threadId], text('Gute Fassung.'));
		await guides.edit(peer.claims, id, 1, text('Verschlechtert.'));
		await expect(guides.revert(writer.claims, id, 1)).rejects.toMatchObject(
			refusedWith('moderation_not_moderator')
		);
		expect(await guides.revert(keeper.claims, id, 1)).toBe(3);
		expect(await guides.guide(null, id)).toMatchObject({
			version: 3,
			bodyHtml: '<p>Gute Fassung.</p>'
		});
		expect((await guides.versions(null, id))[0]).toMatchObject({ number: 3, revertedTo: 1 });
	});
});

describe('a professional’s check', () => {
	it('signs the newest version, and a later edit shows that the newest is not checked', async () => {
		const { id } = await guides.draft(writer.claims, [threadId], text('Fachlich zu prüfen.'));
		await expect(guides.check(peer.claims, id, 1)).rejects.toMatchObject(
			refusedWith('guide_professionals_only')
		);
		await expect(guides.check(professional.claims, id, 2)).rejects.toMatchObject(
			refusedWith('guide_changed')
		);
		await guides.check(professional.claims, id, 1);
		expect((await guides.guide(null, id))?.check).toMatchObject({ number: 1, newest: true });
		await guides.edit(peer.claims, id, 1, text('Fachlich zu prüfen, ergänzt.'));
		const shown = await guides.guide(null, id);
		expect(shown?.check).toMatchObject({
			number: 1,
			newest: false,
			workplace: expect.any(String)
		});
		expect((await guides.ofThread(null, threadId)).find((guide) => guide.id === id)?.checked).toBe(
			false
		);
	});
});

describe('helpful marks', () => {
	it('count once per member and can be taken back; visitors cannot mark', async () => {
		const { id } = await guides.draft(writer.claims, [threadId], text('Hilfreich?'));
		await guides.markHelpful(peer.claims, id, true);
		await guides.markHelpful(peer.claims, id, true);
		await guides.markHelpful(outsider.claims, id, true);
		expect(await guides.guide(peer.claims, id)).toMatchObject({
			helpfulCount: 2,
			markedHelpful: true
		});
		await guides.markHelpful(peer.claims, id, false);
		expect(await guides.guide(peer.claims, id)).toMatchObject({
			helpfulCount: 1,
			markedHelpful: false
		});
		await expect(
			transaction(null, (tx) => tx`select public.mark_guide_helpful(${id}, true)`)
		).rejects.toMatchObject({ code: '42501' });
		// Each member sees their own marks only.
		const marks = await transaction(
			writer.claims,
			(tx) => tx`select * from public.guide_helpful_marks`
		);
		expect(marks).toEqual([]);
	});
});

describe('a question’s page', () => {
	it('changes its version when a guide cites it or is checked, so kept pages show the guide', async () => {
		const version = async () =>
			(
				await owner<
					{ version: number }[]
				>`select version::int from public.threads where id = ${threadId}`
			)[0].version;
		const before = await version();
		const { id } = await guides.draft(writer.claims, [threadId], text('Neu zitiert.'));
		const cited = await version();
		expect(cited).toBeGreaterThan(before);
		await guides.check(professional.claims, id, 1);
		expect(await version()).toBeGreaterThan(cited);
	});
});

describe('search', () => {
	it('finds a guide by its newest version only, and offers it while a question is typed', async () => {
		const word = `Ratgeberwort${Date.now().toString(36).replace(/[0-9]/g, 'x')}`;
		const { id } = await guides.draft(
			writer.claims,
			[threadId],
			text(`Von der ${word}stelle bis zum Bescheid`, `Der Weg zur ${word}stelle erklärt`)
		);
		const ids = async (q: string) => (await guides.found(null, q, null)).map((guide) => guide.id);
		expect(await ids(`${word}stelle`)).toEqual([id]);
		// A German compound's first part finds it too.
		expect(await ids(word)).toEqual([id]);
		expect(
			(await similarGuides(null, `Wie komme ich zur ${word}stelle?`)).map((guide) => guide.id)
		).toEqual([id]);
		await guides.edit(writer.claims, id, 1, text('Ganz anders formuliert.'));
		expect(await ids(`${word}stelle`)).toEqual([]);
	});
});

async function pseudonymOf(someone: TestMember) {
	const [row] = await owner<
		{ pseudonym: string }[]
	>`select pseudonym from public.members where id = ${someone.id}`;
	return row;
}
