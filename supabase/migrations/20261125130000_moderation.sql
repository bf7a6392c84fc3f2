-- Community moderation, part 1: suspensions, the moderation queue with its
-- history, and the mod log. Moderators act through the functions of
-- 20261125140100_moderation_actions.sql and its part 2b (security definer); each checks
-- that the signed-in member moderates the community, so nobody acts elsewhere. Owners are in
-- 20261125100200_communities.sql, the columns of removal, locks and pins on threads and
-- posts (20261125100500_threads.sql), flags in the next file.

-- A post's thread, for the moderation functions. Never callable by members: it would
-- tell the thread of any post, held or removed ones included.
create function public.thread_of(post uuid) returns uuid
language sql stable security definer set search_path = '' as $$
	select p.thread_id from public.posts p where p.id = post;
$$;

-- The queue's states and resolutions, and every action the queue and the mod log record.
create type public.moderation_state as enum ('open', 'resolved');
create type public.moderation_resolution as enum ('dismissed', 'removed', 'edited', 'restored');
create type public.moderation_action as enum (
	'opened', 'flagged', 'auto_hidden', 'held_first_post', 'held_watched_word', 'flagged_watched_word',
	'dismissed', 'removed', 'restored', 'edited', 'locked', 'unlocked', 'pinned', 'unpinned', 'moved',
	'suspended', 'suspension_lifted', 'warned', 'moderator_appointed', 'moderator_removed', 'settings_changed',
	'description_changed', 'rules_changed'
);

-- Suspensions -------------------------------------------------------------------------
create table public.suspensions (
	id uuid primary key default gen_random_uuid(),
	community_id uuid not null references public.communities (id) on delete cascade,
	member_id uuid not null references public.members (id) on delete cascade,
	reason text not null check (char_length(btrim(reason)) between 3 and 500),
	starts_at timestamptz not null default public.clock(),
	-- Null: permanent.
	ends_at timestamptz,
	created_by uuid references public.members (id) on delete set null,
	lifted_at timestamptz,
	lifted_by uuid references public.members (id) on delete set null,
	-- What the member was suspended for. When that was anonymous, moderators learn only
	-- that "an anonymous author" is suspended (community_suspensions), unless they
	-- revealed who wrote it.
	thread_id uuid references public.threads (id) on delete set null,
	post_id uuid references public.posts (id) on delete set null,
	anonymous boolean not null default false,
	check (ends_at is null or ends_at > starts_at)
);
create index suspensions_member_idx on public.suspensions (member_id, community_id);
create index suspensions_community_idx on public.suspensions (community_id, starts_at desc);

-- The member's suspension in the community that is in force now, if any.
create function public.suspension_in(community uuid, member uuid default auth.uid())
returns public.suspensions
language sql stable security definer set search_path = '' as $$
	select s.* from public.suspensions s
	where s.community_id = community and s.member_id = member and s.lifted_at is null
		and s.starts_at <= public.clock() and (s.ends_at is null or s.ends_at > public.clock())
	order by s.ends_at desc nulls first
	limit 1;
$$;

-- A suspended member cannot ask, answer, vote, say me too or flag in the community.
create function public.refuse_suspended() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	community uuid;
	member uuid;
begin
	case tg_table_name
		when 'threads' then
			community := new.community_id;
			member := new.author_id;
		when 'posts' then
			select t.community_id into community from public.threads t where t.id = new.thread_id;
			member := new.author_id;
		when 'helpful_votes' then
			select t.community_id into community
			from public.posts p join public.threads t on t.id = p.thread_id where p.id = new.post_id;
			member := new.member_id;
		when 'me_toos' then
			select t.community_id into community from public.threads t where t.id = new.thread_id;
			member := new.member_id;
		when 'flags' then
			community := coalesce((select g.community_id from public.guides g where g.id = new.guide_id),
				(select t.community_id from public.threads t
				where t.id = coalesce(new.thread_id, (select p.thread_id from public.posts p where p.id = new.post_id))));
			member := new.flagger_id;
	end case;
	if (public.suspension_in(community, member)).id is not null then
		raise exception 'Suspended in this community' using errcode = '42501', hint = 'moderation_suspended';
	end if;
	return new;
end;
$$;
-- Flags are refused the same way (20261125130100_flags.sql, once the table exists).
create trigger refuse_suspended before insert on public.threads
for each row execute function public.refuse_suspended();
create trigger refuse_suspended before insert on public.posts
for each row execute function public.refuse_suspended();
create trigger refuse_suspended before insert on public.helpful_votes
for each row execute function public.refuse_suspended();
create trigger refuse_suspended before insert on public.me_toos
for each row execute function public.refuse_suspended();

