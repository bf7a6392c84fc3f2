-- Services (Angebote): the local offers of an organisation (counselling, groups, meeting
-- places …) in the help directory. The organisation's counsellors and admins keep them;
-- everyone reads those of verified organisations, nearest first from a postcode or place
-- (the GiST index on `position`). Each entry says when it was last confirmed; six months
-- later the scheduled job ask_service_confirmations asks the organisation's counsellors
-- (20261125180200_scheduled_jobs.sql). Referrals may name a service by its id, so a
-- service is withdrawn, never deleted.

create type public.service_kind as enum (
	'counselling', 'self_help_group', 'meeting_place', 'course', 'support_at_home', 'office', 'other'
);

create table public.services (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	name text not null check (char_length(name) between 2 and 150 and name = btrim(name)),
	kind public.service_kind not null,
	description text not null default '' check (char_length(description) <= 1000),
	-- The forum's tags (valid_tags, 20261125100500_threads.sql): lower-case words.
	topics text[] not null default '{}' check (cardinality(topics) between 1 and 5 and array_position(topics, null) is null),
	on_site boolean not null default true,
	online boolean not null default false,
	street text check (char_length(street) between 2 and 150),
	postcode text check (postcode ~ '^[0-9]{5}$'),
	place text check (char_length(place) between 2 and 80),
	-- Derived from the postcode by save_service: its primary Kreis and its centre.
	region text references public.regions (ags),
	lat double precision,
	lon double precision,
	position extensions.earth generated always as (
		case when lat is not null and lon is not null then extensions.ll_to_earth(lat, lon) end
	) stored,
	-- Monday to Sunday, as written ("9–12 Uhr, 14–16 Uhr"); empty: closed or not given.
	hours text[] not null default '{"","","","","","",""}' check (cardinality(hours) = 7
		and array_position(hours, null) is null and coalesce(length(array_to_string(hours, '')), 0) <= 7 * 80),
	-- ISO 639-1 codes of the languages spoken.
	languages text[] not null default '{de}' check (cardinality(languages) between 1 and 12
		and array_to_string(languages, ',') ~ '^[a-z]{2}(,[a-z]{2})*$'),
	accessibility text not null default '' check (char_length(accessibility) <= 500),
	phone text check (phone ~ '^\+?[0-9][0-9 /()-]{2,30}$'),
	email text check (email ~ '^[^[:space:]@<>"]+@[^[:space:]@<>"]+\.[^[:space:]@<>"]+$' and char_length(email) <= 200),
	-- Only https, as an organisation's website: families follow it.
	website text check (website ~ '^https://[^[:space:]<>"]+$' and char_length(website) <= 300),
	created_by uuid references public.members (id) on delete set null,
	created_at timestamptz not null default now(),
	confirmed_at timestamptz not null default now(),
	confirmed_by uuid references public.members (id) on delete set null,
	-- When the organisation's counsellors were asked to confirm it (once per confirmation).
	confirmation_asked_at timestamptz,
	withdrawn_at timestamptz,
	check (on_site or online),
	check (not on_site or (street is not null and postcode is not null and place is not null)),
	check (phone is not null or email is not null or website is not null),
	check (public.valid_tags(topics))
);
-- Nearest first: KNN order by `position <-> origin` over the entries in the directory.
create index services_position_idx on public.services using gist (position) where withdrawn_at is null;
-- Those only online, by name: the directory lists them beside the nearest.
create index services_online_idx on public.services (lower(name), id) where withdrawn_at is null and not on_site;
create index services_organisation_idx on public.services (organisation_id);
create index services_confirmation_idx on public.services (confirmed_at)
	where withdrawn_at is null and confirmation_asked_at is null;

