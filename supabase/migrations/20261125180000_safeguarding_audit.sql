-- The safeguarding audit: every change of what decides how people in danger are found
-- and helped — a community's crisis policy, due times and waiting time, the crisis
-- words, the helplines, the staffed hours — with who made it, when, and the old and new
-- values. Admins read it (/admin/audit). Triggers write it, so no path of change
-- escapes it. The actor's pseudonym is kept as it was at the time: deleting the account
-- later leaves the entry naming them (an audit never says "deleted member"); entries
-- without an actor were made by the system (a migration, the database's owner).

create type public.safeguarding_subject as enum ('community_settings', 'crisis_word', 'helpline', 'staffed_hours');
create type public.audit_action as enum ('added', 'changed', 'removed');

create table public.safeguarding_audit (
	id bigint generated always as identity primary key,
	at timestamptz not null default now(),
	actor_id uuid references public.members (id) on delete set null,
	actor_pseudonym text,
	subject public.safeguarding_subject not null,
	action public.audit_action not null,
	community_id uuid references public.communities (id) on delete set null,
	-- What the entry is about, readable when that is gone: a community's name, the word,
	-- the helpline's name, the weekday.
	label text not null,
	old_value jsonb,
	new_value jsonb
);
create index safeguarding_audit_at_idx on public.safeguarding_audit (at desc, id desc);

-- One entry, as the signed-in member (or the system). Only the values that changed.
create function public.record_safeguarding_change(
	subject public.safeguarding_subject, action public.audit_action, community uuid, label text,
	old_value jsonb, new_value jsonb
) returns void
language plpgsql security definer set search_path = '' as $$
declare
	changed text[] := array(
		select key from jsonb_each(coalesce(old_value, '{}') || coalesce(new_value, '{}')) e(key, value)
		where old_value -> key is distinct from new_value -> key);
begin
	if action = 'changed' and cardinality(changed) = 0 then
		return;
	end if;
	insert into public.safeguarding_audit (actor_id, actor_pseudonym, subject, action, community_id, label, old_value, new_value)
	values ((select auth.uid()), (select m.pseudonym from public.members m where m.id = (select auth.uid())),
		subject, action, community, label,
		(select jsonb_object_agg(key, value) from jsonb_each(old_value) e(key, value) where key = any (changed)),
		(select jsonb_object_agg(key, value) from jsonb_each(new_value) e(key, value) where key = any (changed)));
end;
$$;

-- A community's escalation settings, due times and waiting time in minutes.
create function public.escalation_settings_of(c public.communities) returns jsonb
language sql immutable set search_path = '' as $$
	select jsonb_build_object(
		'crisis_policy', c.crisis_policy,
		'waiting_minutes', extract(epoch from c.escalation_waiting_time)::integer / 60,
		'due_urgent_minutes', extract(epoch from c.escalation_due_urgent)::integer / 60,
		'due_high_minutes', extract(epoch from c.escalation_due_high)::integer / 60,
		'due_normal_minutes', extract(epoch from c.escalation_due_normal)::integer / 60);
$$;

create function public.audit_community_settings() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	perform public.record_safeguarding_change('community_settings', 'changed', new.id, new.name,
		public.escalation_settings_of(old), public.escalation_settings_of(new));
	return null;
end;
$$;
create trigger audit_community_settings after update of escalation_waiting_time, escalation_due_urgent,
	escalation_due_high, escalation_due_normal, crisis_policy on public.communities
for each row execute function public.audit_community_settings();

-- Crisis words, helplines and staffed hours: the whole row, whatever its columns.
create function public.audit_safeguarding_row() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	subject public.safeguarding_subject := tg_argv[0]::public.safeguarding_subject;
	previous jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
	current jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
	row jsonb := coalesce(current, previous);
begin
	perform public.record_safeguarding_change(subject,
		case tg_op when 'INSERT' then 'added' when 'UPDATE' then 'changed' else 'removed' end::public.audit_action,
		null, coalesce(row ->> 'word', row ->> 'name_de', row ->> 'weekday'),
		previous - '{id,created_by,created_at,updated_at}'::text[], current - '{id,created_by,created_at,updated_at}'::text[]);
	return null;
end;
$$;
create trigger audit_crisis_words after insert or update or delete on public.crisis_words
for each row execute function public.audit_safeguarding_row('crisis_word');
create trigger audit_helplines after insert or update or delete on public.helplines
for each row execute function public.audit_safeguarding_row('helpline');
create trigger audit_staffed_hours after insert or update or delete on public.staffed_hours
for each row execute function public.audit_safeguarding_row('staffed_hours');

alter table public.safeguarding_audit enable row level security;
create policy "Admins read the safeguarding audit" on public.safeguarding_audit
	for select to authenticated using ((select public.is_admin()));
revoke all on public.safeguarding_audit from anon, authenticated;
grant select on public.safeguarding_audit to authenticated;

revoke execute on function public.record_safeguarding_change(public.safeguarding_subject, public.audit_action, uuid,
	text, jsonb, jsonb), public.audit_community_settings(), public.audit_safeguarding_row()
	from public, anon, authenticated;
