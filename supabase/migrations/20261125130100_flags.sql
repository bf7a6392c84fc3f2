-- Flags: one table for every reason a member points at a thread, post or guide. What a
-- flag sets off: some reasons open (or raise) the thread's escalation (escalate_flag), the
-- others but a crisis report a moderation item, and enough of them hide the target
-- (moderate_flag). A guide is reported to the moderators alone: its text is checked by
-- counsellors through guide checks (20261125125000_guides.sql), not through escalations.
--
-- Triggers on flags, in the order Postgres fires them (name order):
--   before insert  limit_flagging, refuse_suspended, set_flag_community
--   after insert   escalate_flag, moderate_flag
-- The checks refuse in that order; set_flag_community sets the community before the
-- row's not-null check.

create type public.flag_reason as enum (
	'needs_professional', 'crisis', 'abuse', 'spam', 'off_topic', 'privacy', 'dangerous_advice'
);
create table public.flags (
	id uuid primary key default gen_random_uuid(),
	flagger_id uuid default auth.uid() references public.members (id) on delete set null,
	thread_id uuid references public.threads (id) on delete cascade,
	post_id uuid references public.posts (id) on delete cascade,
	guide_id uuid references public.guides (id) on delete cascade,
	reason public.flag_reason not null,
	note text check (char_length(note) <= 1000),
	created_at timestamptz not null default now(),
	-- Flags are decided with their item.
	decision public.moderation_resolution,
	decided_at timestamptz,
	-- The flag's community, so the moderators' policy compares a column with their
	-- communities, computed once per statement (set_flag_community sets it).
	community_id uuid not null references public.communities (id) on delete cascade,
	check (num_nonnulls(thread_id, post_id, guide_id) = 1),
	check (guide_id is null or reason not in ('needs_professional', 'crisis'))
);
-- One flag per member and thread or post, and besides it one crisis report: a member who
-- flagged "needs a professional" can still report that someone is in danger, which makes
-- the thread's item urgent. One report per member and guide.
create unique index flags_one_per_member_and_thread on public.flags (flagger_id, thread_id, (reason = 'crisis'));
create unique index flags_one_per_member_and_post on public.flags (flagger_id, post_id, (reason = 'crisis'));
create unique index flags_one_per_member_and_guide on public.flags (flagger_id, guide_id);
create index flags_thread_idx on public.flags (thread_id) where thread_id is not null;
create index flags_post_idx on public.flags (post_id) where post_id is not null;
create index flags_guide_idx on public.flags (guide_id) where guide_id is not null;
create index flags_community_idx on public.flags (community_id);

-- Flags are rate limited: at most 20 an hour per member.
create function public.limit_flagging() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	if (select count(*) from public.flags where flagger_id = new.flagger_id and created_at > now() - interval '1 hour') >= 20 then
		raise exception 'rate_limited: too many flags' using errcode = 'P0001', hint = 'rate_limited';
	end if;
	return new;
end;
$$;
create trigger limit_flagging before insert on public.flags
for each row when (current_user in ('authenticated', 'anon')) execute function public.limit_flagging();
create trigger refuse_suspended before insert on public.flags
for each row execute function public.refuse_suspended();

-- Set from the flagged thread or post, never by the flagger (they may insert only the
-- columns granted to them).
create function public.set_flag_community() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	new.community_id := coalesce((select g.community_id from public.guides g where g.id = new.guide_id),
		(select t.community_id from public.threads t
		where t.id = coalesce(new.thread_id, (select p.thread_id from public.posts p where p.id = new.post_id))));
	return new;
end;
$$;
create trigger set_flag_community before insert on public.flags
for each row execute function public.set_flag_community();

-- "Needs a professional" and "dangerous advice" ask for a counsellor; "crisis" is urgent.
create function public.escalate_flag() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	thread uuid := coalesce(new.thread_id, (select p.thread_id from public.posts p where p.id = new.post_id));
begin
	perform public.open_escalation(thread,
		case when new.reason = 'crisis' then 'urgent' else 'normal' end::public.escalation_priority,
		'flag', nullif(btrim(coalesce(new.note, '')), ''), new.post_id);
	return null;
