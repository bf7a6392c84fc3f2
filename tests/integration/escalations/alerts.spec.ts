// Alerts that cannot be missed: an urgent item alerts every counsellor serving its
// community within the request that made it urgent (notification and queued mail); an
// overdue one alerts them again and a duty lead, once per item and due time; where
// nobody would hear, the admins. Overdue alerts are tested with the database's clock
// moved, in transactions rolled back (the job alerts every item of the database).
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Tx } from '$lib/server/data/db';
import * as escalations from '$lib/server/escalations';
import { composeMail, type NotificationMail } from '$lib/server/mail/notifications';
import * as posts from '$lib/server/forum/posts';
import { jobs } from '$lib/server/data/scheduler';
import * as threads from '$lib/server/forum/threads';
import {
	anAdmin,
	community,
	counsellor,
	escalationsOf,
	later,
	member,
	minutes,
	owner,
	question,
	reply,
	rolledBackAt,
	type TestMember
} from './support';
import { alertsAbout, ofThese, sorted, to } from './alert-rows';
import { createMember } from '../support';

let served: string;
let serving: TestMember;
let english: TestMember; // serves the community, reads English
let elsewhere: TestMember;
let lead: TestMember; // a duty lead: serves every community
let asker: TestMember; // a new one per test: members may ask five questions an hour

beforeEach(async () => {
	asker = await member(served);
});

beforeAll(async () => {
	served = await community();
	const admin = await anAdmin();
	[serving, elsewhere, lead] = await Promise.all([
		counsellor([served]),
		counsellor([await community()]),
		member(served)
	]);
	english = await createMember({ locale: 'en' });
	const { verify } = await import('$lib/server/members/counsellors');
	await verify(admin.claims, english.id, {
		profession: 'Social worker',
		organisation: 'Family Counselling Testhausen',
		communityIds: [served]
	});
	await verify(admin.claims, lead.id, {
		profession: 'Leitung Beratungsdienst',
		organisation: 'Beratungsstelle Testhausen',
		communityIds: [served],
		dutyLead: true
	});
});

describe('an urgent item', () => {
	it('alerts every counsellor serving the community within the same request, by notification and mail', async () => {
		const written = await threads.ask(
			asker.claims,
			served,
			question({ body: 'Ich will nicht mehr leben.' })
		);
		// Read right after the write returned: nothing later sent them.
		const rows = await alertsAbout(written.id);
		expect(ofThese(rows, serving, english, lead, elsewhere, asker)).toEqual(
			sorted(to('escalation_urgent', serving, english, lead))
		);
		// The alert is not also a new item in a queue (one notification per counsellor).
		expect(rows.filter((row) => row.kind === 'escalation_item')).toEqual([]);
		const [item] = await escalationsOf(written.id);
		const detail = await escalations.read(serving.claims, item.id);
		expect(detail?.history.map((entry) => entry.kind)).toEqual(['opened', 'alerted']);
		expect(detail?.alerts.filter((alert) => alert.recipient === serving.pseudonym)).toEqual([
			expect.objectContaining({ reason: 'urgent', priority: 'urgent', dueAt: item.dueAt })
		]);
	});

	it('raised from an open or a claimed item alerts at once too', async () => {
		for (const claimed of [false, true]) {
			const { id } = await threads.ask(asker.claims, served, question({ wantsProfessional: true }));
			const [item] = await escalationsOf(id);
			if (claimed) await escalations.claim(serving.claims, item.id);
			expect(ofThese(await alertsAbout(id), serving)).toEqual([
				{ memberId: serving.id, kind: 'escalation_item', mailed: true }
			]);
			const peer = await member(served);
			await escalations.flag(peer.claims, { threadId: id }, { reason: 'crisis' });
			expect(ofThese(await alertsAbout(id), serving, lead)).toEqual(
				expect.arrayContaining([
					...to('escalation_urgent', serving, lead),
					{ memberId: serving.id, kind: 'escalation_item', mailed: true }
				])
			);
			expect((await escalationsOf(id))[0]).toMatchObject({ priority: 'urgent' });
		}
	});

	it('raised by an answer with crisis words alerts within the answer’s request', async () => {
		const { id } = await threads.ask(asker.claims, served, question());
		await posts.answer(asker.claims, id, reply('Ich will nicht mehr leben.'));
		expect(ofThese(await alertsAbout(id), serving, english)).toEqual(
			sorted(to('escalation_urgent', serving, english))
		);
	});
});

