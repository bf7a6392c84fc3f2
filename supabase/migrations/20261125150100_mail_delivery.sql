-- Notifications by e-mail. Each member chooses per kind of notification whether it
-- comes by e-mail at once, in a daily digest, or only in the app. Mails wait in an
-- outbox in Postgres: the app's mail sender (src/lib/server/mail/delivery.ts) claims
-- due mails, sends them and retries with backoff, so a mail server that is down
-- delays mails but never loses a notification and never fails the request behind it.

create type public.mail_delivery as enum ('in_app', 'immediate', 'digest');

-- Every kind of notification, with what a member gets unless they chose otherwise.
-- audience: who can receive the kind at all (the settings page lists only those).
-- alert: urgent and overdue escalations are not preferences: always mailed at once,
-- never in a digest, never unsubscribed (escalation_alerts, 20261125150050_escalation_alerts.sql).
create table public.notification_kinds (
	kind text primary key check (kind ~ '^[a-z_]{3,40}$'),
	default_delivery public.mail_delivery not null,
	audience text not null default 'member' check (audience in ('member', 'counsellor', 'moderator', 'admin')),
	position smallint not null unique,
	alert boolean not null default false,
	check (not alert or default_delivery = 'immediate')
);
insert into public.notification_kinds (kind, default_delivery, audience, position, alert) values
	('answer', 'immediate', 'member', 10, false),
	('professional_answer', 'immediate', 'member', 20, false),
	('escalation_resolved', 'immediate', 'member', 25, false),
	('escalation_resolved_text', 'immediate', 'member', 26, false),
	('reply', 'digest', 'member', 30, false),
	('accepted', 'digest', 'member', 40, false),
	('guide_written', 'digest', 'member', 45, false),
	('idea_answered', 'immediate', 'member', 47, false),
	('helpful', 'in_app', 'member', 50, false),
	('post_removed', 'immediate', 'member', 60, false),
	('post_restored', 'immediate', 'member', 70, false),
	('guide_removed', 'immediate', 'member', 75, false),
	('guide_restored', 'immediate', 'member', 76, false),
	('warning', 'immediate', 'member', 80, false),
	('suspension', 'immediate', 'member', 90, false),
	('flag_decided', 'digest', 'member', 100, false),
	('escalation_urgent', 'immediate', 'counsellor', 190, true),
	('escalation_overdue', 'immediate', 'counsellor', 195, true),
	('escalation_item', 'immediate', 'counsellor', 200, false),
	('escalation_assigned', 'immediate', 'counsellor', 210, false),
	('idea_threshold', 'immediate', 'counsellor', 220, false),
	('needs_summary', 'immediate', 'counsellor', 230, false),
	('booking_requested', 'immediate', 'counsellor', 240, false),
	('booking_confirmed', 'immediate', 'counsellor', 241, false),
	('booking_declined', 'immediate', 'counsellor', 242, false),
	('booking_withdrawn', 'immediate', 'counsellor', 243, false),
	('resource_request_answered', 'immediate', 'counsellor', 244, false),
	('service_confirmation_due', 'immediate', 'counsellor', 245, false),
	('escalation_unserved', 'immediate', 'admin', 250, true),
	('moderation_item', 'digest', 'moderator', 300, false);

alter table public.notification_kinds enable row level security;
create policy "Everyone reads the kinds of notifications" on public.notification_kinds
	for select to anon, authenticated using (true);
revoke all on public.notification_kinds from anon, authenticated;
grant select on public.notification_kinds to anon, authenticated;

-- A member's choices; a kind without a row takes its default.
create table public.notification_settings (
	member_id uuid not null default auth.uid() references public.members (id) on delete cascade,
	kind text not null references public.notification_kinds (kind) on delete cascade,
	delivery public.mail_delivery not null,
	updated_at timestamptz not null default now(),
	primary key (member_id, kind)
);
create trigger touch_notification_settings before update on public.notification_settings
for each row execute function public.touch_updated_at();

alter table public.notification_settings enable row level security;
create policy "Members read their own notification settings" on public.notification_settings
	for select to authenticated using (member_id = (select auth.uid()));
-- Alerts are not a setting: no row for them is ever written (and none would count).
create policy "Members add their own notification settings, alerts excepted" on public.notification_settings
	for insert to authenticated with check (member_id = (select auth.uid()) and not exists (
		select 1 from public.notification_kinds k where k.kind = notification_settings.kind and k.alert));
create policy "Members change their own notification settings, alerts excepted" on public.notification_settings
	for update to authenticated using (member_id = (select auth.uid())) with check (member_id = (select auth.uid())
		and not exists (select 1 from public.notification_kinds k where k.kind = notification_settings.kind and k.alert));
create policy "Members remove their own notification settings" on public.notification_settings
	for delete to authenticated using (member_id = (select auth.uid()));
revoke all on public.notification_settings from anon, authenticated;
grant select, insert (member_id, kind, delivery), update (delivery), delete on public.notification_settings to authenticated;

