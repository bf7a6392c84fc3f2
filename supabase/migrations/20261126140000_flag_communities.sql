-- A flag knows its community, so the moderators' policy compares a column with their
-- communities, computed once per statement. Before, it asked community_of_flagged() for
-- every row: a function any member could call, telling the community of any thread or
-- post id, held and removed ones included. It is gone.
alter table public.flags add column community_id uuid references public.communities (id) on delete cascade;
update public.flags f set community_id = t.community_id
from public.threads t
where t.id = coalesce(f.thread_id, (select p.thread_id from public.posts p where p.id = f.post_id));
alter table public.flags alter column community_id set not null;
create index flags_community_idx on public.flags (community_id);

-- Set from the flagged thread or post, never by the flagger (they may insert only the
-- columns granted to them).
create function public.set_flag_community() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	new.community_id := (select t.community_id from public.threads t
		where t.id = coalesce(new.thread_id, (select p.thread_id from public.posts p where p.id = new.post_id)));
	return new;
end;
$$;
create trigger set_flag_community before insert on public.flags
for each row execute function public.set_flag_community();

-- A moved thread takes its escalations and flags, those of its posts too, to its new
-- community: one trigger for all that follows a thread (before: escalations alone).
drop trigger sync_escalation_community on public.threads;
drop function public.sync_escalation_community();
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

alter policy "Moderators see the flags in their communities" on public.flags
	using (community_id = any ((select public.moderated_communities())::uuid[]));
drop function public.community_of_flagged(uuid, uuid);