describe('the alert mail', () => {
	/** The mail of a counsellor's alert about the thread, as the sender claims it (rolled back). */
	async function claimedAlert(threadId: string, who: TestMember) {
		let mail: (NotificationMail & { id: string }) | undefined;
		await rolledBackAt(new Date(), async (tx) => {
			const mails = await tx<(NotificationMail & { id: string; memberId: string })[]>`
				select c.id, c.locale, c.digest, c.alert, c.items, c.unsubscribe_token as "unsubscribeToken",
					o.member_id as "memberId"
				from public.claim_mails(100000) c join public.mail_outbox o on o.id = c.id
				where o.member_id = ${who.id}`;
			mail = mails.find((each) => each.items.some((item) => item.threadId === threadId));
			// Unsubscribing with an alert's token stops nothing.
			const [{ kinds }] = await tx<{ kinds: string[] }[]>`
				select kinds from public.unsubscribe_kinds(${mail!.unsubscribeToken})`;
			expect(kinds).toEqual([]);
		});
		return mail!;
	}

	it('says the priority and due time in the recipient’s language, and offers no unsubscribe', async () => {
		const title = `Sorge um meine Tochter ${Date.now()}`;
		const { id } = await threads.ask(
			asker.claims,
			served,
			question({ title, body: 'Meine Tochter ritzt sich.' })
		);
		const [item] = await escalationsOf(id);
		const due = new Intl.DateTimeFormat('de-DE', {
			dateStyle: 'medium',
			timeStyle: 'short',
			timeZone: 'Europe/Berlin'
		}).format(item.dueAt);
		const german = composeMail(await claimedAlert(id, serving), 'https://forum.test');
		expect(german.subject).toBe(
			`Dringend: „${title}“ in ${await communityName()}, fällig bis ${due}`
		);
		expect(german.text).toContain('lässt sich nicht abbestellen');
		expect(german.text).not.toContain('/unsubscribe/');
		expect(german.headers).toEqual({ Importance: 'high', 'X-Priority': '1' });

		const dueEnglish = new Intl.DateTimeFormat('en', {
			dateStyle: 'medium',
			timeStyle: 'short',
			timeZone: 'Europe/Berlin'
		}).format(item.dueAt);
		const inEnglish = composeMail(await claimedAlert(id, english), 'https://forum.test');
		expect(inEnglish.subject).toContain(`Urgent: “${title}”`);
		expect(inEnglish.subject).toContain(`due by ${dueEnglish}`);
		expect(inEnglish.text).toContain('cannot be unsubscribed');
	});

	it('goes out before every other mail that is due', async () => {
		const { id } = await threads.ask(asker.claims, served, question({ body: 'Ich will sterben.' }));
		expect((await alertsAbout(id)).length).toBeGreaterThan(0);
		// A mail due since yesterday waits: the sender takes the alerts first.
		await rolledBackAt(new Date(), async (tx) => {
			await tx`insert into public.mail_outbox (member_id, notification_id, next_attempt_at)
				select member_id, notification_id, now() - interval '1 day' from public.mail_outbox
				where not alert limit 1`;
			const [first] = await tx<{ alert: boolean }[]>`select alert from public.claim_mails(1)`;
			expect(first.alert).toBe(true);
		});
	});

	async function communityName() {
		const [{ name }] = await owner<{ name: string }[]>`
			select name from public.communities where id = ${served}`;
		return name;
	}
});

