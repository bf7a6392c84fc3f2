-- Organisations (Träger): the welfare associations, counselling services, offices,
-- self-help groups and associations whose counsellors answer here. An admin records one
-- and verifies it; nobody but admins sees one before it is verified, or after its
-- verification was withdrawn. A counsellor belongs to at most one
-- (counsellor_profiles.organisation_id), set by an admin; an official answer on a service
-- idea and a guide's check keep their writer's organisation of that moment
-- (record_organisation), so a counsellor who moves on does not rewrite what they signed.

create type public.organisation_kind as enum (
	'welfare_association', 'counselling_service', 'public_authority', 'self_help', 'association', 'other'
);

create table public.organisations (
	id uuid primary key default gen_random_uuid(),
	name text not null check (char_length(name) between 2 and 150 and name = btrim(name)),
	kind public.organisation_kind not null,
	-- Where it works: a Land or a Kreis by official key (20261125095500_regions.sql).
	region text references public.regions (ags),
	-- Only https: readers follow it from an official answer and must land where it says.
	website text check (website ~ '^https://[^[:space:]<>"]+$' and char_length(website) <= 300),
	created_by uuid references public.members (id) on delete set null,
	created_at timestamptz not null default now(),
	verified_at timestamptz,
	verified_by uuid references public.members (id) on delete set null,
	check (verified_by is null or verified_at is not null)
);
create unique index organisations_name_key on public.organisations (lower(name));

-- What admins did with an organisation, and which counsellors joined and left it.
create type public.organisation_action as enum ('created', 'edited', 'verified', 'unverified', 'joined', 'left');
create table public.organisation_events (
	id bigint generated always as identity primary key,
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	action public.organisation_action not null,
	-- The counsellor who joined or left.
	member_id uuid references public.members (id) on delete set null,
	acted_by uuid references public.members (id) on delete set null,
	acted_at timestamptz not null default now()
);
create index organisation_events_organisation_idx on public.organisation_events (organisation_id, acted_at desc, id desc);

alter table public.organisations enable row level security;
alter table public.organisation_events enable row level security;
create policy "Verified organisations are public" on public.organisations
	for select to anon using (verified_at is not null);
create policy "Verified organisations are public, all of them read by admins" on public.organisations
	for select to authenticated using (verified_at is not null or (select public.is_admin()));
create policy "Admins read what happened to organisations" on public.organisation_events
	for select to authenticated using ((select public.is_admin()));
-- Everything changes through the functions below.
revoke all on public.organisations, public.organisation_events from anon, authenticated;
grant select on public.organisations, public.organisation_events to anon, authenticated;

create function public.check_organisation_admin() returns void
language plpgsql stable security definer set search_path = '' as $$
begin
	if not public.is_admin() then
		raise exception 'Only admins keep organisations' using errcode = '42501', hint = 'organisation_admins_only';
	end if;
end;
$$;

-- An admin records a new organisation (organisation null) or changes one; returns its id.
-- A change keeps the verification: the admin who changes it answers for it.
create function public.save_organisation(
	organisation uuid, name text, kind public.organisation_kind, region text, website text
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	saved uuid;
begin
	perform public.check_organisation_admin();
	if organisation is null then
		insert into public.organisations (name, kind, region, website, created_by)
		values (btrim(save_organisation.name), save_organisation.kind, nullif(btrim(save_organisation.region), ''),
			nullif(btrim(save_organisation.website), ''), (select auth.uid()))
		returning id into saved;
	else
		update public.organisations o
		set name = btrim(save_organisation.name), kind = save_organisation.kind,
			region = nullif(btrim(save_organisation.region), ''), website = nullif(btrim(save_organisation.website), '')
		where o.id = organisation returning o.id into saved;
		if saved is null then
			raise exception 'No such organisation' using errcode = 'P0002', hint = 'organisation_not_found';
		end if;
	end if;
	insert into public.organisation_events (organisation_id, action, acted_by)
	values (saved, case when organisation is null then 'created' else 'edited' end::public.organisation_action,
		(select auth.uid()));
	return saved;
exception
	when unique_violation then
		raise exception 'An organisation of this name exists' using errcode = '23505', hint = 'organisation_name_taken';
	when foreign_key_violation then
		raise exception 'No region has this key' using errcode = '23503', hint = 'region_unknown';
end;
$$;

-- An admin verifies an organisation, or withdraws its verification (verified false): then
-- nobody but admins sees it, its name leaves the answers and checks that kept it, and new
-- ones keep none until it is verified again. Asking for the state it has changes nothing.
create function public.verify_organisation(organisation uuid, verified boolean) returns void
language plpgsql security definer set search_path = '' as $$
declare
	was_verified boolean;
begin
	perform public.check_organisation_admin();
	select o.verified_at is not null into was_verified from public.organisations o where o.id = organisation for update;
	if not found then
		raise exception 'No such organisation' using errcode = 'P0002', hint = 'organisation_not_found';
	end if;
	if was_verified = verified then
		return;
	end if;
	update public.organisations
	set verified_at = case when verified then now() end, verified_by = case when verified then (select auth.uid()) end
	where id = organisation;
	insert into public.organisation_events (organisation_id, action, acted_by)
	values (organisation, case when verified then 'verified' else 'unverified' end::public.organisation_action,
		(select auth.uid()));
end;
$$;

-- An admin sets the organisation a verified counsellor belongs to (member_of; null: none); only a
-- verified organisation takes counsellors. Moving to another leaves the one before.
-- (PL/pgSQL bodies are checked when first run: counsellor_profiles follows in
-- 20261125100300_counsellors.sql.)
create function public.set_counsellor_organisation(target uuid, member_of uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
	previous uuid;
begin
	perform public.check_organisation_admin();
	select p.organisation_id into previous from public.counsellor_profiles p
	where p.member_id = target and p.withdrawn_at is null for update;
	if not found then
		raise exception 'This member is not a verified counsellor' using errcode = 'P0002', hint = 'organisation_not_counsellor';
	end if;
	if member_of is not null and not exists (
		select 1 from public.organisations o where o.id = member_of and o.verified_at is not null
	) then
		raise exception 'Only a verified organisation takes counsellors' using errcode = '22023', hint = 'organisation_not_verified';
	end if;
	if previous is not distinct from member_of then
		return;
	end if;
	update public.counsellor_profiles set organisation_id = member_of where member_id = target;
	insert into public.organisation_events (organisation_id, action, member_id, acted_by)
	select previous, 'left'::public.organisation_action, target, (select auth.uid()) where previous is not null
	union all
	select member_of, 'joined', target, (select auth.uid()) where member_of is not null;
end;
$$;

-- Before an official answer or a guide's check is stored: its writer's organisation, if
-- verified, kept on the row (the trigger's argument names the writer's column).
create function public.record_organisation() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	if new.organisation_id is null then
		select p.organisation_id into new.organisation_id
		from public.counsellor_profiles p
		join public.organisations o on o.id = p.organisation_id and o.verified_at is not null
		where p.member_id = (to_jsonb(new) ->> tg_argv[0])::uuid and p.withdrawn_at is null;
	end if;
	return new;
end;
$$;

revoke execute on function public.check_organisation_admin(), public.record_organisation()
	from public, anon, authenticated;
revoke execute on function public.save_organisation(uuid, text, public.organisation_kind, text, text),
	public.verify_organisation(uuid, boolean), public.set_counsellor_organisation(uuid, uuid) from public, anon;
grant execute on function public.save_organisation(uuid, text, public.organisation_kind, text, text),
	public.verify_organisation(uuid, boolean), public.set_counsellor_organisation(uuid, uuid) to authenticated;
