// Notifications by e-mail through the real outbox and the real mail catcher: at
// once, in the daily digest (queued by the scheduler's job), retried while the mail
// server is down, given up after the last attempt (the notification stays), and
// unsubscribed with the mail's link.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import * as communities from '$lib/server/communities';
import { deliverDueMails, smtpTransport, type MailTransport } from '$lib/server/mail-delivery';
import * as notificationSettings from '$lib/server/notification-settings';
import * as moderationActions from '$lib/server/moderation-actions';
import * as notifications from '$lib/server/notifications';
import * as posts from '$lib/server/posts';
import * as scheduler from '$lib/server/scheduler';
import * as threads from '$lib/server/threads';
import { linkIn, waitForMail } from '../support/mail';
import { flagPost, moderator } from './moderation/support';
import { createMember, owner, type TestMember } from './support';

const communityId = '10000000-0000-4000-8000-000000000004'; // Familien in Leipzig (seed)
const catcher = smtpTransport(process.env.SMTP_URL!);
const origin = 'http://forum.test';
const hour = 3_600_000;
const later = (ms: number) => new Date(Date.now() + ms);

let asker: TestMember;
let peer: TestMember;

const write = (body: string, parentPostId: string | null = null) => ({
	body,
	parentPostId,
	idempotencyKey: randomUUID()
});

async function ask(
	member: TestMember,
	title = `Schulbegleitung beantragen ${randomUUID().slice(0, 6)}`
) {
	const { id } = await threads.ask(member.claims, communityId, {
		title,
		body: 'Wie seid ihr vorgegangen?',
		tags: [],
		anonymous: false,
		wantsProfessional: false,
		idempotencyKey: randomUUID()
	});
	return id;
}

const mailsOf = (member: TestMember) => owner<
	{
		id: string;
		notificationId: string | null;
		attempts: number;
		lastError: string | null;
		sentAt: Date | null;
		failedAt: Date | null;
	}[]
>`
	select id, notification_id as "notificationId", attempts, last_error as "lastError",
		sent_at as "sentAt", failed_at as "failedAt"
	from public.mail_outbox where member_id = ${member.id} order by created_at, id`;

/** A new member of the community (posting limits are per member). */
async function joinedMember(locale: 'de' | 'en' = 'de') {
	const member = await createMember({ locale });
	await communities.join(member.claims, communityId);
	return member;
}

const answer = async (
	member: TestMember,
	threadId: string,
	body: string,
	to: string | null = null
) => (await posts.answer(member.claims, threadId, write(body, to))).id;

/** Delivers the due mails of these members only: other test files' mails are theirs. */
const deliverTo = (transport: MailTransport, members: TestMember[], now?: Date) =>
	deliverDueMails(transport, { origin, now, recipients: members.map((member) => member.id) });

/** The day's digests queued (a job of the scheduler), then these members' due mails sent, at `now`. */
async function digestsAndMails(members: TestMember[], now: Date) {
	await scheduler.runJob('digests', now);
	await deliverTo(catcher, members, now);
}

