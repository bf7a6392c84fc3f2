// The home page as each reader gets it: the newest and the unanswered questions of their
// communities (of all of them for visitors), their questions' new answers, and what waits
// for counsellors (urgent and overdue cases) and moderators (open items), asked only of them.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '$lib/server/db';
import * as escalations from '$lib/server/escalations';
import * as members from '$lib/server/members';
import * as notifications from '$lib/server/notifications';
import * as posts from '$lib/server/posts';
import * as threads from '$lib/server/threads';
import { load } from '../../src/routes/+page.server';
import {
	community,
	counsellor,
	member,
	moderator,
	owner,
	question,
	reply,
	type TestMember
} from './escalations/support';

type Home = Exclude<Awaited<ReturnType<typeof load>>, void>;

async function home(claims: Claims | null): Promise<Home> {
	const current = claims ? await members.current(claims) : null;
	return (await load({ locals: { claims, member: current } } as never)) as Home;
}

const titles = (list: { title: string }[]) => list.map((thread) => thread.title);

let ours: string;
let theirs: string;
let asker: TestMember;
let reader: TestMember;
let answered: string;
let open: string;
let held: string;
let elsewhere: string;

beforeAll(async () => {
	[ours, theirs] = await Promise.all([community(), community()]);
	[asker, reader] = await Promise.all([member(ours), member(ours)]);
	const other = await member(theirs);
	answered = (await threads.ask(asker.claims, ours, question())).id;
	open = (await threads.ask(asker.claims, ours, question())).id;
	held = (await threads.ask(asker.claims, ours, question())).id;
	elsewhere = (await threads.ask(other.claims, theirs, question())).id;
	await owner`update public.threads set held_at = now() where id = ${held}`;
	await posts.answer(reader.claims, answered, reply('Das kennen wir gut, schreib dem Amt.'));
});

const titleOf = async (id: string) =>
	(await owner<{ title: string }[]>`select title from public.threads where id = ${id}`)[0].title;

describe('the home page', () => {
	it('shows a member the newest and the unanswered questions of their communities only', async () => {
		const page = await home(reader.claims);
		expect(page.joinedAny).toBe(true);
		const newest = titles(page.newest);
		expect(newest).toEqual(expect.arrayContaining([await titleOf(open), await titleOf(answered)]));
		expect(newest).not.toContain(await titleOf(elsewhere));
		// Held for review: not for other readers.
		expect(newest).not.toContain(await titleOf(held));
		const unanswered = titles(page.unanswered);
		expect(unanswered).toContain(await titleOf(open));
		expect(unanswered).not.toContain(await titleOf(answered));
		expect(
			page.newest.every((thread: threads.ListedThread) =>
				thread.communityName.startsWith('Eskalation')
			)
		).toBe(true);
	});

	it('shows visitors the newest questions of every community', async () => {
		// Newer than anything else the tests write meanwhile.
		await owner`update public.threads set created_at = now() + interval '1 hour' where id in (${open}, ${elsewhere})`;
		const page = await home(null);
		expect(page.joinedAny).toBe(false);
		expect(titles(page.newest)).toEqual(
			expect.arrayContaining([await titleOf(open), await titleOf(elsewhere)])
		);
		expect(page.newAnswers).toEqual([]);
		await owner`update public.threads set created_at = now() where id in (${open}, ${elsewhere})`;
	});

	it('lists the asker’s questions with answers not yet seen, until they are read', async () => {
		let page = await home(asker.claims);
		expect(page.newAnswers).toEqual([
			{ threadId: answered, title: await titleOf(answered), count: 1 }
		]);
		await notifications.markAllRead(asker.claims);
		page = await home(asker.claims);
		expect(page.newAnswers).toEqual([]);
	});

	it('asks nobody but counsellors and moderators what waits for them', async () => {
		const page = await home(reader.claims);
		expect(page.waiting).toBeNull();
		expect(page.openItems).toBeNull();
	});

	it('counts the urgent and the overdue cases of the counsellor’s communities', async () => {
		const place = await community();
		const professional = await counsellor([place]);
		const writer = await member(place);
		const urgent = await threads.ask(writer.claims, place, question());
		await posts.answer(writer.claims, urgent.id, reply('Ich möchte nicht mehr leben.'));
		const late = await threads.ask(writer.claims, place, question({ wantsProfessional: true }));
		await owner`update public.escalations set due_at = now() - interval '1 hour' where thread_id = ${late.id}`;
		await threads.ask(writer.claims, place, question({ wantsProfessional: true }));
		expect((await home(professional.claims)).waiting).toEqual({ urgent: 1, overdue: 1 });
		// Resolved cases wait for nobody.
		const [item] = (await escalations.queue(professional.claims, { communityId: place })).items;
		expect(item.priority).toBe('urgent');
		await escalations.claim(professional.claims, item.id);
		await escalations.resolve(professional.claims, item.id, 'no_action', {
			note: 'Die Antworten hier helfen.'
		});
		expect((await home(professional.claims)).waiting).toEqual({ urgent: 0, overdue: 1 });
	});

	it('counts the open items of the moderator’s communities', async () => {
		const place = await community();
		const keeper = await moderator(place);
		const writer = await member(place);
		const flagger = await member(place);
		const rude = await threads.ask(writer.claims, place, question());
		expect((await home(keeper.claims)).openItems).toBe(0);
		await escalations.flag(flagger.claims, { threadId: rude.id }, { reason: 'abuse', note: null });
		expect((await home(keeper.claims)).openItems).toBe(1);
	});
});
