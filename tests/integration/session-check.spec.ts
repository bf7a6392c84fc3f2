// The session check of a page read with the member as kept (session.ts): it goes out with
// the page's own first transaction, and the page is sent only if it holds: the session
// still active, the member as kept.
import { beforeAll, describe, expect, it } from 'vitest';
import { read, transaction, type Claims } from '$lib/server/data/db';
import * as members from '$lib/server/members/members';
import * as posts from '$lib/server/forum/posts';
import { Confirmation } from '$lib/server/data/session';
import { measure } from '$lib/server/data/sql-timing';
import * as threads from '$lib/server/forum/threads';
import { load as threadPage } from '../../src/routes/t/[id]/+page.server';
import { community, member, owner, question, reply } from './escalations/support';

let place: string;
let thread: string;

beforeAll(async () => {
	place = await community();
	const asker = await member(place);
	({ id: thread } = await threads.ask(asker.claims, place, question()));
	const peer = await member(place);
	await posts.answer(peer.claims, thread, reply('Uns hat die Beratungsstelle geholfen.'));
});

/** A signed-in member as the page would find them kept, and the check of their session. */
async function keptMember() {
	const signedIn = await member(place);
	const kept = await members.current(signedIn.claims);
	if (!kept) throw new Error('A fresh session is active');
	const check = new Confirmation(signedIn.claims, kept);
	return { ...signedIn, kept, check };
}

/** The thread page as a request with the kept member makes it, then whether it may be sent. */
function threadRequest(claims: Claims, check: Confirmation) {
	const url = new URL(`/t/${thread}`, 'http://localhost');
	const locals = { claims, member: check.kept };
	return measure(async () => {
		const page = await check.during(() =>
			threadPage({ locals, params: { id: thread }, url } as never)
		);
		return { page, holds: await check.holds() };
	});
}

describe('the session check of a kept member', () => {
	it('rides along with the page: one round trip in all, and it holds', async () => {
		const { claims, check } = await keptMember();
		const [spent, done] = threadRequest(claims, check);
		const { page, holds } = await done;
		expect(holds).toBe(true);
		expect((page as { thread: { id: string } }).thread.id).toBe(thread);
		expect(spent.roundTrips).toBe(1);
	});

	it('does not hold once the session ended elsewhere', async () => {
		const { claims, check } = await keptMember();
		await owner`delete from auth.sessions where id = ${String(claims.session_id)}`;
		const [, done] = threadRequest(claims, check);
		expect((await done).holds).toBe(false);
	});

	it('does not hold once the member changed: a new notification, another language', async () => {
		const notified = await keptMember();
		await owner`insert into public.notifications (member_id, kind, thread_id) values (${notified.id}, 'answer', ${thread})`;
		const [, done] = threadRequest(notified.claims, notified.check);
		expect((await done).holds).toBe(false);

		const moved = await keptMember();
		await members.setLocale(moved.claims, 'en');
		const [, again] = threadRequest(moved.claims, moved.check);
		expect((await again).holds).toBe(false);
	});

	it('does not hold once the member became a moderator: the page made without their checks is not sent', async () => {
		const { claims, check, id } = await keptMember();
		await owner`insert into public.community_moderators (community_id, member_id) values (${place}, ${id})`;
		const [, done] = threadRequest(claims, check);
		const { page, holds } = await done;
		// Made with the member as kept, who moderated nothing: no moderation checks were asked.
		expect((page as { thread: { canModerate: boolean } }).thread.canModerate).toBe(false);
		expect(holds).toBe(false);
	});

	it('is asked on its own when the request read nothing as the member', async () => {
		const { check } = await keptMember();
		const [spent, done] = measure(async () => {
			await check.during(() => read(null, (tx) => tx`select 1`));
			return check.holds();
		});
		expect(await done).toBe(true);
		// The visitor's read (one), then the check alone (one).
		expect(spent.roundTrips).toBe(2);
	});

	it('stops work that may write, for a session that ended: nothing is changed', async () => {
		const { claims, check, id } = await keptMember();
		await owner`delete from auth.sessions where id = ${String(claims.session_id)}`;
		const writing = check.during(() =>
			transaction(
				claims,
				(tx) => tx`update public.members set bio = 'Geändert' where id = (select auth.uid())`
			)
		);
		await expect(writing).rejects.toMatchObject({ status: 401 });
		const [{ bio }] = await owner`select bio from public.members where id = ${id}`;
		expect(bio).not.toBe('Geändert');
		expect(await check.holds()).toBe(false);
	});
});