/** A port nothing listens on: the mail server is down. */
async function closedPort() {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

beforeAll(async () => {
	[asker, peer] = await Promise.all([joinedMember('en'), joinedMember()]);
});

describe('a notification mailed at once', () => {
	it('goes to the member in their language, with links to the post, the settings and a one-click unsubscribe', async () => {
		const started = new Date();
		const title = `Nachteilsausgleich <b>&</b> Abitur ${randomUUID().slice(0, 6)}`;
		const threadId = await ask(asker, title);
		const answerText = `Privat: unser Sohn bekam 25 % mehr Zeit ${randomUUID()}`;
		const answerId = await answer(peer, threadId, answerText);
		expect(await mailsOf(asker)).toMatchObject([{ attempts: 0, sentAt: null }]);

		await deliverTo(catcher, [asker]);
		const mail = await waitForMail(asker.email, { after: started, subject: /New answer/ });
		expect(mail.subject).toBe(`New answer to your question “${title}”`);
		expect(linkIn(mail, /\/t\//)).toBe(`${origin}/t/${threadId}?post=${answerId}#post-${answerId}`);
		const unsubscribe = linkIn(mail, /\/unsubscribe\//);
		expect(unsubscribe).toMatch(new RegExp(`^${origin}/unsubscribe/[0-9a-f]{64}$`));
		expect(mail.headers['list-unsubscribe']).toBe(`<${unsubscribe}>`);
		expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
		expect(mail.text).toContain(`${origin}/account/notifications`);
		expect(mail.html).toContain('Nachteilsausgleich &lt;b&gt;&amp;&lt;/b&gt; Abitur');
		// What members wrote stays in the forum: the mail has the title, not the answer.
		expect(`${mail.text}${mail.html}`).not.toContain(answerText);
		expect(await mailsOf(asker)).toMatchObject([{ attempts: 1, lastError: null, failedAt: null }]);
		expect((await mailsOf(asker))[0].sentAt).toBeInstanceOf(Date);
	});

	it('follows the member’s choice: an in-app kind queues no mail, an e-mail choice does', async () => {
		const member = await joinedMember();
		const threadId = await ask(peer);
		const answerId = await answer(member, threadId, 'Bei uns hat es geklappt.');
		await posts.setHelpful(peer.claims, answerId, true); // helpful: in the app only by default
		expect(await mailsOf(member)).toEqual([]);

		await notificationSettings.save(member.claims, [{ kind: 'helpful', delivery: 'immediate' }]);
		const second = await answer(member, threadId, 'Noch ein Hinweis dazu.');
		await posts.setHelpful(peer.claims, second, true);
		expect(await mailsOf(member)).toHaveLength(1);
	});
});

describe('moderation by e-mail', () => {
	it('tells the author of a removal at once with the reason; the flag’s decision waits for the digest', async () => {
		const [author, flagger, mod] = await Promise.all([
			joinedMember(),
			joinedMember('en'),
			moderator(communityId)
		]);
		const threadId = await ask(peer);
		const postId = await answer(author, threadId, 'Ihr seid alle ahnungslos.');
		await flagPost(flagger.claims, postId, 'abuse');
		const started = new Date();
		await moderationActions.remove(mod.claims, { threadId, postId }, 'Beleidigung anderer', null);
		await deliverTo(catcher, [author, flagger]);
		const removal = await waitForMail(author.email, { after: started, subject: /entfernt/ });
		expect(removal.text).toContain('Grund: Beleidigung anderer');
		expect(await mailsOf(flagger)).toEqual([]);

		await digestsAndMails([author, flagger], later(24 * hour));
		const digest = await waitForMail(flagger.email, { after: started, subject: /digest/ });
		expect(digest.text).toContain('was decided');
		expect(digest.text).toContain('Reason: removed');
		expect(linkIn(digest, /\/account\/flags/)).toBe(`${origin}/account/flags`);
		await owner`delete from public.community_moderators where member_id = ${mod.id}`;
	});
});

describe('the daily digest', () => {
	it('gathers the unread digest notifications of the day into one mail, once', async () => {
		const member = await joinedMember();
		const threadId = await ask(peer);
		const answerId = await answer(member, threadId, 'Unsere Erfahrung damit.');
		await answer(peer, threadId, 'Danke, wie lange hat es gedauert?', answerId);
		await threads.accept(peer.claims, threadId, answerId);
		const other = await ask(peer);
		const readOne = await answer(member, other, 'Noch eine Erfahrung.');
		await answer(peer, other, 'Und wie ging es weiter?', readOne);
		await owner`update public.notifications set read_at = now() where post_id in (select id from public.posts where parent_post_id = ${readOne})`;

		await deliverTo(catcher, [member]);
		expect(await mailsOf(member)).toEqual([]);

		const started = new Date();
		const tomorrow = later(24 * hour);
		await digestsAndMails([member], tomorrow);
		const digest = await waitForMail(member.email, { after: started, subject: /Zusammenfassung/ });
		expect(digest.text).toContain('Rückfrage zu deiner Antwort');
		expect(digest.text).toContain('hat geholfen');
		expect(digest.text!.match(/\/t\//g)).toHaveLength(2); // the read reply is not in it
		expect(digest.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
		expect(await mailsOf(member)).toMatchObject([{ notificationId: null, attempts: 1 }]);

		await digestsAndMails([member], later(25 * hour));
		expect(await mailsOf(member)).toHaveLength(1);
		expect(await notifications.list(member.claims)).toHaveLength(3);
	});
});

describe('a mail server that is down', () => {
	it('delays the mail, which is retried with backoff and then arrives; nothing is lost', async () => {
		const member = await joinedMember();
		const threadId = await ask(member);
		await answer(peer, threadId, 'Meldet euch beim Jugendamt.');

		const down = smtpTransport(`smtp://127.0.0.1:${await closedPort()}`);
		const outcome = await deliverTo(down, [member]);
		expect(outcome.failed).toBeGreaterThanOrEqual(1);
		const [failed] = await mailsOf(member);
		expect(failed).toMatchObject({ attempts: 1, sentAt: null, failedAt: null });
		expect(failed.lastError).toMatch(/^E[A-Z]+/);
		expect((await notifications.list(member.claims)).map((n) => n.kind)).toEqual(['answer']);

		// Not due again yet: the catcher is back, but the backoff holds it.
		await deliverTo(catcher, [member]);
		expect((await mailsOf(member))[0]).toMatchObject({ attempts: 1, sentAt: null });

		const started = new Date();
		await deliverTo(catcher, [member], later(6 * 60_000));
		await waitForMail(member.email, { after: started, subject: /Neue Antwort/ });
		expect((await mailsOf(member))[0]).toMatchObject({
			attempts: 2,
			lastError: null,
			failedAt: null
		});
	});

	it('gives up after eight attempts; the notification stays in the app', async () => {
		const member = await joinedMember();
		const threadId = await ask(member);
		await answer(peer, threadId, 'Ruft die Beratungsstelle an.');

		const down = smtpTransport(`smtp://127.0.0.1:${await closedPort()}`);
		for (let attempt = 1; attempt <= 8; attempt++) {
			await deliverTo(down, [member], later(attempt * 7 * hour));
			expect((await mailsOf(member))[0].attempts).toBe(attempt);
		}
		const [given] = await mailsOf(member);
		expect(given.failedAt).toBeInstanceOf(Date);
		expect(given.sentAt).toBeNull();

		await deliverTo(catcher, [member], later(100 * hour));
		expect((await mailsOf(member))[0]).toMatchObject({ attempts: 8, sentAt: null });
		expect((await notifications.list(member.claims)).map((n) => n.kind)).toEqual(['answer']);
	});
});

describe('unsubscribing with the link of a mail', () => {
	it('needs no sign-in, changes nothing when only looked at, and stops that kind of mail', async () => {
		const member = await joinedMember();
		const started = new Date();
		await answer(peer, await ask(member), 'Schaut mal beim Kinderschutzbund.');
		await deliverTo(catcher, [member]);
		const mail = await waitForMail(member.email, { after: started });
		const token = linkIn(mail, /\/unsubscribe\//)
			.split('/')
			.pop()!;

		expect(await notificationSettings.unsubscribeKinds(token)).toEqual(['answer']);
		expect(
			await owner`select 1 from public.notification_settings where member_id = ${member.id}`
		).toHaveLength(0);
		expect(await notificationSettings.unsubscribe(token)).toEqual(['answer']);
		expect(await notificationSettings.list(member.claims)).toContainEqual({
			kind: 'answer',
			delivery: 'in_app',
			alert: false
		});

		await answer(peer, await ask(member), 'Und beim Jugendamt nachfragen.');
		expect(await mailsOf(member)).toHaveLength(1);
		expect(await notifications.list(member.claims)).toHaveLength(2);
	});

	it('knows no guessed or altered token', async () => {
		expect(await notificationSettings.unsubscribeKinds('0'.repeat(64))).toBeNull();
		expect(await notificationSettings.unsubscribe('nicht-echt')).toBeNull();
	});
});
