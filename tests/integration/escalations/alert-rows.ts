// The alerts a test looks for: who was notified of a thread, by kind, with their queued
// mail (alerts.spec.ts), read as the owner or in a test's transaction.
import type { Tx } from '$lib/server/data/db';
import { owner, type TestMember } from './support';

type Sql = Tx | typeof owner;

/** Who was notified of the thread, by kind, with their queued mail (owner's view). */
export async function alertsAbout(threadId: string, sql: Sql = owner) {
	return sql<{ memberId: string; kind: string; mailed: boolean }[]>`
		select n.member_id as "memberId", n.kind, exists (
			select 1 from public.mail_outbox o where o.notification_id = n.id) as mailed
		from public.notifications n where n.thread_id = ${threadId} and n.kind like 'escalation_%'
		order by n.kind, n.member_id`;
}
export const to = (kind: string, ...who: TestMember[]) =>
	who.map((one) => ({ memberId: one.id, kind, mailed: true }));
export const ofThese = (rows: { memberId: string }[], ...who: TestMember[]) =>
	rows.filter((row) => who.some((one) => one.id === row.memberId));
/** In the order alertsAbout reads them. */
export const sorted = <Row extends { kind: string; memberId: string }>(rows: Row[]) =>
	rows.sort((a, b) => a.kind.localeCompare(b.kind) || a.memberId.localeCompare(b.memberId));
