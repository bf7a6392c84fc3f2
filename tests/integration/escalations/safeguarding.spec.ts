// Revealing who wrote anonymously, for safeguarding: counsellors serving the
// community and its moderators, with a reason, every time logged for admins.
import { beforeAll, describe, expect, it } from 'vitest';
import * as safeguarding from '$lib/server/safeguarding';
import * as threads from '$lib/server/forum/threads';
import {
	anAdmin,
	community,
	counsellor,
	member,
	moderator,
	owner,
	question,
	type TestMember
} from './support';

let served: string;
let writer: TestMember;
let peer: TestMember;
let serving: TestMember;
let elsewhere: TestMember;
let mod: TestMember;
let admin: TestMember;
let threadId: string;
let postId: string;
const reason = 'Sorge um das Wohl eines Kindes';

beforeAll(async () => {
	served = await community();
	[writer, peer, serving, elsewhere, mod, admin] = await Promise.all([
		member(served),
		member(served),
		counsellor([served]),
		counsellor([await community()]),
		moderator(served),
		anAdmin()
	]);
	threadId = (await threads.ask(writer.claims, served, question({ anonymous: true }))).id;
	// Answers are not anonymous through the app yet; the column is there already.
	const [post] = await owner<{ id: string }[]>`
		insert into public.posts (thread_id, author_id, is_anonymous, body_markdown, body_html)
		values (${threadId}, ${writer.id}, true, 'Anonyme Antwort.', '<p>Anonyme Antwort.</p>')
		returning id`;
	postId = post.id;
});

/** The newest log entries about this file's thread. */
const logged = async () =>
	(await safeguarding.revealLog(admin.claims)).entries.filter(
		(entry) => entry.threadId === threadId
	);

describe('revealing an anonymous author', () => {
	it('tells a serving counsellor who asked, and logs it', async () => {
		expect(await safeguarding.revealAuthor(serving.claims, { threadId }, reason)).toBe(
			writer.pseudonym
		);
		const [entry] = await logged();
		expect(entry).toMatchObject({
			threadId,
			postId: null,
			revealedBy: serving.pseudonym,
			reason
		});
	});

	it('tells the community’s moderator who wrote a post, and logs it', async () => {
		expect(await safeguarding.revealAuthor(mod.claims, { postId }, reason)).toBe(writer.pseudonym);
		const [entry] = await logged();
		expect(entry).toMatchObject({ threadId, postId, revealedBy: mod.pseudonym, reason });
		expect(entry.communityName).toMatch(/^Eskalation /);
	});

	it('needs a reason of some substance', async () => {
		for (const short of ['', '   ', 'weil']) {
			await expect(
				safeguarding.revealAuthor(serving.claims, { threadId }, short)
			).rejects.toMatchObject({
				message: 'Give a reason of at least 10 characters',
				hint: 'escalation_reason_required'
			});
		}
	});

	it('is refused to everyone else, and nothing is logged then', async () => {
		const before = (await logged()).length;
		for (const someone of [peer, writer, elsewhere, admin]) {
			await expect(
				safeguarding.revealAuthor(someone.claims, { threadId }, reason)
			).rejects.toMatchObject({ code: '42501', hint: 'escalation_reveal_not_allowed' });
		}
		expect(await logged()).toHaveLength(before);
	});

	it('is for anonymous posts only', async () => {
		const named = await threads.ask(peer.claims, served, question());
		await expect(
			safeguarding.revealAuthor(serving.claims, { threadId: named.id }, reason)
		).rejects.toMatchObject({ message: 'This post is not anonymous' });
	});
});

describe('the reveal log', () => {
	it('is read by admins only', async () => {
		for (const someone of [peer, serving, mod]) {
			expect((await safeguarding.revealLog(someone.claims)).entries).toEqual([]);
		}
		expect(await logged()).toHaveLength(2);
	});
});