-- Moderation items ----------------------------------------------------------------------
-- One queue entry per thread, post or guide that needs a moderator's look; further flags
-- gather on the open one. version counts changes, so a second moderator acting on
-- what they saw is told someone else already did.
create table public.moderation_items (
	id uuid primary key default gen_random_uuid(),
	community_id uuid not null references public.communities (id) on delete cascade,
	-- About a thread (the question itself when post_id is null) or one of its posts, or a guide.
	thread_id uuid references public.threads (id) on delete cascade,
	post_id uuid references public.posts (id) on delete cascade,
	guide_id uuid references public.guides (id) on delete cascade,
	state public.moderation_state not null default 'open',
	resolution public.moderation_resolution,
	version integer not null default 1,
	opened_at timestamptz not null default public.clock(),
	first_action_at timestamptz,
	resolved_at timestamptz,
	resolved_by uuid references public.members (id) on delete set null,
	check ((state = 'resolved') = (resolution is not null and resolved_at is not null)),
	check (num_nonnulls(thread_id, guide_id) = 1 and (post_id is null or thread_id is not null))
);
create unique index moderation_items_one_open on public.moderation_items (thread_id, coalesce(post_id, thread_id))
	where state = 'open' and thread_id is not null;
create unique index moderation_items_one_open_guide on public.moderation_items (guide_id)
	where state = 'open' and guide_id is not null;
create index moderation_items_guide_idx on public.moderation_items (guide_id) where guide_id is not null;
-- The queue of open items, oldest first, per community; also what waits for a moderator,
-- counted on every page they read.
create index moderation_items_open_idx on public.moderation_items (community_id, opened_at, id) where state = 'open';
create index moderation_items_post_idx on public.moderation_items (post_id) where post_id is not null;
-- The moderators' figures: a community's items of the last 30 days (as for the
-- escalations, never the whole history).
create index moderation_items_opened_idx on public.moderation_items (community_id, opened_at) include (first_action_at);
-- The moderators' queue of resolved items, newest first, per community.
create index moderation_items_resolved_idx on public.moderation_items (community_id, resolved_at desc, id)
	where state = 'resolved';

create table public.moderation_events (
	id bigint generated always as identity primary key,
	item_id uuid not null references public.moderation_items (id) on delete cascade,
	action public.moderation_action not null,
	actor_id uuid references public.members (id) on delete set null,
	note text check (char_length(note) <= 1000),
	at timestamptz not null default public.clock()
);
create index moderation_events_item_idx on public.moderation_events (item_id, at);

-- The mod log: what moderators did, readable by the community's members.
create table public.mod_log (
	id bigint generated always as identity primary key,
	community_id uuid not null references public.communities (id) on delete cascade,
	action public.moderation_action not null,
	actor_id uuid references public.members (id) on delete set null,
	thread_id uuid references public.threads (id) on delete set null,
	post_id uuid references public.posts (id) on delete set null,
	guide_id uuid references public.guides (id) on delete set null,
	-- A service idea removed or restored, or one of its comments removed (20261125125110_service_idea_writing.sql).
	idea_id uuid references public.service_ideas (id) on delete set null,
	-- The member a suspension, warning or appointment is about (never shown for anonymous posts).
	member_id uuid references public.members (id) on delete set null,
	reason text check (char_length(reason) <= 1000),
	-- For suspensions: when it ends (null: permanent).
	suspended_until timestamptz,
	at timestamptz not null default public.clock()
);
create index mod_log_community_idx on public.mod_log (community_id, at desc, id desc);
create index mod_log_member_idx on public.mod_log (member_id, community_id) where member_id is not null;

