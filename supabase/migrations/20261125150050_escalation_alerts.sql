-- Alerts that cannot be missed: an urgent item (new, raised to urgent, or moved to
-- another community) alerts every counsellor serving its community at once, in the
-- same transaction as the write that made it urgent; an item past its due time alerts
-- them again, once per item and due time, duty leads included (they serve every
-- community). Admins stand in where nobody would hear: for a community no counsellor
-- serves (every new item), and for overdue items while no duty lead is named.
-- Alerts are notifications of kinds that are always mailed at once and cannot be
-- turned off or unsubscribed (notification_kinds.alert, 20261125150100_mail_delivery.sql);
-- each one is logged here, with its mail's fate in the outbox.

create type public.escalation_alert_reason as enum ('urgent', 'overdue', 'unserved');

create table public.escalation_alerts (
	id bigint generated always as identity primary key,
	escalation_id uuid not null references public.escalations (id) on delete cascade,
	reason public.escalation_alert_reason not null,
	-- What the alert said: the item's priority and due time at that moment.
	priority public.escalation_priority not null,
	due_at timestamptz not null,
	member_id uuid references public.members (id) on delete set null,
	notification_id uuid references public.notifications (id) on delete set null,
	at timestamptz not null default public.clock()
);
create index escalation_alerts_escalation_idx on public.escalation_alerts (escalation_id, at, id);
create index escalation_alerts_notification_idx on public.escalation_alerts (notification_id);

-- Alerts about an item: cause 'urgent' and 'overdue' alert its community's counsellors;
-- admins hear of any item ('opened' too) where nobody serves, and of overdue ones while
-- no duty lead is named. The item's history records whom the alert reached.
create function public.alert_escalation(item uuid, cause text) returns integer
language plpgsql security definer set search_path = '' as $$
declare
	target public.escalations;
	served boolean;
	reached integer;
begin
	select * into target from public.escalations e where e.id = item;
	served := exists (select 1 from public.serving_counsellors(target.community_id));
	with recipients as (
		select counsellor as member_id, cause::public.escalation_alert_reason as reason
		from public.serving_counsellors(target.community_id) counsellor
		where cause in ('urgent', 'overdue')
		union
		select m.id, case when served then 'overdue' else 'unserved' end::public.escalation_alert_reason
		from public.members m
		where m.site_role = 'admin' and (not served or (cause = 'overdue' and not exists (
			select 1 from public.counsellor_profiles p join public.members c on c.id = p.member_id
			where p.duty_lead and p.withdrawn_at is null and c.site_role = 'counsellor')))
	), notified as (
		insert into public.notifications (member_id, kind, thread_id, idea_id, guide_id, community_id)
		select r.member_id, 'escalation_' || r.reason, target.thread_id, target.idea_id, target.guide_id, target.community_id
		from recipients r
		returning id, member_id, kind
	)
	insert into public.escalation_alerts (escalation_id, reason, priority, due_at, member_id, notification_id)
	select target.id, substr(n.kind, 12)::public.escalation_alert_reason, target.priority, target.due_at, n.member_id, n.id
	from notified n;
	get diagnostics reached = row_count;
	if reached > 0 then
		insert into public.escalation_events (escalation_id, kind, priority, detail)
		values (target.id, 'alerted', target.priority, cause || ' ' || reached);
	end if;
	return reached;
end;
$$;

-- A new item, and an item raised: urgent ones alert at once; any other new item alerts
-- only where nobody serves the community. Runs on the history's 'opened' and 'raised'
-- steps, so the alert follows them in the history.
create function public.alert_on_escalation_event() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	perform public.alert_escalation(new.escalation_id, case when new.priority = 'urgent' then 'urgent' else 'opened' end);
	return null;
end;
$$;
create trigger alert_on_escalation_event after insert on public.escalation_events
for each row when (new.kind = 'opened' or (new.kind = 'raised' and new.priority = 'urgent'))
execute function public.alert_on_escalation_event();

-- A moved thread takes its urgent item to counsellors who have not heard of it yet.
create function public.alert_on_escalation_move() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	perform public.alert_escalation(new.id, 'urgent');
	return null;
end;
$$;
create trigger alert_on_escalation_move after update of community_id on public.escalations
for each row when (old.community_id is distinct from new.community_id and new.priority = 'urgent'
	and new.state <> 'resolved')
execute function public.alert_on_escalation_move();

-- The scheduled job (every minute, src/lib/server/data/scheduler.ts or pg_cron): every item
-- past its due time that was not alerted for that due time. Safe on several servers at
-- once: an item another server (or a counsellor's claim) holds is skipped now and taken
-- on the next run. Returns how many items it alerted about.
create function public.alert_overdue_escalations() returns integer
language plpgsql security definer set search_path = '' as $$
declare
	overdue record;
	alerted integer := 0;
begin
	for overdue in
		select e.id, e.due_at from public.escalations e
		where e.state <> 'resolved' and e.overdue_alerted_for is distinct from e.due_at and e.due_at <= public.clock()
		order by e.due_at
		limit 500
		for update skip locked
	loop
		perform public.alert_escalation(overdue.id, 'overdue');
		update public.escalations set overdue_alerted_for = overdue.due_at where id = overdue.id;
		alerted := alerted + 1;
	end loop;
	return alerted;
end;
$$;

-- The alerts about an item, with the state of each mail, for the counsellors serving
-- its community (the outbox itself is for the mail sender only).
create function public.escalation_alert_log(escalation uuid)
returns table (id bigint, reason public.escalation_alert_reason, priority public.escalation_priority,
	due_at timestamptz, recipient text, at timestamptz, mail_sent_at timestamptz, mail_failed_at timestamptz)
language plpgsql stable security definer set search_path = '' as $$
begin
	if not exists (select 1 from public.escalations e where e.id = escalation
		and public.serves_community(e.community_id)) then
		return;
	end if;
	return query
	select a.id, a.reason, a.priority, a.due_at, m.pseudonym, a.at, o.sent_at, o.failed_at
	from public.escalation_alerts a
	left join public.members m on m.id = a.member_id
	left join public.mail_outbox o on o.notification_id = a.notification_id
	where a.escalation_id = escalation
	order by a.at, a.id;
end;
$$;

alter table public.escalation_alerts enable row level security;
create policy "Counsellors serving the community see its alerts" on public.escalation_alerts
	for select to authenticated using (exists (
		select 1 from public.escalations e
		where e.id = escalation_id and e.community_id = any ((select public.served_communities())::uuid[])
	));
create policy "Members see the alerts they received" on public.escalation_alerts
	for select to authenticated using (member_id = (select auth.uid()));
revoke all on public.escalation_alerts from anon, authenticated;
grant select on public.escalation_alerts to authenticated;

revoke execute on function public.alert_escalation(uuid, text), public.alert_on_escalation_event(),
	public.alert_on_escalation_move(), public.alert_overdue_escalations()
	from public, anon, authenticated;
grant execute on function public.alert_overdue_escalations() to service_role;
revoke execute on function public.escalation_alert_log(uuid) from public, anon;
