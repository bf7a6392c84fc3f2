import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { unreadShownMax } from '$lib/format';
import * as communities from '$lib/server/forum/communities';
import * as members from '$lib/server/members/members';
import * as notifications from '$lib/server/forum/notifications';
import * as posts from '$lib/server/forum/posts';
import * as threads from '$lib/server/forum/threads';
import { createMember, owner, type TestMember } from './support';

const communityId = '10000000-0000-4000-8000-000000000004'; // Familien in Leipzig (seed)
let asker: TestMember;
let peer: TestMember;
let other: TestMember;

const write = (body: string, parentPostId: string | null = null) => ({
	body,
	parentPostId,
	idempotencyKey: randomUUID()
});
const kinds = async (member: TestMember) =>
	(await notifications.list(member.claims)).map((n) => n.kind);

beforeAll(async () => {
	[asker, peer, other] = await Promise.all([createMember(), createMember(), createMember()]);
	for (const member of [asker, peer, other]) await communities.join(member.claims, communityId);
});

describe('notifications', () => {
	it('tell the asker of an answer, the answerer of a reply, a helpful vote and the accepted answer; never oneself', async () => {
		const { id: threadId } = await threads.ask(asker.claims, communityId, {
			title: `Kitaplatz in Leipzig gesucht ${randomUUID().slice(0, 6)}`,
			body: 'Wer hat Tipps?',
			tags: [],
			anonymous: true,
			wantsProfessional: false,
			idempotencyKey: randomUUID()
		});
		const { id: answerId } = await posts.answer(peer.claims, threadId, write('Früh anmelden!'));
		await posts.answer(asker.claims, threadId, write('Eigene Ergänzung.'));
		expect(await kinds(asker)).toEqual(['answer']);

		await posts.answer(other.claims, threadId, write('Stimmt.', answerId));
		await posts.answer(peer.claims, threadId, write('Danke.', answerId));
		await posts.setHelpful(other.claims, answerId, true);
		await threads.accept(asker.claims, threadId, answerId);
		expect((await kinds(peer)).sort()).toEqual(['accepted', 'helpful', 'reply']);
		expect(await kinds(other)).toEqual([]);

		const [first] = await notifications.list(asker.claims);
		expect(first).toMatchObject({ threadId, postId: answerId, read: false });
		expect((await members.current(asker.claims))?.unread).toBe(1);
		await notifications.markAllRead(asker.claims);
		expect((await members.current(asker.claims))?.unread).toBe(0);
		expect((await notifications.list(asker.claims))[0].read).toBe(true);
	});

	it('counts unread ones only up to one past what the header shows ("99+")', async () => {
		const { id: threadId } = await threads.ask(other.claims, communityId, {
			title: 'Viele Benachrichtigungen auf einmal',
			body: 'Wer zählt sie alle?',
			tags: [],
			anonymous: false,
			wantsProfessional: false,
			idempotencyKey: randomUUID()
		});
		await owner`insert into public.notifications (member_id, kind, thread_id)
			select ${other.id}, 'answer', ${threadId} from generate_series(1, ${unreadShownMax + 50})`;
		expect((await members.current(other.claims))?.unread).toBe(unreadShownMax + 1);
	});
});
