// Organisations as the pages use them: an admin records one (hidden until verified),
// verifies it and adds counsellors; official answers and guide checks name the
// organisation their writer belonged to then, and keep it when the counsellor moves on;
// a withdrawn verification takes the name off everything. Refusals carry the reasons the
// pages name. (Who may read and call what, per role: rls/organisations.spec.ts.)
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as guides from '$lib/server/forum/guides';
import * as ideaPages from '$lib/server/forum/idea-pages';
import * as ideas from '$lib/server/forum/ideas';
import * as threads from '$lib/server/forum/threads';
import * as counsellors from '$lib/server/members/counsellors';
import * as organisations from '$lib/server/members/organisations';
import * as privacy from '$lib/server/members/privacy';
import {
	anAdmin,
	community,
	counsellor,
	member,
	question,
	type TestMember
} from './escalations/support';
import { idea } from './idea-support';

let place: string;
let admin: TestMember;
let professional: TestMember;
let author: TestMember;

const details = (name = `Familienhilfe ${randomUUID().slice(0, 8)} e. V.`) => ({
	name,
	kind: 'welfare_association' as const,
	region: '14713',
	website: 'https://familienhilfe.example'
});
const refusedWith = (hint: string) => ({ hint });

/** A verified organisation of the given name. */
async function verified(name?: string) {
	const id = await organisations.add(admin.claims, details(name));
	await organisations.verify(admin.claims, id, true);
	return id;
}

beforeAll(async () => {
	place = await community();
	[admin, professional, author] = await Promise.all([
		anAdmin(),
		counsellor([place]),
		member(place)
	]);
});

describe('recording and verifying', () => {
	it('keeps a new organisation from everyone but admins until an admin verifies it', async () => {
		const id = await organisations.add(admin.claims, details());
		expect(await organisations.page(null, id)).toBeNull();
		expect(await organisations.page(author.claims, id)).toBeNull();
		expect(await organisations.page(admin.claims, id)).toMatchObject({ verifiedAt: null });

		await organisations.verify(admin.claims, id, true);
		expect(await organisations.page(null, id)).toMatchObject({
			kind: 'welfare_association',
			region: '14713',
			regionLabel: 'Leipzig, Stadt',
			website: 'https://familienhilfe.example',
			verifiedAt: expect.any(Date),
			counsellors: [],
			answerCount: 0,
			checkCount: 0
		});
		expect((await organisations.list(null)).map((each) => each.id)).toContain(id);
		const history = await organisations.history(admin.claims, id);
		expect(history.map((event) => event.action)).toEqual(['verified', 'created']);
		expect(history[0].actedBy).toBe(admin.pseudonym);
	});

	it('changes the details and keeps the verification; a second verify changes nothing', async () => {
		const id = await verified();
		const name = `Beratungsstelle ${randomUUID().slice(0, 8)}`;
		await organisations.update(admin.claims, id, {
			name,
			kind: 'counselling_service',
			region: null,
			website: null
		});
		await organisations.verify(admin.claims, id, true);
		expect(await organisations.page(null, id)).toMatchObject({
			name,
			kind: 'counselling_service',
			region: null,
			regionLabel: null,
			website: null
		});
		// A key the form lets through but no region has is refused by name.
		await expect(
			organisations.update(admin.claims, id, {
				name,
				kind: 'other',
				region: '99999',
				website: null
			})
		).rejects.toMatchObject(refusedWith('region_unknown'));
		expect((await organisations.history(admin.claims, id)).map((event) => event.action)).toEqual([
			'edited',
			'verified',
			'created'
		]);
	});

	it('refuses a name another organisation has (in any case) and an address without https', async () => {
		const name = `Diakonie ${randomUUID().slice(0, 8)}`;
		await organisations.add(admin.claims, details(name));
		await expect(
			organisations.add(admin.claims, details(name.toUpperCase()))
		).rejects.toMatchObject(refusedWith('organisation_name_taken'));
		await expect(
			organisations.add(admin.claims, { ...details(), website: 'http://unsicher.example' })
		).rejects.toMatchObject({ code: '23514' });
		await expect(organisations.update(admin.claims, randomUUID(), details())).rejects.toMatchObject(
			refusedWith('organisation_not_found')
		);
	});
});