-- The caller is a verified counsellor of the organisation, or an admin: who keeps its services.
create function public.keeps_services_of(organisation uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return public.is_admin() or (public.is_counsellor() and exists (
		select 1 from public.counsellor_profiles p
		where p.member_id = (select auth.uid()) and p.organisation_id = keeps_services_of.organisation
			and p.withdrawn_at is null));
end;
$$;

alter table public.services enable row level security;
create policy "Services of verified organisations are public" on public.services
	for select to anon using (withdrawn_at is null and exists (
		select 1 from public.organisations o where o.id = organisation_id and o.verified_at is not null));
create policy "Services of verified organisations are public, all read by those who keep them" on public.services
	for select to authenticated using ((withdrawn_at is null and exists (
		select 1 from public.organisations o where o.id = organisation_id and o.verified_at is not null))
		or (select public.keeps_services_of(organisation_id)));
-- Everything changes through the functions below.
revoke all on public.services from anon, authenticated;
grant select on public.services to anon, authenticated;

create function public.check_keeps_services(organisation uuid) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
	if not public.keeps_services_of(organisation) then
		raise exception 'Only the organisation''s counsellors and admins keep its services'
			using errcode = '42501', hint = 'service_keepers_only';
	end if;
end;
$$;

-- The organisation of a service, its row locked for the change that asks.
create function public.service_organisation(service uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	owner uuid;
begin
	select s.organisation_id into owner from public.services s where s.id = service for update;
	if owner is null then
		raise exception 'No such service' using errcode = 'P0002', hint = 'service_not_found';
	end if;
	return owner;
end;
$$;

-- Adds a service to an organisation (service null) or changes one; returns its id. The
-- details are a JSON object of the table's columns (name, kind, description, topics,
-- on_site, online, street, postcode, place, hours, languages, accessibility, phone,
-- email, website). Saving confirms the entry: whoever saved it has just checked it.
create function public.save_service(service uuid, organisation uuid, details jsonb) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	d public.services := jsonb_populate_record(null::public.services, details);
	centre public.postcode_centroids;
	kreis text;
	owner uuid := organisation;
	saved uuid;
begin
	if service is not null then
		owner := public.service_organisation(service);
	end if;
	perform public.check_keeps_services(owner);
	if d.on_site and d.postcode is not null then
		select * into centre from public.postcode_centroids c where c.postcode = d.postcode;
		select p.ags into kreis from public.postcodes p where p.postcode = d.postcode and p.is_primary;
		if centre is null or kreis is null then
			raise exception 'No postcode like this' using errcode = '22023', hint = 'postcode_unknown';
		end if;
	end if;
	if service is null then
		insert into public.services (organisation_id, name, kind, description, topics, on_site, online, street,
			postcode, place, region, lat, lon, hours, languages, accessibility, phone, email, website,
			created_by, confirmed_by)
		values (owner, btrim(d.name), d.kind, coalesce(d.description, ''), d.topics, coalesce(d.on_site, false),
			coalesce(d.online, false), nullif(btrim(d.street), ''), d.postcode, nullif(btrim(d.place), ''),
			kreis, centre.lat, centre.lon, coalesce(d.hours, '{"","","","","","",""}'), coalesce(d.languages, '{de}'),
			coalesce(d.accessibility, ''), nullif(btrim(d.phone), ''), nullif(btrim(d.email), ''),
			nullif(btrim(d.website), ''), (select auth.uid()), (select auth.uid()))
		returning id into saved;
	else
		update public.services s
		set name = btrim(d.name), kind = d.kind, description = coalesce(d.description, ''), topics = d.topics,
			on_site = coalesce(d.on_site, false), online = coalesce(d.online, false),
			street = nullif(btrim(d.street), ''), postcode = d.postcode, place = nullif(btrim(d.place), ''),
			region = kreis, lat = centre.lat, lon = centre.lon,
			hours = coalesce(d.hours, '{"","","","","","",""}'), languages = coalesce(d.languages, '{de}'),
			accessibility = coalesce(d.accessibility, ''), phone = nullif(btrim(d.phone), ''),
			email = nullif(btrim(d.email), ''), website = nullif(btrim(d.website), ''),
			confirmed_at = now(), confirmed_by = (select auth.uid()), confirmation_asked_at = null
		where s.id = service returning s.id into saved;
	end if;
	return saved;
exception
	when check_violation or not_null_violation then
		raise exception 'These details do not make a service' using errcode = '23514', hint = 'service_invalid';
end;
$$;

-- Confirms that a service's details are still right: "last confirmed" starts again.
create function public.confirm_service(service uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
	perform public.check_keeps_services(public.service_organisation(service));
	update public.services
	set confirmed_at = now(), confirmed_by = (select auth.uid()), confirmation_asked_at = null
	where id = service;
end;
$$;

-- Takes a service out of the directory (withdrawn true) or brings it back.
create function public.withdraw_service(service uuid, withdrawn boolean) returns void
language plpgsql security definer set search_path = '' as $$
begin
	perform public.check_keeps_services(public.service_organisation(service));
	update public.services set withdrawn_at = case when withdrawn then coalesce(withdrawn_at, now()) end
	where id = service;
end;
$$;

-- A service as a referral or a page names it: name, organisation, address, contact and
-- hours, for readers who may see it (RLS applies: security invoker).
create function public.service_summary(service uuid)
returns table (id uuid, name text, organisation text, address text, phone text, email text,
	website text, hours text[], online boolean)
language sql stable set search_path = '' as $$
	select s.id, s.name, o.name,
		nullif(concat_ws(', ', s.street, nullif(concat_ws(' ', s.postcode, s.place), '')), ''),
		s.phone, s.email, s.website, s.hours, s.online
	from public.services s join public.organisations o on o.id = s.organisation_id
	where s.id = service_summary.service;
$$;

-- Services whose confirmation is six months old: each of their organisation's counsellors
-- is told once (notification service_confirmation_due) until someone confirms or saves.
create function public.ask_service_confirmations() returns integer
language plpgsql security definer set search_path = '' as $$
declare
	asked integer;
begin
	with due as (
		select s.id, s.organisation_id from public.services s
		where s.withdrawn_at is null and s.confirmation_asked_at is null
			and s.confirmed_at <= public.clock() - interval '6 months'
		for update skip locked
	), marked as (
		update public.services s set confirmation_asked_at = public.clock()
		from due where s.id = due.id returning s.id, s.organisation_id
	), told as (
		insert into public.notifications (member_id, kind, service_id)
		select p.member_id, 'service_confirmation_due', marked.id
		from marked join public.counsellor_profiles p on p.organisation_id = marked.organisation_id
			and p.withdrawn_at is null
		returning 1
	)
	-- The insert runs whether or not it is read (a data-modifying WITH always does).
	select count(*) into asked from marked;
	return asked;
end;
$$;

revoke execute on function public.check_keeps_services(uuid), public.service_organisation(uuid),
	public.ask_service_confirmations()
	from public, anon, authenticated;
-- Visitors keep nothing: their policy and pages never ask.
revoke execute on function public.keeps_services_of(uuid) from public, anon;
grant execute on function public.keeps_services_of(uuid) to authenticated;
revoke execute on function public.save_service(uuid, uuid, jsonb), public.confirm_service(uuid),
	public.withdraw_service(uuid, boolean) from public, anon;
grant execute on function public.save_service(uuid, uuid, jsonb), public.confirm_service(uuid),
	public.withdraw_service(uuid, boolean) to authenticated;