create function public.mail_delivery_for(member uuid, notification_kind text) returns public.mail_delivery
language sql stable security definer set search_path = '' as $$
	select coalesce(
		(select 'immediate'::public.mail_delivery from public.notification_kinds k where k.kind = notification_kind and k.alert),
		(select s.delivery from public.notification_settings s where s.member_id = member and s.kind = notification_kind),
		(select k.default_delivery from public.notification_kinds k where k.kind = notification_kind),
		'in_app'
	);
$$;

-- The outbox ----------------------------------------------------------------------
-- A mail sent at once carries one notification; a digest carries those whose
-- digest_mail_id points at it. Addresses are looked up when sending, never copied.
create table public.mail_outbox (
	id uuid primary key default gen_random_uuid(),
	member_id uuid not null references public.members (id) on delete cascade,
	notification_id uuid references public.notifications (id) on delete cascade,
	created_at timestamptz not null default now(),
	next_attempt_at timestamptz not null default now(),
	attempts smallint not null default 0,
	-- An error code only: server replies can quote the address.
	last_error text check (char_length(last_error) <= 200),
	sent_at timestamptz,
	failed_at timestamptz,
	-- Of the unsubscribe link's token, so the table alone never unsubscribes anyone.
	unsubscribe_token_hash bytea unique,
	-- An alert's mail (notification_kinds.alert) goes out before any other that is due.
	alert boolean not null default false
);
create index mail_outbox_due_idx on public.mail_outbox (alert desc, next_attempt_at)
	where sent_at is null and failed_at is null;
create index mail_outbox_member_idx on public.mail_outbox (member_id);
create index mail_outbox_notification_idx on public.mail_outbox (notification_id);
alter table public.mail_outbox enable row level security;
revoke all on public.mail_outbox from anon, authenticated;

-- A notification names the digest mail that carried it, an immediate mail the
-- notification it carries: the tables refer to each other, so this key comes last.
alter table public.notifications add constraint notifications_digest_mail_id_fkey
	foreign key (digest_mail_id) references public.mail_outbox (id) on delete set null;

-- Decided when the notification arrives, by the member's settings at that moment.
create function public.mark_notification_for_digest() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	new.awaiting_digest := public.mail_delivery_for(new.member_id, new.kind) = 'digest';
	return new;
end;
$$;
create trigger mark_notification_for_digest before insert on public.notifications
for each row execute function public.mark_notification_for_digest();

create function public.queue_notification_mail() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	if public.mail_delivery_for(new.member_id, new.kind) = 'immediate' then
		insert into public.mail_outbox (member_id, notification_id, alert)
		values (new.member_id, new.id, exists (select 1 from public.notification_kinds k where k.kind = new.kind and k.alert));
	end if;
	return null;
end;
$$;
create trigger queue_notification_mail after insert on public.notifications
for each row execute function public.queue_notification_mail();

-- The daily digest: at 07:00 Berlin time each member with notifications awaiting the
-- digest from before then gets one mail with all of them. Idempotent, so every sender
-- may call it as often as it likes; `at` lets tests pick the day.
create function public.queue_digests(at timestamptz default now()) returns integer
language plpgsql security definer set search_path = '' as $$
declare
	cutoff timestamptz := (date_trunc('day', at at time zone 'Europe/Berlin') + interval '7 hours') at time zone 'Europe/Berlin';
	queued integer;
begin
	if cutoff > at then
		cutoff := cutoff - interval '1 day';
	end if;
	-- Two senders at once would otherwise both queue a digest for the same member.
	perform pg_advisory_xact_lock(hashtext('public.queue_digests'));
	-- Read in the app meanwhile, or taken off e-mail since: nothing left to mail.
	update public.notifications n set awaiting_digest = false
	where n.awaiting_digest and n.created_at < cutoff
		and (n.read_at is not null or public.mail_delivery_for(n.member_id, n.kind) <> 'digest');
	with recipients as (
		select distinct n.member_id from public.notifications n where n.awaiting_digest and n.created_at < cutoff
	), mails as (
		insert into public.mail_outbox (member_id) select member_id from recipients
		returning id, member_id
	), gathered as (
		update public.notifications n set awaiting_digest = false, digest_mail_id = mails.id
		from mails where n.member_id = mails.member_id and n.awaiting_digest and n.created_at < cutoff
		returning n.digest_mail_id
	)
	select count(distinct digest_mail_id) into queued from gathered;
	return queued;
end;
$$;

-- Claims up to `batch` due mails for one sender, alerts first: skips rows another
-- sender holds, counts the attempt and leases the row for ten minutes (a sender that
-- dies mid-send leaves it to be retried). Each claim gets a fresh unsubscribe token.
-- `recipients` limits a run to some members' mails: tests that deliver run beside
-- others whose mails are not theirs to send.
create function public.claim_mails(batch integer, at timestamptz default now(), recipients uuid[] default null)
returns table (id uuid, email text, locale public.locale, digest boolean, alert boolean, items jsonb,
	unsubscribe_token text)
