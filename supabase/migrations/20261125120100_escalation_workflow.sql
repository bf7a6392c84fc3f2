-- Escalation to professionals, part 2: the "unanswered" trigger, working an item
-- (claim, release, note, resolve, reopen), and telling the asker when a professional
-- answers. Every refusal names its reason; the hint is the message key the app shows.

-- Unanswered questions ---------------------------------------------------------------
-- "No peer answer within the community's waiting time" needs no scheduler: the
-- queue calls this before it reads. It opens a normal escalation, as of the moment
-- the waiting time ran out, for each such thread in the caller's communities that
-- never had one. Two counsellors reading at once meet at the unique index.
-- The communities are the caller's served communities, computed once; only questions
-- still awaiting their first escalation are read (threads_awaiting_escalation_idx).
create function public.open_unanswered_escalations() returns integer
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

-- Working an item ----------------------------------------------------------------------
-- Loads an item for a change by a counsellor serving its community, locked.
create function public.escalation_for_change(escalation uuid) returns public.escalations
language plpgsql security definer set search_path = '' as $$
declare
	item public.escalations;
begin
	select * into item from public.escalations e where e.id = escalation for update;
	if not found then
		raise exception 'Escalation not found' using errcode = 'P0002';
	end if;
	if not public.serves_community(item.community_id) then
		raise exception 'Only counsellors serving this community can work on it'
			using errcode = '42501', hint = 'escalation_not_serving';
	end if;
	return item;
end;
$$;

