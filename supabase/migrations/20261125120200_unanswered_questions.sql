-- Escalation to professionals, part 2b: "no peer answer within the community's waiting
-- time". A scheduled job opens the items (every minute: pg_cron on hosted Supabase, the
-- app server's scheduler locally, src/lib/server/scheduler.ts), so a question is
-- escalated on time whether or not anyone reads a queue.

-- A peer answer: an answer by someone other than the asker that readers can see (not
-- withdrawn, removed or held). The asker's own answers do not count. PL/pgSQL so its
-- plan is kept (see session_is_active in 20261125100000_members.sql).
create function public.has_peer_answer(thread uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return exists (
		select 1 from public.posts p join public.threads t on t.id = p.thread_id
		where p.thread_id = thread and p.parent_post_id is null
			and p.withdrawn_at is null and p.removed_at is null and p.held_at is null
			and p.author_id is distinct from t.author_id
	);
end;
$$;

-- Keeps threads.peer_answered as has_peer_answer says, whenever an answer is written,
-- withdrawn, removed, restored, held or released; the thread is written only when the
-- answer changes it.
create function public.track_peer_answer() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	answered boolean := public.has_peer_answer(new.thread_id);
begin
	update public.threads set peer_answered = answered
	where id = new.thread_id and peer_answered is distinct from answered;
	return null;
end;
$$;
create trigger track_peer_answer after insert or update of withdrawn_at, removed_at, held_at on public.posts
for each row when (new.parent_post_id is null) execute function public.track_peer_answer();

-- Opens a normal escalation, as of the moment the waiting time ran out, for every
-- question of every community that no peer answered in time and that never had one.
-- Idempotent and safe on several servers at once: one runs it, the others skip
-- (an advisory lock), and two inserts for one thread meet at the unique index anyway.
-- Only questions still awaiting their first escalation are read, per community by
-- index (threads_awaiting_escalation_idx). Returns how many items it opened.
create function public.open_unanswered_escalations() returns integer
language plpgsql security definer set search_path = '' as $$
declare
	opened integer;
begin
	if not pg_try_advisory_xact_lock(hashtext('public.open_unanswered_escalations')) then
		return 0;
	end if;
	with waited as (
		select t.id as thread_id, c.id as community_id, t.created_at + c.escalation_waiting_time as since,
			c.escalation_due_normal as due
		from public.communities c
		join public.threads t on t.community_id = c.id
			and not t.peer_answered and t.withdrawn_at is null and not t.escalated
			and t.created_at <= public.clock() - c.escalation_waiting_time
		where t.removed_at is null
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

revoke execute on function public.has_peer_answer(uuid), public.track_peer_answer(), public.open_unanswered_escalations()
	from public, anon, authenticated;
grant execute on function public.open_unanswered_escalations() to service_role;
