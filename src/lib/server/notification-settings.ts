// Which notifications a member also gets by e-mail, and unsubscribing from a mail's link.
import type { Delivery } from '$lib/notification-kinds';
import type { Claims } from './db';
import { transaction } from './db';

export type NotificationSetting = { kind: string; delivery: Delivery };

/**
 * The kinds this member can receive (by site role and moderation), with their choice or
 * the default. Alerts are always mailed at once (`alert`): shown, never a choice. Admins
 * receive the overdue alerts while no duty lead is named.
 */
export async function list(claims: Claims) {
	return transaction(
		claims,
		(tx) => tx<(NotificationSetting & { alert: boolean })[]>`
		select k.kind, case when k.alert then 'immediate' else coalesce(s.delivery, k.default_delivery) end as delivery,
			k.alert
		from public.notification_kinds k
		left join public.notification_settings s on s.kind = k.kind and s.member_id = (select auth.uid())
		where k.audience = 'member'
			or (k.audience = 'counsellor' and ((select public.is_counsellor()) or (k.alert and (select public.is_admin()))))
			or (k.audience = 'admin' and (select public.is_admin()))
			or (k.audience = 'moderator' and exists (
				select 1 from public.community_moderators cm where cm.member_id = (select auth.uid())))
		order by k.position`
	);
}

/** The member's choices; alerts are not among them (the database refuses a row for one). */
export async function save(claims: Claims, settings: NotificationSetting[]) {
	if (settings.length === 0) return;
	await transaction(
		claims,
		(tx) => tx`
		insert into public.notification_settings (kind, delivery)
		select * from unnest(${settings.map((s) => s.kind)}::text[], ${settings.map((s) => s.delivery)}::public.mail_delivery[])
		on conflict (member_id, kind) do update set delivery = excluded.delivery`
	);
}

/** The kinds a mail's unsubscribe link would stop, or null for an unknown link. Changes nothing. */
export async function unsubscribeKinds(token: string) {
	const [row] = await transaction(
		null,
		(tx) => tx<{ kinds: string[] }[]>`select kinds from public.unsubscribe_kinds(${token})`
	);
	return row ? row.kinds : null;
}

/** Keeps those kinds in the app only; null for an unknown link. */
export async function unsubscribe(token: string) {
	const [row] = await transaction(
		null,
		(tx) => tx<{ kinds: string[] | null }[]>`select public.unsubscribe(${token}) as kinds`
	);
	return row.kinds;
}
