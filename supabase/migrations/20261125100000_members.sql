-- Members: the public face of an account (pseudonym, bio, site role) and its
-- private settings. E-mail addresses stay in auth.users and are never exposed.

create type public.site_role as enum ('member', 'counsellor', 'admin');
create type public.locale as enum ('de', 'en');

create table public.members (
	id uuid primary key references auth.users (id) on delete cascade,
	-- Letters of any script, digits, and _ . - inside; 3 to 30 characters.
	pseudonym text not null check (
		char_length(pseudonym) between 3 and 30
		and pseudonym ~ '^[[:alnum:]]([[:alnum:]_.-]*[[:alnum:]])?$'
	),
	bio text not null default '' check (char_length(bio) <= 500),
	site_role public.site_role not null default 'member',
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
comment on table public.members is 'Public profile of every account; pseudonyms are unique regardless of case and look-alike characters.';
create unique index members_pseudonym_key on public.members (lower(pseudonym));
-- "Аnna_Fachberatung" with a Cyrillic А is Anna_Fachberatung (confusables.sql).
create unique index members_pseudonym_skeleton_key on public.members (public.pseudonym_skeleton(pseudonym));

create table public.member_settings (
	member_id uuid primary key references public.members (id) on delete cascade,
	locale public.locale not null default 'de',
	-- The member's Kreis (20261125095500_regions.sql), if they give one: private like every
	-- setting; others read it only while show_region is on (public.shown_regions).
	region text,
	region_level public.region_level generated always as ('kreis') stored,
	show_region boolean not null default false,
	updated_at timestamptz not null default now(),
	foreign key (region, region_level) references public.regions (ags, level)
);

create table public.site_role_changes (
	id bigint generated always as identity primary key,
	member_id uuid not null references public.members (id) on delete cascade,
	changed_by uuid references public.members (id) on delete set null,
	old_role public.site_role not null,
	new_role public.site_role not null,
	changed_at timestamptz not null default now()
);
create index site_role_changes_member_idx on public.site_role_changes (member_id, changed_at desc);

-- Role helpers used inside policies: security definer so a policy on members can
-- ask about members without recursing into its own RLS.
create function public.is_admin() returns boolean
language sql stable security definer set search_path = '' as $$
	select exists (
		select 1 from public.members where id = (select auth.uid()) and site_role = 'admin'
	);
$$;

-- A verified counsellor: the site role that verify_counsellor sets (with a profile)
-- and withdraw_counsellor takes away.
create function public.is_counsellor() returns boolean
language sql stable security definer set search_path = '' as $$
	select exists (
		select 1 from public.members where id = (select auth.uid()) and site_role = 'counsellor'
	);
$$;

-- A signed-out or globally revoked session keeps a valid access token until it
-- expires; the app asks this on every request so revocation takes effect at once.
-- PL/pgSQL, as every check that pages and policies ask often, many times per request
-- (bench/README.md): an SQL function that cannot be inlined (security definer,
-- or a search_path of its own) is planned anew on every call in Postgres 17; PL/pgSQL
-- keeps each statement's plan for the connection.
create function public.session_is_active() returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return exists (
		select 1 from auth.sessions
		where id = nullif((select auth.jwt()) ->> 'session_id', '')::uuid
			and user_id = (select auth.uid())
			and (not_after is null or not_after > now())
	);
end;
$$;

create function public.pseudonym_available(candidate text) returns boolean
language sql stable security definer set search_path = '' as $$
	select not exists (
		select 1 from public.members
		where lower(pseudonym) = lower(candidate)
			or public.pseudonym_skeleton(pseudonym) = public.pseudonym_skeleton(candidate)
	);
$$;

-- Every new auth user becomes a member; sign-up passes pseudonym and locale as user metadata.
create function public.create_member_for_user() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	insert into public.members (id, pseudonym)
	values (new.id, coalesce(nullif(new.raw_user_meta_data ->> 'pseudonym', ''), 'member-' || left(new.id::text, 8)));
	insert into public.member_settings (member_id, locale)
	values (new.id, case when new.raw_user_meta_data ->> 'locale' = 'en' then 'en'::public.locale else 'de'::public.locale end);
	return new;
end;
$$;
create trigger create_member_after_signup after insert on auth.users
for each row execute function public.create_member_for_user();

create function public.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
	new.updated_at := now();
	return new;
end;
$$;
create trigger touch_members before update on public.members
for each row execute function public.touch_updated_at();
create trigger touch_member_settings before update on public.member_settings
for each row execute function public.touch_updated_at();

-- Site roles change only here, by an admin, and every change is logged.
create function public.set_site_role(target uuid, role public.site_role) returns void
language plpgsql security definer set search_path = '' as $$
declare
	previous public.site_role;
begin
	if not public.is_admin() then
		raise exception 'Only admins can change site roles' using errcode = '42501';
	end if;
	if target = (select auth.uid()) then
		raise exception 'Admins cannot change their own site role' using errcode = '42501';
	end if;
	select site_role into previous from public.members where id = target for update;
	if not found then
		raise exception 'Member not found' using errcode = 'P0002';
	end if;
	if previous = role then
		return;
	end if;
	update public.members set site_role = role where id = target;
	insert into public.site_role_changes (member_id, changed_by, old_role, new_role)
	values (target, (select auth.uid()), previous, role);
end;
$$;

alter table public.members enable row level security;
alter table public.member_settings enable row level security;
alter table public.site_role_changes enable row level security;

create policy "Members are visible to everyone" on public.members
	for select to anon, authenticated using (true);
create policy "Members edit their own profile" on public.members
	for update to authenticated using (id = (select auth.uid())) with check (id = (select auth.uid()));
-- Columns: a member may change pseudonym and bio only; the site role goes through set_site_role.
revoke all on public.members from anon, authenticated;
grant select on public.members to anon, authenticated;
grant update (pseudonym, bio) on public.members to authenticated;

create policy "Members read their own settings" on public.member_settings
	for select to authenticated using (member_id = (select auth.uid()));
create policy "Members change their own settings" on public.member_settings
	for update to authenticated using (member_id = (select auth.uid())) with check (member_id = (select auth.uid()));
revoke all on public.member_settings from anon, authenticated;
grant select, update (locale, region, show_region) on public.member_settings to authenticated;

-- The regions members chose to show, and only those (member_settings stays private).
create view public.shown_regions with (security_barrier) as
	select s.member_id, r.ags as region, r.label
	from public.member_settings s join public.regions r on r.ags = s.region
	where s.show_region;
revoke all on public.shown_regions from anon, authenticated;
grant select on public.shown_regions to anon, authenticated;

create policy "Admins read site role changes" on public.site_role_changes
	for select to authenticated using ((select public.is_admin()));
revoke all on public.site_role_changes from anon, authenticated;
grant select on public.site_role_changes to authenticated;

revoke execute on function public.create_member_for_user(), public.touch_updated_at() from public, anon, authenticated;
-- Checks of the signed-in member: nothing for visitors.
revoke execute on function public.is_admin(), public.is_counsellor(), public.session_is_active() from public, anon;
revoke execute on function public.set_site_role(uuid, public.site_role) from public, anon;

-- Re-authentication before a password change: compares with the stored bcrypt hash.
create function public.password_matches(candidate text) returns boolean
language sql stable security definer set search_path = '' as $$
	select coalesce(
		(select encrypted_password = extensions.crypt(candidate, encrypted_password)
		 from auth.users where id = (select auth.uid()) and encrypted_password like '$2%'),
		false
	);
$$;
revoke execute on function public.password_matches(text) from public, anon;
