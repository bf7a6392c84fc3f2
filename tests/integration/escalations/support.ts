// Shared arrangements for the escalation tests: every test file works in
// communities of its own, so no file sees another's queue items.
import { randomUUID } from 'node:crypto';
import * as communities from '$lib/server/communities';
import * as counsellors from '$lib/server/counsellors';
import { transaction, type Claims, type Tx } from '$lib/server/db';
import * as threads from '$lib/server/threads';
import { createMember, owner, type TestMember } from '../support';

export { owner, createMember, type TestMember };

let admin: Promise<TestMember> | undefined;
/** One admin per test file, to verify counsellors. */
export const anAdmin = () => (admin ??= createMember({ role: 'admin' }));

export type CommunitySettings = { crisisPolicy?: 'publish' | 'hold'; waiting?: string };

/** A fresh community; settings as given, defaults otherwise. */
export async function community(settings: CommunitySettings = {}) {
	const slug = `eskalation-${randomUUID().slice(0, 8)}`;
	const [created] = await owner<{ id: string }[]>`
		insert into public.communities (slug, name, topic, crisis_policy, escalation_waiting_time)
		values (${slug}, ${`Eskalation ${slug}`}, 'Test', ${settings.crisisPolicy ?? 'publish'},
			${settings.waiting ?? '48 hours'}::interval)
		returning id`;
	return created.id;
}

/** A member who joined the given communities. */
export async function member(...communityIds: string[]) {
	const created = await createMember();
	for (const id of communityIds) await communities.join(created.claims, id);
	return created;
}

/** A verified counsellor serving the given communities (all of them for null), joined to them. */
export async function counsellor(communityIds: string[] | null, joined: string[] = []) {
	const created = await member(...(communityIds ?? []), ...joined);
	await counsellors.verify((await anAdmin()).claims, created.id, {
		profession: 'Sozialpädagogin',
		organisation: 'Beratungsstelle Testhausen',
		communityIds
	});
	return created;
}

export async function moderator(communityId: string) {
	const created = await member(communityId);
	await owner`insert into public.community_moderators (community_id, member_id) values (${communityId}, ${created.id})`;
	return created;
}

export const question = (overrides: Partial<threads.Question> = {}): threads.Question => ({
	title: `Wer kann uns helfen ${randomUUID().slice(0, 8)}?`,
	body: 'Wir wissen nicht weiter und suchen Erfahrungen.',
	tags: [],
	anonymous: false,
	wantsProfessional: false,
	idempotencyKey: randomUUID(),
	...overrides
});

export const reply = (body: string, parentPostId: string | null = null) => ({
	body,
	parentPostId,
	idempotencyKey: randomUUID()
});

/** Runs work in one transaction of the given member with "now" moved to `at`. */
export function atTime<T>(claims: Claims, at: Date, work: (tx: Tx) => Promise<T>) {
	return transaction(claims, async (tx) => {
		await tx`select set_config('ratnetz.clock', ${at.toISOString()}, true)`;
		return work(tx);
	});
}

/**
 * A question asked `ago` milliseconds ago: its time moved back, since the scheduled jobs
 * run on the database's clock for every community at once (a test that moved the clock
 * forward would escalate other tests' questions too).
 */
export async function askedAgo(threadId: string, ago: number) {
	await owner`update public.threads set created_at = now() - ${ago / 1000} * interval '1 second'
		where id = ${threadId}`;
}

/**
 * Runs `work` as the database's owner in a transaction that is rolled back, the clock at
 * `at`: a scheduled job with the clock moved changes nothing outside the test.
 */
export async function rolledBackAt(at: Date, work: (tx: Tx) => Promise<void>) {
	const rollback = new Error('rollback');
	await owner
		.begin(async (tx) => {
			await tx`select set_config('ratnetz.clock', ${at.toISOString()}, true)`;
			await work(tx as unknown as Tx);
			throw rollback;
		})
		.catch((error) => {
			if (error !== rollback) throw error;
		});
}

export const minutes = (n: number) => n * 60_000;
export const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

/** The thread's escalations as the database owner sees them (tests' arrangement only). */
export async function escalationsOf(threadId: string) {
	return owner<{ id: string; priority: string; state: string; openedAt: Date; dueAt: Date }[]>`
		select id, priority, state, opened_at as "openedAt", due_at as "dueAt"
		from public.escalations where thread_id = ${threadId} order by opened_at`;
}

/** The kinds of an item's history, in order. */
export async function historyKinds(escalationId: string) {
	const rows = await owner<{ kind: string }[]>`
		select kind from public.escalation_events where escalation_id = ${escalationId} order by at, id`;
	return rows.map((row) => row.kind);
}
