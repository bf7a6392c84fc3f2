// Live pages (src/lib/server/live.ts): what each role may hear about, what the database
// announces and to whom, and that every listening process hears it (two side by side).
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as escalations from '$lib/server/escalations';
import { announcementsFor, eventStream, startListening } from '$lib/server/live';
import * as posts from '$lib/server/posts';
import * as threads from '$lib/server/threads';
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

let home: string;
let elsewhere: string;
let asker: TestMember;
let peer: TestMember;
let mod: TestMember;
let professional: TestMember;
let threadId: string;

beforeAll(async () => {
	[home, elsewhere] = await Promise.all([community(), community()]);
	[asker, peer, mod, professional] = await Promise.all([
		member(home),
		member(home),
		moderator(home),
		counsellor([home])
	]);
	threadId = (await threads.ask(asker.claims, home, question())).id;
});

describe('what a reader may hear about', () => {
	it('a thread they may read, by anyone; a hidden one, by nobody who may not see it', async () => {
		expect(await announcementsFor(null, [`thread:${threadId}`])).toEqual(
			new Set([`thread:${threadId}`])
		);
		await owner`update public.threads set held_at = now() where id = ${threadId}`;
		try {
			expect(await announcementsFor(null, [`thread:${threadId}`])).toEqual(new Set());
			expect(await announcementsFor(peer.claims, [`thread:${threadId}`])).toEqual(new Set());
			expect(await announcementsFor(mod.claims, [`thread:${threadId}`])).toEqual(
				new Set([`thread:${threadId}`])
			);
		} finally {
			await owner`update public.threads set held_at = null where id = ${threadId}`;
		}
	});

	it('the queues of the communities they serve or moderate, and only their own notifications', async () => {
		const all = ['queue', 'moderation', 'notifications'];
		expect(await announcementsFor(null, all)).toEqual(new Set());
		expect(await announcementsFor(peer.claims, all)).toEqual(new Set([`member:${peer.id}`]));
		expect(await announcementsFor(mod.claims, all)).toEqual(
			new Set([`moderation:${home}`, `member:${mod.id}`])
		);
		expect(await announcementsFor(professional.claims, ['queue'])).toEqual(
			new Set([`escalations:${home}`])
		);
		expect(await announcementsFor(professional.claims, ['queue'])).not.toContain(
			`escalations:${elsewhere}`
		);
	});
});

/** Collects what the database announces, on a connection of its own (another process). */
async function announcements() {
	const heard: string[] = [];
	const listener = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
	await listener.listen('ratnetz_live', (payload) => heard.push(payload));
	return {
		heard,
		until: (payload: string) => expect.poll(() => heard).toContain(payload),
		end: () => listener.end()
	};
}

describe('what the database announces', () => {
	let listener: Awaited<ReturnType<typeof announcements>>;
	beforeAll(async () => {
		listener = await announcements();
	});
	afterAll(() => listener.end());

	it('a new answer, by its thread', async () => {
		await posts.answer(peer.claims, threadId, reply('Wir hatten das auch.'));
		await listener.until(`thread:${threadId}`);
	});

	it("a new case, by its community's queue", async () => {
		const wanting = await threads.ask(asker.claims, home, question({ wantsProfessional: true }));
		await listener.until(`escalations:${home}`);
		expect(wanting.id).toBeTruthy();
	});

	it("a report, by its community's moderation queue, and the moderators' notifications", async () => {
		const reported = await threads.ask(asker.claims, home, question());
		await escalations.flag(peer.claims, { threadId: reported.id }, { reason: 'spam' });
		await listener.until(`moderation:${home}`);
		await listener.until(`member:${mod.id}`);
	});

	it('nothing that names who wrote, or what', async () => {
		expect(
			listener.heard.every((payload) =>
				/^(thread|escalations|moderation|member):[0-9a-f-]{36}$/.test(payload)
			)
		).toBe(true);
	});
});

describe("a process's event stream", () => {
	it('says "change" for what its page asked about, beside another listening process', async () => {
		const other = await announcements();
		await startListening();
		const aborted = new AbortController();
		const stream = eventStream(new Set([`thread:${threadId}`]), aborted.signal).getReader();
		const decoder = new TextDecoder();
		expect(decoder.decode((await stream.read()).value)).toBe('retry: 5000\n\n');

		await posts.answer(peer.claims, threadId, reply('Noch eine Erfahrung.'));
		expect(decoder.decode((await stream.read()).value)).toBe('event: change\ndata: changed\n\n');
		await other.until(`thread:${threadId}`);

		aborted.abort();
		expect((await stream.read()).done).toBe(true);
		await other.end();
	});

	it('stays silent about what its page did not ask about', async () => {
		await startListening();
		const elsewhereThread = await threads.ask(asker.claims, home, question());
		const aborted = new AbortController();
		const mine = eventStream(new Set([`thread:${threadId}`]), aborted.signal).getReader();
		const theirs = eventStream(
			new Set([`thread:${elsewhereThread.id}`]),
			aborted.signal
		).getReader();
		await Promise.all([mine.read(), theirs.read()]);

		await posts.answer(peer.claims, elsewhereThread.id, reply('Anderswo geantwortet.'));
		// Told: the process has passed the announcement to each of its streams at once.
		expect(new TextDecoder().decode((await theirs.read()).value)).toBe(
			'event: change\ndata: changed\n\n'
		);
		const next = mine.read();
		const silent = await Promise.race([
			next.then(() => false),
			new Promise<boolean>((resolve) => setImmediate(() => resolve(true)))
		]);
		expect(silent).toBe(true);
		aborted.abort();
		expect((await next).done).toBe(true);
	});
});