describe('an item past its due time', () => {
	const overdueJob = async (tx: Tx) => {
		await tx`set local role service_role`;
		const [{ done }] = await jobs.overdue_escalations(tx);
		await tx`reset role`;
		return done;
	};

	it('alerts the counsellors serving the community and the duty lead, once per item and due time', async () => {
		const { id } = await threads.ask(asker.claims, served, question({ wantsProfessional: true }));
		const [item] = await escalationsOf(id);
		await rolledBackAt(later(item.dueAt, -minutes(1)), async (tx) => {
			await overdueJob(tx);
			expect(ofThese(await alertsAbout(id, tx), serving, lead)).toEqual(
				sorted(to('escalation_item', serving, lead))
			);
		});
		await rolledBackAt(later(item.dueAt, minutes(1)), async (tx) => {
			expect(await overdueJob(tx)).toBeGreaterThanOrEqual(1);
			const overdue = (await alertsAbout(id, tx)).filter(
				(row) => row.kind === 'escalation_overdue'
			);
			expect(ofThese(overdue, serving, english, lead, elsewhere)).toEqual(
				sorted(to('escalation_overdue', serving, english, lead))
			);
			const [history] = await tx<{ kinds: string[] }[]>`
				select array_agg(kind::text order by at, id) as kinds from public.escalation_events
				where escalation_id = ${item.id}`;
			expect(history.kinds).toEqual(['opened', 'alerted']);
			// Once per due time: the next run (or another server's) alerts nobody again.
			const before = (await alertsAbout(id, tx)).length;
			await overdueJob(tx);
			expect(await alertsAbout(id, tx)).toHaveLength(before);
			// A new due time (raised to urgent, due at once) is alerted again when it passes.
			await tx`update public.escalations set priority = 'urgent', due_at = ${later(item.dueAt, minutes(-30))}
				where id = ${item.id}`;
			await overdueJob(tx);
			expect(
				(await alertsAbout(id, tx)).filter(
					(row) => row.kind === 'escalation_overdue' && row.memberId === lead.id
				)
			).toHaveLength(2);
		});
	});

	it('reaches the admins while no duty lead is named', async () => {
		const admin = await anAdmin();
		const { id } = await threads.ask(asker.claims, served, question({ wantsProfessional: true }));
		const [item] = await escalationsOf(id);
		await rolledBackAt(later(item.dueAt, minutes(1)), async (tx) => {
			await tx`update public.counsellor_profiles set duty_lead = false`;
			await overdueJob(tx);
			const overdue = (await alertsAbout(id, tx)).filter(
				(row) => row.kind === 'escalation_overdue'
			);
			expect(ofThese(overdue, admin, serving, lead)).toEqual(
				expect.arrayContaining(to('escalation_overdue', admin, serving))
			);
		});
	});
});

describe('a community no counsellor serves', () => {
	it('alerts the admins of every new item', async () => {
		const admin = await anAdmin();
		const lonely = await community();
		const someone = await member(lonely);
		await rolledBackAt(new Date(), async (tx) => {
			// Nobody serves it: no counsellor serving all communities, no duty lead.
			await tx`update public.counsellor_profiles set withdrawn_at = now() where serves_all`;
			const [{ id }] = await tx<{ id: string }[]>`
				insert into public.threads (community_id, author_id, title, body_markdown, body_html, wants_professional)
				values (${lonely}, ${someone.id}, 'Niemand betreut diese Gemeinschaft?', 'Hallo?', '<p>Hallo?</p>', true)
				returning id`;
			const rows = await alertsAbout(id, tx);
			expect(ofThese(rows, admin)).toEqual(to('escalation_unserved', admin));
			const [alert] = await tx<{ reason: string; priority: string }[]>`
				select a.reason, a.priority from public.escalation_alerts a
				join public.notifications n on n.id = a.notification_id
				where n.thread_id = ${id} and a.member_id = ${admin.id}`;
			expect(alert).toEqual({ reason: 'unserved', priority: 'high' });
		});
	});
});

describe('the alerts', () => {
	it('are seen by the counsellors serving the community and by whom they reached, nobody else', async () => {
		const { id } = await threads.ask(asker.claims, served, question({ body: 'Ich will sterben.' }));
		const [item] = await escalationsOf(id);
		const read = (who: TestMember) =>
			owner.begin(async (tx) => {
				await tx`select set_config('role', 'authenticated', true),
					set_config('request.jwt.claims', ${JSON.stringify(who.claims)}, true)`;
				return tx<{ memberId: string }[]>`
					select member_id as "memberId" from public.escalation_alerts where escalation_id = ${item.id}`;
			});
		expect((await read(serving)).length).toBeGreaterThanOrEqual(3);
		expect(await read(elsewhere)).toEqual([]);
		expect(await read(asker)).toEqual([]);
		expect(await read(await anAdmin())).toEqual([]);
		expect(await escalations.read(elsewhere.claims, item.id)).toBeNull();
		const [{ log }] = await owner<{ log: number }[]>`
			select count(*)::int as log from public.escalation_alerts where escalation_id = ${item.id}`;
		expect(log).toBeGreaterThanOrEqual(3);
	});
});