describe('counsellors of an organisation', () => {
	it('takes only verified counsellors, and only into a verified organisation', async () => {
		const waiting = await organisations.add(admin.claims, details());
		await expect(
			organisations.assign(admin.claims, professional.id, waiting)
		).rejects.toMatchObject(refusedWith('organisation_not_verified'));
		await expect(
			organisations.assign(admin.claims, author.id, await verified())
		).rejects.toMatchObject(refusedWith('organisation_not_counsellor'));
	});

	it('names the organisation on official answers and checks, kept from when they were signed', async () => {
		const someone = await counsellor([place]);
		const [first, second] = await Promise.all([verified(), verified()]);
		await organisations.assign(admin.claims, someone.id, first);
		expect(
			(await counsellors.list(admin.claims)).find((each) => each.id === someone.id)?.memberOf
		).toMatchObject({ id: first });

		const { id: ideaId } = await ideas.propose(author.claims, place, idea());
		await ideas.answer(someone.claims, ideaId, {
			state: 'under_review',
			reasons: 'Wir prüfen das.'
		});
		const threadId = (await threads.ask(author.claims, place, question())).id;
		const { id: guideId } = await guides.draft(author.claims, [threadId], {
			title: 'Widerspruch gegen einen Bescheid',
			body: 'Erst lesen, dann schreiben.'
		});
		await guides.check(someone.claims, guideId, 1);

		// Moving on does not rewrite what was signed.
		await organisations.assign(admin.claims, someone.id, second);
		await ideas.answer(someone.claims, ideaId, { state: 'accepted', reasons: 'Wir machen das.' });
		const answers = (await ideaPages.idea(null, ideaId))!.answers;
		expect(answers.map((answer) => answer.organisation?.id)).toEqual([second, first]);
		expect((await guides.guide(null, guideId))?.check?.organisation?.id).toBe(first);

		expect(await organisations.page(null, first)).toMatchObject({
			counsellors: [],
			answerCount: 1,
			checkCount: 1,
			answers: [{ id: ideaId }],
			checks: [{ id: guideId }]
		});
		expect(await organisations.page(null, second)).toMatchObject({
			counsellors: [{ id: someone.id, pseudonym: someone.pseudonym }],
			answerCount: 1,
			checkCount: 0
		});
		expect((await organisations.history(admin.claims, first)).map((e) => e.action)).toEqual([
			'left',
			'joined',
			'verified',
			'created'
		]);

		// A withdrawn verification takes the name off the answers and the check.
		await organisations.verify(admin.claims, first, false);
		expect(await organisations.page(null, first)).toBeNull();
		expect((await ideaPages.idea(null, ideaId))!.answers[1]).toMatchObject({
			organisation: null,
			workplace: 'Beratungsstelle Testhausen'
		});
		expect((await guides.guide(null, guideId))?.check?.organisation).toBeNull();
	});

	it('names no organisation for an answer given while the counsellor belonged to none', async () => {
		const someone = await counsellor([place]);
		const organisation = await verified();
		await organisations.assign(admin.claims, someone.id, organisation);
		// Taken out of another organisation (a page read before a move) changes nothing.
		await organisations.release(admin.claims, someone.id, await verified());
		expect((await organisations.page(null, organisation))?.counsellors).toHaveLength(1);
		await organisations.release(admin.claims, someone.id, organisation);
		const { id: ideaId } = await ideas.propose(author.claims, place, idea());
		await ideas.answer(someone.claims, ideaId, { state: 'done', reasons: 'Erledigt.' });
		expect((await ideaPages.idea(null, ideaId))!.answers[0].organisation).toBeNull();
		expect((await organisations.page(null, organisation))?.counsellors).toEqual([]);
	});

	it('puts the organisation into the counsellor’s data export', async () => {
		const someone = await counsellor([place]);
		const organisation = await verified();
		await organisations.assign(admin.claims, someone.id, organisation);
		const { id: ideaId } = await ideas.propose(author.claims, place, idea());
		await ideas.answer(someone.claims, ideaId, { state: 'done', reasons: 'Erledigt.' });
		const name = (await organisations.page(null, organisation))!.name;
		const exported = await privacy.exportData(someone.claims);
		expect(exported).toMatchObject({
			counsellor_profile: { member_of: name },
			idea_official_answers: [{ idea: ideaId, organisation: name }]
		});
		expect((await privacy.exportData(admin.claims)).organisations_kept).toEqual(
			expect.arrayContaining([expect.objectContaining({ organisation: name, action: 'verified' })])
		);
	});
});