end;
$$;
create trigger escalate_flag after insert on public.flags
for each row when (new.reason in ('needs_professional', 'dangerous_advice', 'crisis') and new.guide_id is null)
execute function public.escalate_flag();

-- Flags with a moderation reason open an item; enough of them hide the target. A crisis
-- report goes to the counsellors alone (escalate_flag: urgent) and never counts towards
-- hiding a post: a cry for help is not hidden because peers worried about it.
create function public.moderate_flag() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	thread uuid := coalesce(new.thread_id, (select p.thread_id from public.posts p where p.id = new.post_id));
	threshold integer;
	undecided integer;
	item uuid;
begin
	item := public.open_moderation_item(thread, new.post_id, 'flagged', new.reason::text, new.guide_id);
	select c.flag_hide_threshold into threshold from public.communities c where c.id = new.community_id;
	select count(distinct f.flagger_id) into undecided from public.flags f
	where f.decision is null and f.reason not in ('needs_professional', 'crisis')
		and (f.post_id = new.post_id or f.guide_id = new.guide_id
			or (new.post_id is null and f.thread_id = new.thread_id));
	if undecided >= threshold then
		if new.guide_id is not null then
			update public.guides set held_at = public.clock() where id = new.guide_id and held_at is null;
		elsif new.post_id is not null then
			update public.posts set held_at = public.clock() where id = new.post_id and held_at is null;
		else
			update public.threads set held_at = public.clock() where id = new.thread_id and held_at is null;
		end if;
		if found then
			insert into public.moderation_events (item_id, action, note) values (item, 'auto_hidden', undecided::text);
		end if;
	end if;
	return null;
end;
$$;
create trigger moderate_flag after insert on public.flags
for each row when (new.reason not in ('needs_professional', 'crisis')) execute function public.moderate_flag();

-- A moved thread takes its escalations and flags, those of its posts too, to its new
-- community: one trigger for all that follows a thread.
create function public.follow_thread_community() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	update public.escalations set community_id = new.community_id where thread_id = new.id;
	update public.flags set community_id = new.community_id
	where thread_id = new.id or post_id in (select p.id from public.posts p where p.thread_id = new.id);
	return null;
end;
$$;
create trigger follow_thread_community after update of community_id on public.threads
for each row when (old.community_id is distinct from new.community_id)
execute function public.follow_thread_community();

alter table public.flags enable row level security;

create policy "Members see their own flags" on public.flags
	for select to authenticated using (flagger_id = (select auth.uid()));
create policy "Members flag threads, posts and guides they can see" on public.flags
	for insert to authenticated with check (
		flagger_id = (select auth.uid())
		and (thread_id is null or exists (select 1 from public.threads t where t.id = thread_id))
		and (post_id is null or exists (select 1 from public.posts p where p.id = post_id))
		and (guide_id is null or exists (select 1 from public.guides g where g.id = guide_id))
	);
-- The flag's own community, compared with the moderator's communities once per
-- statement. Not an EXISTS over threads (it read every thread the moderator may see
-- whenever a statement touched flags), nor a function asked per row, which any member
-- could call to learn the community of any thread or post id, held and removed ones
-- included.
create policy "Moderators see the flags in their communities" on public.flags
	for select to authenticated using (community_id = any ((select public.moderated_communities())::uuid[]));
-- The thread of a member's own flag, also when the flagged post was removed since (the
-- member's list of flags links it, and its title while they may see the thread). Only for
-- the flagger: thread_of would tell anyone the thread of any post.
create function public.flagged_thread(flag uuid) returns uuid
language sql stable security definer set search_path = '' as $$
	select coalesce(f.thread_id, p.thread_id)
	from public.flags f left join public.posts p on p.id = f.post_id
	where f.id = flag and f.flagger_id = (select auth.uid());
$$;
revoke execute on function public.flagged_thread(uuid) from public, anon;
grant execute on function public.flagged_thread(uuid) to authenticated;

revoke all on public.flags from anon, authenticated;
grant select, insert (flagger_id, thread_id, post_id, guide_id, reason, note) on public.flags to authenticated;
grant select (decision, decided_at) on public.flags to authenticated;

revoke execute on function public.escalate_flag(), public.limit_flagging(), public.moderate_flag(),
	public.set_flag_community(), public.follow_thread_community()
	from public, anon, authenticated;