-- One counsellor holds an item. Of two claims at the same moment, one gets the row
-- lock first and claims; the other waits, then sees the item taken and is refused.
create function public.claim_escalation(escalation uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
	item public.escalations := public.escalation_for_change(escalation);
begin
	if item.state = 'claimed' and item.claimed_by = (select auth.uid()) then
		return;
	end if;
	if item.state = 'resolved' then
		raise exception 'This escalation is resolved; reopen it first'
			using errcode = '55000', hint = 'escalation_is_resolved';
	end if;
	if item.state = 'claimed' and item.claimed_by is not null then
		raise exception 'Another counsellor has already claimed this escalation'
			using errcode = '55000', hint = 'escalation_already_claimed';
	end if;
	update public.escalations set state = 'claimed', claimed_by = (select auth.uid()), claimed_at = public.clock()
	where id = escalation;
	insert into public.escalation_events (escalation_id, kind, actor_id) values (escalation, 'claimed', (select auth.uid()));
end;
$$;

create function public.release_escalation(escalation uuid, reason text default null) returns void
language plpgsql security definer set search_path = '' as $$
declare
	item public.escalations := public.escalation_for_change(escalation);
begin
	if item.state <> 'claimed' or item.claimed_by is distinct from (select auth.uid()) then
		raise exception 'Only the counsellor holding this escalation can release it'
			using errcode = '42501', hint = 'escalation_not_holder';
	end if;
	update public.escalations set state = 'open', claimed_by = null, claimed_at = null where id = escalation;
	insert into public.escalation_events (escalation_id, kind, actor_id, detail)
	values (escalation, 'released', (select auth.uid()), nullif(btrim(reason), ''));
end;
$$;

create function public.add_escalation_note(escalation uuid, body text) returns bigint
language plpgsql security definer set search_path = '' as $$
declare
	note bigint;
begin
	perform public.escalation_for_change(escalation);
	insert into public.escalation_notes (escalation_id, author_id, body)
	values (escalation, (select auth.uid()), btrim(body)) returning id into note;
	insert into public.escalation_events (escalation_id, kind, actor_id) values (escalation, 'noted', (select auth.uid()));
	return note;
end;
$$;

-- Resolves an open item, or one the caller holds. A referral names the service; a
-- duplicate names the other thread; "answered publicly" needs a professional answer.
create function public.resolve_escalation(
	escalation uuid, outcome public.escalation_outcome, service text default null, duplicate_of uuid default null
) returns void
language plpgsql security definer set search_path = '' as $$
declare
	item public.escalations := public.escalation_for_change(escalation);
begin
	if item.state = 'resolved' then
		raise exception 'This escalation is already resolved' using errcode = '55000', hint = 'escalation_is_resolved';
	end if;
	if item.state = 'claimed' and item.claimed_by is distinct from (select auth.uid()) then
		raise exception 'Another counsellor holds this escalation' using errcode = '42501', hint = 'escalation_not_holder';
	end if;
	if outcome = 'referred' and char_length(btrim(coalesce(service, ''))) = 0 then
		raise exception 'Name the service the family was referred to'
			using errcode = '23514', hint = 'escalation_service_required';
	end if;
	if outcome = 'duplicate' and (duplicate_of is null or duplicate_of = item.thread_id
		or not exists (select 1 from public.threads t where t.id = duplicate_of)) then
		raise exception 'Name the thread this one duplicates' using errcode = '23514', hint = 'escalation_duplicate_required';
	end if;
	if outcome = 'answered_publicly' and not exists (
		select 1 from public.posts p
		where p.thread_id = item.thread_id and p.is_professional and p.withdrawn_at is null
	) then
		raise exception 'Answer in the thread before resolving as answered publicly'
			using errcode = '55000', hint = 'escalation_answer_first';
	end if;
	update public.escalations e
	set state = 'resolved', outcome = resolve_escalation.outcome, resolved_by = (select auth.uid()),
		resolved_at = public.clock(),
		referred_service = case when resolve_escalation.outcome = 'referred' then btrim(service) end,
		duplicate_of = case when resolve_escalation.outcome = 'duplicate' then resolve_escalation.duplicate_of end
	where e.id = escalation;
	insert into public.escalation_events (escalation_id, kind, outcome, actor_id, detail)
	values (escalation, 'resolved', outcome, (select auth.uid()),
		case outcome when 'referred' then btrim(service) when 'duplicate' then duplicate_of::text end);
end;
$$;

create function public.reopen_escalation(escalation uuid, reason text default null) returns void
language plpgsql security definer set search_path = '' as $$
declare
	item public.escalations := public.escalation_for_change(escalation);
begin
	if item.state <> 'resolved' then
		raise exception 'Only a resolved escalation can be reopened' using errcode = '55000', hint = 'escalation_not_resolved';
	end if;
	if exists (select 1 from public.escalations e where e.thread_id = item.thread_id and e.state <> 'resolved') then
		raise exception 'This thread already has an open escalation' using errcode = '23505', hint = 'escalation_already_open';
	end if;
	update public.escalations
	set state = 'open', outcome = null, referred_service = null, duplicate_of = null, resolved_by = null,
		resolved_at = null, claimed_by = null, claimed_at = null,
		due_at = public.clock() + public.escalation_due(item.community_id, item.priority)
	where id = escalation;
	insert into public.escalation_events (escalation_id, kind, actor_id, detail)
	values (escalation, 'reopened', (select auth.uid()), nullif(btrim(reason), ''));
end;
$$;

-- A professional answered: the asker is told, and the thread's open escalation
-- records the answer in its history. (Notifications: 20261125150000_notifications.sql.)
create function public.record_professional_answer() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	asker uuid;
begin
	select t.author_id into asker from public.threads t where t.id = new.thread_id;
	if asker is not null and asker is distinct from new.author_id then
		insert into public.notifications (member_id, kind, thread_id, post_id)
		values (asker, 'professional_answer', new.thread_id, new.id);
	end if;
	insert into public.escalation_events (escalation_id, kind, actor_id, post_id)
	select e.id, 'answered', new.author_id, new.id
	from public.escalations e where e.thread_id = new.thread_id and e.state <> 'resolved';
	return null;
end;
$$;
create trigger record_professional_answer after insert on public.posts
for each row when (new.is_professional) execute function public.record_professional_answer();

revoke execute on function public.open_unanswered_escalations(), public.escalation_for_change(uuid),
	public.record_professional_answer() from public, anon, authenticated;
grant execute on function public.open_unanswered_escalations() to authenticated;
revoke execute on function public.claim_escalation(uuid), public.release_escalation(uuid, text),
	public.add_escalation_note(uuid, text), public.resolve_escalation(uuid, public.escalation_outcome, text, uuid),
	public.reopen_escalation(uuid, text)
	from public, anon;
