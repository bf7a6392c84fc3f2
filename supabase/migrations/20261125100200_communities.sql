-- Communities of interest, their members and moderators.

create table public.communities (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 60),
	name text not null check (char_length(name) between 3 and 80),
	description text not null default '' check (char_length(description) <= 1000),
	rules text not null default '' check (char_length(rules) <= 4000),
	topic text not null check (char_length(topic) between 2 and 60),
	region text check (char_length(region) <= 80),
	member_count integer not null default 0,
	thread_count integer not null default 0,
	created_at timestamptz not null default now()
);
create index communities_region_idx on public.communities (region) where region is not null;

create table public.community_members (
	community_id uuid not null references public.communities (id) on delete cascade,
	member_id uuid not null references public.members (id) on delete cascade,
	joined_at timestamptz not null default now(),
	primary key (community_id, member_id)
);
create index community_members_member_idx on public.community_members (member_id);

create table public.community_moderators (
	community_id uuid not null references public.communities (id) on delete cascade,
	member_id uuid not null references public.members (id) on delete cascade,
	appointed_by uuid references public.members (id) on delete set null,
	appointed_at timestamptz not null default now(),
	primary key (community_id, member_id)
);
create index community_moderators_member_idx on public.community_moderators (member_id);

-- Check that the signed-in member moderates the given community.
create function public.is_moderator(community uuid) returns boolean
language sql stable security definer set search_path = '' as $$
	select exists (
		select 1 from public.community_moderators
		where community_id = community and member_id = (select auth.uid())
	);
$$;

-- Check that the signed-in member has joined the given community.
create function public.is_community_member(community uuid) returns boolean
language sql stable security definer set search_path = '' as $$
	select exists (
		select 1 from public.community_members
		where community_id = community and member_id = (select auth.uid())
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
-- Counts are kept by triggers; people change only what describes the community.
revoke insert, update, delete, truncate on public.communities from anon, authenticated;
grant insert (slug, name, description, rules, topic, region) on public.communities to authenticated;
grant update (name, description, rules, topic, region) on public.communities to authenticated;

create policy "Members see their own memberships; moderators see their community's" on public.community_members
	for select to authenticated
	using (member_id = (select auth.uid()) or (select public.is_moderator(community_id)));
create policy "Members join communities" on public.community_members
	for insert to authenticated with check (member_id = (select auth.uid()));
create policy "Members leave communities" on public.community_members
	for delete to authenticated using (member_id = (select auth.uid()));
revoke update on public.community_members from anon, authenticated;

create policy "Moderators are visible to everyone" on public.community_moderators
	for select to anon, authenticated using (true);
create policy "Admins appoint moderators" on public.community_moderators
	for insert to authenticated with check ((select public.is_admin()) and appointed_by = (select auth.uid()));
create policy "Admins remove moderators" on public.community_moderators
	for delete to authenticated using ((select public.is_admin()));
revoke update on public.community_moderators from anon, authenticated;

revoke execute on function public.count_community_members() from public, anon, authenticated;
