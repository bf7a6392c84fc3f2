-- The counsellors' and moderators' queues on a large forum: every read is proportional
-- to what the queue shows or to the last 30 days, never to the whole history.

-- Whom a policy lets see a row, computed once per statement ------------------------------
-- Policies compare a row's community with these arrays, written `= any ((select …)::uuid[])` so
-- Postgres evaluates the function once per statement (an InitPlan), not once per row.

-- The communities the signed-in member serves as a verified counsellor (serves_community()
-- for all of them at once); empty for everyone else.
create function public.served_communities() returns uuid[]
language sql stable security definer set search_path = '' as $$
	select coalesce((
		select case when p.serves_all then array(select c.id from public.communities c)
			else array(select cc.community_id from public.counsellor_communities cc where cc.member_id = m.id) end
		from public.members m
		join public.counsellor_profiles p on p.member_id = m.id and p.withdrawn_at is null
		where m.id = (select auth.uid()) and m.site_role = 'counsellor'
	), '{}');
$$;

-- The communities the signed-in member moderates (is_moderator() for all of them at once).
create function public.moderated_communities() returns uuid[]
language sql stable security definer set search_path = '' as $$
	select array(select cm.community_id from public.community_moderators cm where cm.member_id = (select auth.uid()));
$$;

revoke all on function public.served_communities(), public.moderated_communities() from public;
grant execute on function public.served_communities(), public.moderated_communities() to authenticated;

alter policy "Counsellors serving the community see its escalations" on public.escalations
	using (community_id = any ((select public.served_communities())::uuid[]));
alter policy "Counsellors serving the community see the history" on public.escalation_events
	using (exists (
		select 1 from public.escalations e
		where e.id = escalation_id and e.community_id = any ((select public.served_communities())::uuid[])
	));
alter policy "Counsellors serving the community read internal notes" on public.escalation_notes
	using (exists (
		select 1 from public.escalations e
		where e.id = escalation_id and e.community_id = any ((select public.served_communities())::uuid[])
	));

alter policy "Moderators see their community's items" on public.moderation_items
	using (community_id = any ((select public.moderated_communities())::uuid[]));
alter policy "Moderators see their community's item history" on public.moderation_events
	using (exists (
		select 1 from public.moderation_items i
		where i.id = item_id and i.community_id = any ((select public.moderated_communities())::uuid[])
	));
-- The community a flag belongs to, looked up by key for each flag a statement reads. An
-- EXISTS over threads here became a hash of every thread the moderator may see, built by
-- reading all threads whenever a statement touched flags. It need not ask the threads'
-- own policy: a moderator sees every thread of the communities they moderate.
create function public.community_of_flagged(thread uuid, post uuid) returns uuid
language sql stable security definer set search_path = '' as $$
	select t.community_id from public.threads t
	where t.id = coalesce(thread, (select p.thread_id from public.posts p where p.id = post));
$$;
revoke all on function public.community_of_flagged(uuid, uuid) from public;
grant execute on function public.community_of_flagged(uuid, uuid) to authenticated;
alter policy "Moderators see the flags in their communities" on public.flags
	using (public.community_of_flagged(thread_id, post_id) = any ((select public.moderated_communities())::uuid[]));

-- Questions still waiting for their first escalation ----------------------------------------
-- The unanswered trigger opens an item only for a question that never had one; a flag
-- kept by the escalations themselves lets an index hold just the questions that are
-- unanswered and never escalated, so reading the queue looks at what is new only.
alter table public.threads add column escalated boolean not null default false;
update public.threads t set escalated = true
where exists (select 1 from public.escalations e where e.thread_id = t.id);
create index threads_awaiting_escalation_idx on public.threads (community_id, created_at)
	where answer_count = 0 and withdrawn_at is null and not escalated;

create function public.mark_thread_escalated() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	update public.threads set escalated = true where id = new.thread_id and not escalated;
	return null;
end;
$$;
create trigger mark_thread_escalated after insert on public.escalations
	for each row execute function public.mark_thread_escalated();

create or replace function public.open_unanswered_escalations() returns integer
language plpgsql security definer set search_path = '' as $$
declare
	opened integer;
begin
	with served as materialized (
		select c.id, c.escalation_waiting_time as waiting, c.escalation_due_normal as due
		from public.communities c where c.id = any ((select public.served_communities())::uuid[])
	), waited as (
		select t.id as thread_id, s.id as community_id, t.created_at + s.waiting as since, s.due
		from served s join public.threads t on t.community_id = s.id
		where t.answer_count = 0 and t.withdrawn_at is null and not t.escalated
			and t.created_at + s.waiting <= public.clock()
	), inserted as (
		insert into public.escalations (thread_id, community_id, priority, opened_at, due_at)
		select thread_id, community_id, 'normal', since, since + due from waited
		on conflict (thread_id) where state <> 'resolved' do nothing
		returning id, opened_at
	)
	insert into public.escalation_events (escalation_id, kind, trigger, priority, at)
	select id, 'opened', 'unanswered', 'normal', opened_at from inserted;
	get diagnostics opened = row_count;
	return opened;
end;
$$;

-- Figures over the last 30 days --------------------------------------------------------------
-- The first claim of each item, kept with it, so the median time to claim reads the
-- window's items by index instead of grouping every claim ever made.
alter table public.escalations add column first_claimed_at timestamptz;
update public.escalations e set first_claimed_at = c.at
from (select escalation_id, min(at) as at from public.escalation_events where kind = 'claimed' group by escalation_id) c
where c.escalation_id = e.id;

create function public.remember_first_claim() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	update public.escalations set first_claimed_at = new.at
	where id = new.escalation_id and (first_claimed_at is null or first_claimed_at > new.at);
	return null;
end;
$$;
create trigger remember_first_claim after insert on public.escalation_events
	for each row when (new.kind = 'claimed') execute function public.remember_first_claim();

create index escalations_first_claim_idx on public.escalations (first_claimed_at) include (community_id, opened_at)
	where first_claimed_at is not null;
create index escalations_resolved_idx on public.escalations (resolved_at) include (community_id, opened_at)
	where state = 'resolved';
-- The queue's order (urgent first, then by due time) for the items still to work on.
create index escalations_active_idx on public.escalations (priority, due_at, id) include (community_id)
	where state <> 'resolved';

-- The moderators' figures: a community's items of the last 30 days.
create index moderation_items_opened_idx on public.moderation_items (community_id, opened_at) include (first_action_at);
-- The moderators' queue of resolved items, newest first, per community.
create index moderation_items_resolved_idx on public.moderation_items (community_id, resolved_at desc, id)
	where state = 'resolved';