language sql volatile security definer set search_path = '' as $$
	with due as (
		select o.id, encode(extensions.gen_random_bytes(32), 'hex') as token
		from public.mail_outbox o
		where o.sent_at is null and o.failed_at is null and o.next_attempt_at <= at
			and (recipients is null or o.member_id = any (recipients))
		order by o.alert desc, o.next_attempt_at
		limit batch
		for update skip locked
	), claimed as (
		update public.mail_outbox o
		set attempts = o.attempts + 1, next_attempt_at = at + interval '10 minutes',
			unsubscribe_token_hash = extensions.digest(due.token, 'sha256')
		from due where o.id = due.id
		returning o.id, o.member_id, o.notification_id, o.alert, due.token
	)
	select c.id, u.email::text, coalesce(s.locale, 'de'), c.notification_id is null, c.alert,
		-- An alert says the item's priority and due time, and its community.
		coalesce((select jsonb_agg(jsonb_build_object('kind', n.kind, 'threadId', n.thread_id,
				'postId', n.post_id, 'guideId', n.guide_id, 'ideaId', n.idea_id, 'bookingId', n.booking_id,
				'resourceId', n.resource_id, 'serviceId', n.service_id,
				'title', coalesce(t.title, g.title, i.title, r.title, ar.title, sv.name),
				'reason', n.reason,
				'priority', a.priority, 'dueAt', a.due_at, 'community', cm.name, 'communitySlug', cm.slug)
				order by n.created_at)
			from public.notifications n left join public.threads t on t.id = n.thread_id
			left join public.guides g on g.id = n.guide_id
			left join public.service_ideas i on i.id = n.idea_id
			left join public.resource_bookings b on b.id = n.booking_id
			left join public.shared_resources r on r.id = b.resource_id
			left join public.shared_resources ar on ar.id = n.resource_id
			left join public.services sv on sv.id = n.service_id
			left join public.escalation_alerts a on a.notification_id = n.id
			left join public.communities cm on cm.id = n.community_id
			where n.id = c.notification_id or n.digest_mail_id = c.id), '[]'),
		c.token
	from claimed c
	left join auth.users u on u.id = c.member_id
	left join public.member_settings s on s.member_id = c.member_id;
$$;

create function public.mail_sent(mail uuid) returns void
language sql security definer set search_path = '' as $$
	update public.mail_outbox set sent_at = now(), last_error = null where id = mail;
$$;

-- Backoff doubles from five minutes up to six hours; after eight attempts (about
-- ten and a half hours) the mail is given up. The notification stays in the app.
create function public.mail_attempt_failed(mail uuid, error text, at timestamptz default now()) returns void
language sql security definer set search_path = '' as $$
	update public.mail_outbox
	set last_error = left(error, 200),
		failed_at = case when attempts >= 8 then at end,
		next_attempt_at = at + least(interval '5 minutes' * 2 ^ (attempts - 1), interval '6 hours')
	where id = mail;
$$;

-- Unsubscribing ---------------------------------------------------------------------
-- The link's token stands for one mail: a mail sent at once stops its kind, a digest
-- every kind the member gets in digests. Unknown tokens give no member.
create function public.unsubscribe_kinds(token text)
returns table (member_id uuid, kinds text[])
language sql stable security definer set search_path = '' as $$
	select o.member_id, array(
		select k.kind from public.notification_kinds k
		where not k.alert and case when o.notification_id is null
			then public.mail_delivery_for(o.member_id, k.kind) = 'digest'
			else k.kind = (select n.kind from public.notifications n where n.id = o.notification_id) end
		order by k.position)
	from public.mail_outbox o
	where o.unsubscribe_token_hash = extensions.digest(token, 'sha256');
$$;

-- Needs no sign-in: the token is 256 random bits, sent only to the member's address.
-- Returns the kinds now kept in the app, or null for an unknown token.
create function public.unsubscribe(token text) returns text[]
language plpgsql security definer set search_path = '' as $$
declare
	found_member uuid;
	found_kinds text[];
begin
	select u.member_id, u.kinds into found_member, found_kinds from public.unsubscribe_kinds(token) u;
	if found_member is null then
		return null;
	end if;
	insert into public.notification_settings (member_id, kind, delivery)
	select found_member, kind, 'in_app' from unnest(found_kinds) kind
	on conflict (member_id, kind) do update set delivery = 'in_app';
	return found_kinds;
end;
$$;

revoke execute on function public.mail_delivery_for(uuid, text), public.mark_notification_for_digest(),
	public.queue_notification_mail(), public.queue_digests(timestamptz), public.claim_mails(integer, timestamptz, uuid[]),
	public.mail_sent(uuid), public.mail_attempt_failed(uuid, text, timestamptz)
	from public, anon, authenticated;
grant execute on function public.queue_digests(timestamptz), public.claim_mails(integer, timestamptz, uuid[]),
	public.mail_sent(uuid), public.mail_attempt_failed(uuid, text, timestamptz) to service_role;
revoke execute on function public.unsubscribe_kinds(text), public.unsubscribe(text) from public;
grant execute on function public.unsubscribe_kinds(text), public.unsubscribe(text) to anon, authenticated;