-- Opening and recording ----------------------------------------------------------------
-- The open item of a thread, post or guide, locked for the action on it (by the indexes
-- of open items).
create function public.open_item_of(thread uuid, post uuid, guide uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	item uuid;
begin
	if guide is not null then
		select i.id into item from public.moderation_items i
		where i.guide_id = guide and i.state = 'open' for update;
	else
		select i.id into item from public.moderation_items i
		where i.thread_id = thread and i.post_id is not distinct from post and i.state = 'open' for update;
	end if;
	return item;
end;
$$;

-- The open item of a thread, post or guide, opened if there is none; its moderators are told.
create function public.open_moderation_item(
	thread uuid, post uuid, action public.moderation_action, note text default null, guide uuid default null
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	community uuid := coalesce((select g.community_id from public.guides g where g.id = guide),
		(select t.community_id from public.threads t where t.id = thread));
	item uuid := public.open_item_of(thread, post, guide);
begin
	if item is null then
		insert into public.moderation_items (community_id, thread_id, post_id, guide_id)
		values (community, thread, post, guide)
		on conflict do nothing
		returning id into item;
		if item is null then
			-- Opened concurrently by another flag: gather on that one.
			item := public.open_item_of(thread, post, guide);
		else
			insert into public.notifications (member_id, kind, thread_id, post_id, guide_id, community_id)
			select cm.member_id, 'moderation_item', thread, post, guide, community
			from public.community_moderators cm where cm.community_id = community;
		end if;
	end if;
	insert into public.moderation_events (item_id, action, actor_id, note) values (item, action, auth.uid(), note);
	update public.moderation_items set version = version + 1 where id = item;
	return item;
end;
$$;

-- Every moderator action: into the mod log and, when there is one, the item's history.
create function public.record_moderation(
	community uuid, action public.moderation_action, thread uuid, post uuid, member uuid, reason text, item uuid,
	until timestamptz default null, guide uuid default null
) returns void
language plpgsql security definer set search_path = '' as $$
begin
	insert into public.mod_log (community_id, action, actor_id, thread_id, post_id, guide_id, member_id, reason, suspended_until)
	values (community, action, auth.uid(), thread, post, guide, member, nullif(btrim(reason), ''), until);
	if item is not null then
		insert into public.moderation_events (item_id, action, actor_id, note)
		values (item, action, auth.uid(), nullif(btrim(reason), ''));
		update public.moderation_items
		set version = version + 1, first_action_at = coalesce(first_action_at, public.clock())
		where id = item;
	end if;
end;
$$;

-- The author of a thread or post (used inside; never returned to moderators).
create function public.author_of(thread uuid, post uuid) returns uuid
language sql stable security definer set search_path = '' as $$
	select case when post is null then (select t.author_id from public.threads t where t.id = thread)
		else (select p.author_id from public.posts p where p.id = post) end;
$$;

-- Appointments are logged in the community's mod log too; a moderator who deletes
-- their account leaves no entry naming them (the member is gone with the statement).
create function public.log_appointment() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	if tg_op = 'DELETE' and not exists (select 1 from public.members m where m.id = old.member_id) then
		return null;
	end if;
	insert into public.mod_log (community_id, action, actor_id, member_id)
	values (coalesce(new.community_id, old.community_id),
		case when tg_op = 'INSERT' then 'moderator_appointed' else 'moderator_removed' end::public.moderation_action,
		auth.uid(), coalesce(new.member_id, old.member_id));
	return null;
end;
$$;
create trigger log_appointment after insert or delete on public.community_moderators
for each row execute function public.log_appointment();

-- Reading -----------------------------------------------------------------------------
alter table public.suspensions enable row level security;
alter table public.moderation_items enable row level security;
alter table public.moderation_events enable row level security;
alter table public.mod_log enable row level security;

-- Moderators read their community's suspensions through community_suspensions(), which
-- names no author of anonymous posts (20261125140000_moderation_reading.sql).
create policy "Members see their own suspensions" on public.suspensions
	for select to authenticated using (member_id = (select auth.uid()));
create policy "Moderators see their community's items" on public.moderation_items
	for select to authenticated using (community_id = any ((select public.moderated_communities())::uuid[]));
create policy "Moderators see their community's item history" on public.moderation_events
	for select to authenticated using (
		exists (select 1 from public.moderation_items i
			where i.id = item_id and i.community_id = any ((select public.moderated_communities())::uuid[]))
	);
-- Members of the community read its log; moderators' names go through community_mod_log().
create policy "Moderators read their community's log" on public.mod_log
	for select to authenticated using ((select public.is_moderator(community_id)));

revoke all on public.suspensions, public.moderation_items, public.moderation_events, public.mod_log from anon, authenticated;
grant select (id, community_id, member_id, reason, starts_at, ends_at, lifted_at) on public.suspensions to authenticated;
grant select on public.moderation_items, public.moderation_events, public.mod_log to authenticated;

revoke execute on function public.refuse_suspended(),
	public.open_item_of(uuid, uuid, uuid), public.open_moderation_item(uuid, uuid, public.moderation_action, text, uuid),
	public.record_moderation(uuid, public.moderation_action, uuid, uuid, uuid, text, uuid, timestamptz, uuid),
	public.author_of(uuid, uuid), public.log_appointment(), public.thread_of(uuid)
	from public, anon, authenticated;
-- Members read their own suspensions through the table (RLS); the check itself is internal.
revoke execute on function public.suspension_in(uuid, uuid) from public, anon, authenticated;
