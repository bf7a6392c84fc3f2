// Verifying counsellors: admins verify with profession, organisation and the
// communities served, and withdraw with a reason; both are logged.
import { beforeAll, describe, expect, it } from 'vitest';
import * as counsellors from '$lib/server/members/counsellors';
import * as escalations from '$lib/server/escalations';
import * as posts from '$lib/server/forum/posts';
import * as threads from '$lib/server/forum/threads';
import {
	anAdmin,
	community,
	counsellor,
	createMember,
	member,
	owner,
	question,
	reply,
	type TestMember
} from './support';

let admin: TestMember;
let first: string;
let second: string;

beforeAll(async () => {
	admin = await anAdmin();
	[first, second] = await Promise.all([community(), community()]);
});

const role = async (id: string) =>
	(await owner<{ site_role: string }[]>`select site_role from public.members where id = ${id}`)[0]
		.site_role;

describe('verifying', () => {
	it('makes a member a counsellor with a badge, serving the chosen communities', async () => {
		const candidate = await member(first, second);
		await counsellors.verify(admin.claims, candidate.id, {
			profession: ' Kinder- und Jugendlichenpsychotherapeutin ',
			organisation: 'Erziehungsberatung Testhausen',
			communityIds: [first]
		});
		expect(await role(candidate.id)).toBe('counsellor');
		expect(await counsellors.profile(null, candidate.id)).toEqual({
			profession: 'Kinder- und Jugendlichenpsychotherapeutin',
			organisation: 'Erziehungsberatung Testhausen',
			active: true
		});
		const listed = (await counsellors.list(null)).find((each) => each.id === candidate.id);
		expect(listed).toMatchObject({ servesAll: false, communities: [{ id: first }] });

		const asker = await member(first, second);
		const inFirst = await threads.ask(asker.claims, first, question({ wantsProfessional: true }));
		const inSecond = await threads.ask(asker.claims, second, question({ wantsProfessional: true }));
		const seen = (await escalations.queue(candidate.claims)).items.map((item) => item.threadId);
		expect(seen).toEqual([inFirst.id]);
		expect(seen).not.toContain(inSecond.id);

		// Verifying again changes what is served: now all communities.
		await counsellors.verify(admin.claims, candidate.id, {
			profession: 'Psychotherapeutin',
			organisation: 'Erziehungsberatung Testhausen',
			communityIds: null
		});
		// Every community's items, so other files' items cannot push these past the first page.
		const now = await Promise.all(
			[first, second].map(async (communityId) =>
				(await escalations.queue(candidate.claims, { communityId })).items.map(
					(item) => item.threadId
				)
			)
		);
		expect(now).toEqual([[inFirst.id], [inSecond.id]]);
	});

	it('is for admins only, never of an admin, and needs at least one community or all', async () => {
		const candidate = await member();
		const badge = { profession: 'Sozialarbeiter', organisation: 'Jugendamt Testhausen' };
		await expect(
			counsellors.verify(candidate.claims, candidate.id, { ...badge, communityIds: null })
		).rejects.toMatchObject({ code: '42501', message: 'Only admins can verify counsellors' });
		const other = await createMember({ role: 'admin' });
		await expect(
			counsellors.verify(admin.claims, other.id, { ...badge, communityIds: null })
		).rejects.toMatchObject({ message: 'An admin cannot be verified as counsellor' });
		await expect(
			counsellors.verify(admin.claims, candidate.id, { ...badge, communityIds: [] })
		).rejects.toMatchObject({ hint: 'escalation_communities_required' });
		await expect(
			counsellors.verify(admin.claims, candidate.id, {
				...badge,
				profession: 'x',
				communityIds: null
			})
		).rejects.toMatchObject({ code: '23514' });
		expect(await role(candidate.id)).toBe('member');
	});
});

describe('withdrawing', () => {
	it('needs a reason, returns held items to the queue and keeps earlier badges', async () => {
		const expert = await counsellor([first]);
		const asker = await member(first);
		const { id: threadId } = await threads.ask(
			asker.claims,
			first,
			question({ wantsProfessional: true })
		);
		const item = (await escalations.queue(expert.claims)).items.find(
			(each) => each.threadId === threadId
		)!;
		await escalations.claim(expert.claims, item.id);
		const before = await posts.answer(expert.claims, threadId, reply('Fachliche Antwort.'));

		await expect(counsellors.withdraw(admin.claims, expert.id, ' ')).rejects.toMatchObject({
			hint: 'escalation_reason_required'
		});
		await expect(
			counsellors.withdraw(expert.claims, expert.id, 'Ich höre auf.')
		).rejects.toMatchObject({ code: '42501' });
		await counsellors.withdraw(admin.claims, expert.id, 'Nicht mehr in der Beratungsstelle.');

		expect(await role(expert.id)).toBe('member');
		expect((await escalations.queue(expert.claims)).items).toEqual([]);
		const colleague = await counsellor([first]);
		const detail = await escalations.read(colleague.claims, item.id);
		expect(detail).toMatchObject({ state: 'open', claimedBy: null });
		expect(detail?.history.find((entry) => entry.kind === 'released')).toMatchObject({
			actor: admin.pseudonym,
			detail: 'Verification withdrawn'
		});

		const after = await posts.answer(expert.claims, threadId, reply('Jetzt als Mitglied.'));
		const list = (await posts.readPage(null, threadId)).answers;
		expect(list.find((post) => post.id === before.id)?.professional).toMatchObject({
			profession: 'Sozialpädagogin'
		});
		expect(list.find((post) => post.id === after.id)).toMatchObject({
			professional: null
		});
		expect(await counsellors.profile(null, expert.id)).toMatchObject({ active: false });
		expect((await counsellors.list(null)).map((each) => each.id)).not.toContain(expert.id);
		await expect(
			counsellors.withdraw(admin.claims, expert.id, 'Noch einmal zurückziehen.')
		).rejects.toMatchObject({ message: 'This member is not a verified counsellor' });
	});
});

describe('the verification log', () => {
	it('records every verification and withdrawal, for admins only', async () => {
		const expert = await counsellor([second]);
		await counsellors.withdraw(admin.claims, expert.id, 'Vertrag beendet.');
		const entries = (await counsellors.log(admin.claims)).entries.filter(
			(entry) => entry.member === expert.pseudonym
		);
		expect(entries).toMatchObject([
			{ action: 'withdrawn', reason: 'Vertrag beendet.', actedBy: admin.pseudonym },
			{ action: 'verified', profession: 'Sozialpädagogin', servesAll: false }
		]);
		expect((await counsellors.log(expert.claims)).entries).toEqual([]);
	});
});
