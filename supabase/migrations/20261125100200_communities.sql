-- Communities of interest, their members and moderators, and each community's
-- settings for escalation to professionals and for moderation.

-- What happens to new text with crisis words in a community (see detect_crisis).
create type public.crisis_policy as enum ('publish', 'hold');

create table public.communities (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 60),
	name text not null check (char_length(name) between 3 and 80),
	description text not null default '' check (char_length(description) <= 1000),
	rules text not null default '' check (char_length(rules) <= 4000),
	topic text not null check (char_length(topic) between 2 and 60),
	-- Local to this region (a Land or a Kreis, 20261125095500_regions.sql); null: supra-local.
	region text references public.regions (ags),
	member_count integer not null default 0,
	thread_count integer not null default 0,
	created_at timestamptz not null default now(),
	-- Escalation: how long a question may wait for a peer answer, and how long the
	-- counsellors have for an item of each priority (escalation_due).
	escalation_waiting_time interval not null default '48 hours'
		check (escalation_waiting_time between interval '1 hour' and interval '30 days'),
	escalation_due_urgent interval not null default '1 hour'
		check (escalation_due_urgent between interval '5 minutes' and interval '30 days'),
	escalation_due_high interval not null default '24 hours'
		check (escalation_due_high between interval '5 minutes' and interval '30 days'),
	escalation_due_normal interval not null default '48 hours'
		check (escalation_due_normal between interval '5 minutes' and interval '30 days'),
	crisis_policy public.crisis_policy not null default 'publish',
	-- Moderation: hidden pending review once this many different members flagged it.
	flag_hide_threshold integer not null default 3 check (flag_hide_threshold between 1 and 50),
	-- A new member's first question or answer waits for a moderator's approval.
	hold_first_posts boolean not null default false,
	-- Whether members see which moderator acted in the mod log.
	mod_log_names_moderators boolean not null default false,
	-- Service ideas: this many supports put an unanswered idea in front of the community's
	-- counsellors (CONSUL's threshold; 20261125125100_service_ideas.sql).
	idea_support_threshold integer not null default 10 check (idea_support_threshold between 1 and 1000)
);
create index communities_region_idx on public.communities (region) where region is not null;

create table public.community_members (
	community_id uuid not null references public.communities (id) on delete cascade,
	member_id uuid not null references public.members (id) on delete cascade,
	joined_at timestamptz not null default now(),
	primary key (community_id, member_id)
);
create index community_members_member_idx on public.community_members (member_id);

-- A community's owners (its first moderator, or whoever an admin names) appoint and
-- remove its moderators; admins can everywhere.
create table public.community_moderators (
	community_id uuid not null references public.communities (id) on delete cascade,
	member_id uuid not null references public.members (id) on delete cascade,
	appointed_by uuid references public.members (id) on delete set null,
	appointed_at timestamptz not null default now(),
	is_owner boolean not null default false,
	primary key (community_id, member_id)
);
create index community_moderators_member_idx on public.community_moderators (member_id);

-- Check that the signed-in member moderates the given community.
-- PL/pgSQL so its plan is kept (see session_is_active in 20261125100000_members.sql).
create function public.is_moderator(community uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return exists (
		select 1 from public.community_moderators
		where community_id = community and member_id = (select auth.uid())
	);
end;
$$;

-- The communities the signed-in member moderates (is_moderator() for all of them at
-- once). Policies compare a row's community with it, written
-- `= any ((select …)::uuid[])` so Postgres evaluates the function once per statement
-- (an InitPlan), not once per row: the flags' and moderation items' policies, on every
-- queue. As an SQL function with a search_path of its own it was planned on every call
-- (359 µs under load on the member's thread page); PL/pgSQL keeps the plan.
create function public.moderated_communities() returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
begin
	return array(select cm.community_id from public.community_moderators cm where cm.member_id = (select auth.uid()));
end;
$$;

-- The communities the signed-in member has joined, read once where a page lists many
-- communities (PL/pgSQL, as above; visitors have none).
create function public.joined_communities() returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
begin
	return array(select cm.community_id from public.community_members cm where cm.member_id = (select auth.uid()));
end;
$$;

-- Check that the signed-in member has joined the given community (PL/pgSQL, as above).
create function public.is_community_member(community uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return exists (
		select 1 from public.community_members
		where community_id = community and member_id = (select auth.uid())
	);
end;
$$;

create function public.is_owner(community uuid) returns boolean
language sql stable security definer set search_path = '' as $$
	select exists (
		select 1 from public.community_moderators
		where community_id = community and member_id = (select auth.uid()) and is_owner
	);
$$;

-- Member counts are kept on the community, so nobody needs to read who joined.
create function public.count_community_members() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	update public.communities
	set member_count = member_count + case when tg_op = 'INSERT' then 1 else -1 end
	where id = coalesce(new.community_id, old.community_id);
	return null;
end;
$$;
create trigger count_community_members after insert or delete on public.community_members
for each row execute function public.count_community_members();

alter table public.communities enable row level security;
alter table public.community_members enable row level security;
alter table public.community_moderators enable row level security;

create policy "Communities are visible to everyone" on public.communities
	for select to anon, authenticated using (true);
create policy "Admins create communities" on public.communities
	for insert to authenticated with check ((select public.is_admin()));
create policy "Admins and the community's moderators edit it" on public.communities
	for update to authenticated using ((select public.is_admin()) or (select public.is_moderator(id)));
-- Counts are kept by triggers; people change only what describes the community and
-- its settings.
revoke all on public.communities from anon, authenticated;
grant select on public.communities to anon, authenticated;
grant insert (slug, name, description, rules, topic, region) on public.communities to authenticated;
grant update (name, description, rules, topic, region, escalation_waiting_time, escalation_due_urgent,
	escalation_due_high, escalation_due_normal, crisis_policy, flag_hide_threshold, hold_first_posts,
	mod_log_names_moderators, idea_support_threshold) on public.communities to authenticated;

create policy "Members see their own memberships; moderators see their community's" on public.community_members
	for select to authenticated
	using (member_id = (select auth.uid()) or (select public.is_moderator(community_id)));
create policy "Members join communities" on public.community_members
	for insert to authenticated with check (member_id = (select auth.uid()));
create policy "Members leave communities" on public.community_members
	for delete to authenticated using (member_id = (select auth.uid()));
revoke all on public.community_members from anon, authenticated;
grant select, delete, insert (community_id, member_id) on public.community_members to authenticated;

create policy "Moderators are visible to everyone" on public.community_moderators
	for select to anon, authenticated using (true);
-- The appointer is always the one appointing.
create policy "Admins and owners appoint moderators" on public.community_moderators
	for insert to authenticated
	with check (
		appointed_by = (select auth.uid())
		and ((select public.is_admin()) or ((select public.is_owner(community_id)) and not is_owner))
	);
create policy "Admins and owners remove moderators" on public.community_moderators
	for delete to authenticated
	using ((select public.is_admin()) or ((select public.is_owner(community_id)) and not is_owner));
revoke all on public.community_moderators from anon, authenticated;
grant select on public.community_moderators to anon, authenticated;
grant delete, insert (community_id, member_id, appointed_by, is_owner) on public.community_moderators to authenticated;

revoke execute on function public.count_community_members() from public, anon, authenticated;
revoke all on function public.moderated_communities() from public, anon;
revoke all on function public.joined_communities() from public;
grant execute on function public.joined_communities() to anon, authenticated;
grant execute on function public.moderated_communities() to authenticated;
revoke execute on function public.is_owner(uuid) from public, anon;
