// Notification settings and the mail outbox: a member reads and changes only their
// own settings; the outbox and the sender's functions are out of every member's reach.
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '$lib/server/data/db';
import * as notificationSettings from '$lib/server/members/notification-settings';
import * as privacy from '$lib/server/members/privacy';
import { createMember, owner, type TestMember } from '../support';

let member: TestMember;
let other: TestMember;
let counsellor: TestMember;
let moderator: TestMember;
let admin: TestMember;

beforeAll(async () => {
	[member, other, counsellor, admin] = await Promise.all([
		createMember(),
		createMember(),
		createMember({ role: 'counsellor' }),
		createMember({ role: 'admin' })
	]);
	moderator = await createMember();
	await owner`insert into public.community_moderators (community_id, member_id)
		select id, ${moderator.id} from public.communities where slug = 'trennung-familie'`;
});

describe('notification settings', () => {
	it('start from the defaults, list only the kinds the member can get, and save', async () => {
		expect(await notificationSettings.list(member.claims)).toEqual(
			[
				{ kind: 'answer', delivery: 'immediate' },
				{ kind: 'professional_answer', delivery: 'immediate' },
				{ kind: 'escalation_resolved', delivery: 'immediate' },
				{ kind: 'escalation_resolved_text', delivery: 'immediate' },
				{ kind: 'reply', delivery: 'digest' },
				{ kind: 'accepted', delivery: 'digest' },
				{ kind: 'guide_written', delivery: 'digest' },
				{ kind: 'idea_answered', delivery: 'immediate' },
				{ kind: 'helpful', delivery: 'in_app' },
				{ kind: 'post_removed', delivery: 'immediate' },
				{ kind: 'post_restored', delivery: 'immediate' },
				{ kind: 'guide_removed', delivery: 'immediate' },
				{ kind: 'guide_restored', delivery: 'immediate' },
				{ kind: 'warning', delivery: 'immediate' },
				{ kind: 'suspension', delivery: 'immediate' },
				{ kind: 'flag_decided', delivery: 'digest' }
			].map((setting) => ({ ...setting, alert: false }))
		);
		expect(await notificationSettings.list(counsellor.claims)).toContainEqual({
			kind: 'escalation_item',
			delivery: 'immediate',
			alert: false
		});
		expect(await notificationSettings.list(counsellor.claims)).toContainEqual({
			kind: 'idea_threshold',
			delivery: 'immediate',
			alert: false
		});
		expect(await notificationSettings.list(counsellor.claims)).toContainEqual({
			kind: 'needs_summary',
			delivery: 'immediate',
			alert: false
		});
		const moderatorKinds = (await notificationSettings.list(moderator.claims)).map((s) => s.kind);
		expect(moderatorKinds).toContain('moderation_item');
		expect(moderatorKinds).not.toContain('escalation_item');
		await notificationSettings.save(member.claims, [
			{ kind: 'answer', delivery: 'digest' },
			{ kind: 'helpful', delivery: 'immediate' }
		]);
		await notificationSettings.save(member.claims, [{ kind: 'answer', delivery: 'in_app' }]);
		const saved = await notificationSettings.list(member.claims);
		expect(saved).toContainEqual({ kind: 'answer', delivery: 'in_app', alert: false });
		expect(saved).toContainEqual({ kind: 'helpful', delivery: 'immediate', alert: false });
	});

	it('show counsellors and admins their alerts as always mailed at once, never a choice', async () => {
		const alerts = async (who: TestMember) =>
			(await notificationSettings.list(who.claims)).filter((setting) => setting.alert);
		expect(await alerts(counsellor)).toEqual([
			{ kind: 'escalation_urgent', delivery: 'immediate', alert: true },
			{ kind: 'escalation_overdue', delivery: 'immediate', alert: true }
		]);
		expect(await alerts(admin)).toEqual([
			{ kind: 'escalation_urgent', delivery: 'immediate', alert: true },
			{ kind: 'escalation_overdue', delivery: 'immediate', alert: true },
			{ kind: 'escalation_unserved', delivery: 'immediate', alert: true }
		]);
		expect(await alerts(member)).toEqual([]);
		expect(await alerts(moderator)).toEqual([]);
	});

	it('cannot switch an alert off: saving or writing the table leaves it mailed at once', async () => {
		for (const delivery of ['in_app', 'digest'] as const) {
			await expect(
				notificationSettings.save(counsellor.claims, [{ kind: 'escalation_urgent', delivery }])
			).rejects.toMatchObject({ code: '42501' });
		}
		await notificationSettings.save(counsellor.claims, [
			{ kind: 'escalation_item', delivery: 'digest' }
		]);
		await expect(
			transaction(
				counsellor.claims,
				(tx) => tx`update public.notification_settings set kind = 'escalation_overdue'
					where member_id = ${counsellor.id} and kind = 'escalation_item'`
			)
		).rejects.toMatchObject({ code: '42501' });
		// A row written past the rules (the owner) still counts for nothing.
		await owner`insert into public.notification_settings (member_id, kind, delivery)
			values (${counsellor.id}, 'escalation_urgent', 'in_app')`;
		const [{ delivery }] = await owner<{ delivery: string }[]>`
			select public.mail_delivery_for(${counsellor.id}, 'escalation_urgent') as delivery`;
		expect(delivery).toBe('immediate');
		expect(
			(await notificationSettings.list(counsellor.claims)).find(
				(s) => s.kind === 'escalation_urgent'
			)
		).toEqual({ kind: 'escalation_urgent', delivery: 'immediate', alert: true });
	});

	it("are the member's own: another's cannot be read, added, changed or removed", async () => {
		await notificationSettings.save(other.claims, [{ kind: 'reply', delivery: 'immediate' }]);
		const seen = await transaction(
			member.claims,
			(tx) => tx`select member_id from public.notification_settings where member_id = ${other.id}`
		);
		expect(seen).toEqual([]);
		await expect(
			transaction(
				member.claims,
				(tx) => tx`insert into public.notification_settings (member_id, kind, delivery)
					values (${other.id}, 'answer', 'in_app')`
			)
		).rejects.toMatchObject({ code: '42501' });
		const changed = await transaction(
			member.claims,
			(tx) =>
				tx`update public.notification_settings set delivery = 'in_app' where member_id = ${other.id}`
		);
		const removed = await transaction(
			member.claims,
			(tx) => tx`delete from public.notification_settings where member_id = ${other.id}`
		);
		expect([changed.count, removed.count]).toEqual([0, 0]);
		expect(
			await owner`select delivery from public.notification_settings where member_id = ${other.id}`
		).toEqual([{ delivery: 'immediate' }]);
	});

	it('refuse a kind that does not exist', async () => {
		await expect(
			notificationSettings.save(member.claims, [{ kind: 'werbung', delivery: 'immediate' }])
		).rejects.toMatchObject({ code: '23503' });
	});

	it('are nothing to a visitor', async () => {
		await expect(
			transaction(null, (tx) => tx`select * from public.notification_settings`)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('are in the data export', async () => {
		const data = await privacy.exportData(other.claims);
		expect(data.notification_settings).toMatchObject([{ kind: 'reply', delivery: 'immediate' }]);
		expect(data.mails).toEqual([]);
		expect(data.profile).toMatchObject({ pseudonym: other.pseudonym });
	});
});

describe('the mail outbox', () => {
	it('is out of reach of members and visitors, and so are the functions of the sender', async () => {
		for (const claims of [member.claims, null]) {
			await expect(
				transaction(claims, (tx) => tx`select * from public.mail_outbox`)
			).rejects.toMatchObject({ code: '42501' });
			for (const call of [
				'select * from public.claim_mails(10)',
				'select public.queue_digests()',
				"select public.mail_sent('00000000-0000-4000-8000-000000000000')",
				"select public.mail_attempt_failed('00000000-0000-4000-8000-000000000000', 'x')",
				'select public.export_my_forum_data()'
			]) {
				await expect(transaction(claims, (tx) => tx.unsafe(call))).rejects.toMatchObject({
					code: '42501'
				});
			}
		}
	});
});
