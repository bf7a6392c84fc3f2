-- Escalation to professionals, part 2c: handing an item over. The holder releases it or
-- hands it to a colleague who serves the community or to a duty lead; a colleague or
-- duty lead may do the same with an item someone else holds (the holder is away, an
-- urgent case waits), giving a reason. Every step is in the item's history: who, when,
-- from whom to whom. Each counsellor's open load is visible to the colleagues.

-- Someone other than the holder takes an item from them only with a reason; any
-- reason is at most 500 characters (the item's history keeps it as the event's detail).
create function public.check_handover_reason(item public.escalations, reason text) returns void
language plpgsql stable set search_path = '' as $$
begin
	if char_length(btrim(reason)) > 500 then
		raise exception 'The reason is too long' using errcode = '23514', hint = 'escalation_handover_reason_required';
	end if;
	if item.state = 'claimed' and item.claimed_by is distinct from (select auth.uid())
		and char_length(btrim(coalesce(reason, ''))) < 3 then
		raise exception 'Say why you take this item from the counsellor holding it'
			using errcode = '23514', hint = 'escalation_handover_reason_required';
	end if;
end;
$$;

create function public.release_escalation(escalation uuid, reason text default null) returns void
language plpgsql security definer set search_path = '' as $$
declare
	item public.escalations := public.escalation_for_change(escalation);
begin
	if item.state <> 'claimed' then
		raise exception 'Only a claimed escalation can be released' using errcode = '55000', hint = 'escalation_not_claimed';
	end if;
	perform public.check_handover_reason(item, reason);
	update public.escalations set state = 'open', claimed_by = null, claimed_at = null where id = escalation;
	insert into public.escalation_events (escalation_id, kind, actor_id, previous_holder_id, detail)
	values (escalation, 'released', (select auth.uid()), item.claimed_by, nullif(btrim(reason), ''));
end;
$$;

-- Hands an open or claimed item to a counsellor serving its community (duty leads serve
-- every one); the new holder is told.
create function public.reassign_escalation(escalation uuid, assignee uuid, reason text default null) returns void
language plpgsql security definer set search_path = '' as $$
declare
	item public.escalations := public.escalation_for_change(escalation);
begin
	if item.state = 'resolved' then
		raise exception 'This escalation is resolved; reopen it first' using errcode = '55000', hint = 'escalation_is_resolved';
	end if;
	if not exists (select 1 from public.serving_counsellors(item.community_id) counsellor where counsellor = assignee) then
		raise exception 'Hand items only to counsellors serving this community'
			using errcode = '23514', hint = 'escalation_assignee_not_serving';
	end if;
	if item.state = 'claimed' and item.claimed_by = assignee then
		return;
	end if;
	perform public.check_handover_reason(item, reason);
	update public.escalations set state = 'claimed', claimed_by = assignee, claimed_at = public.clock()
	where id = escalation;
	insert into public.escalation_events (escalation_id, kind, actor_id, previous_holder_id, new_holder_id, detail)
	values (escalation, 'reassigned', (select auth.uid()), case when item.state = 'claimed' then item.claimed_by end,
		assignee, nullif(btrim(reason), ''));
	if assignee is distinct from (select auth.uid()) then
		insert into public.notifications (member_id, kind, thread_id, idea_id, guide_id, community_id)
		values (assignee, 'escalation_assigned', item.thread_id, item.idea_id, item.guide_id, item.community_id);
	end if;
end;
$$;

-- Each counsellor's open load: the items they hold, how many are urgent and overdue.
-- For counsellors, about every colleague serving one of their communities (duty
-- leads serve all, so they see everyone); empty for everyone else. `escalation` limits it
-- to those who may take that item (its community's counsellors).
create function public.counsellor_loads(escalation uuid default null)
returns table (member_id uuid, pseudonym text, duty_lead boolean, holding integer, urgent integer, overdue integer)
language plpgsql stable security definer set search_path = '' as $$
declare
	mine uuid[] := public.served_communities();
	community uuid := (select e.community_id from public.escalations e where e.id = escalation);
	-- Once, not per item held: a PL/pgSQL call per row was a quarter of the loads' time.
	at timestamptz := public.clock();
begin
	if cardinality(mine) = 0 or (escalation is not null and not community = any (mine)) then
		return;
	end if;
	return query
	select m.id, m.pseudonym, p.duty_lead,
		count(e.id)::integer, (count(e.id) filter (where e.priority = 'urgent'))::integer,
		(count(e.id) filter (where e.due_at < at))::integer
	from public.counsellor_profiles p
	join public.members m on m.id = p.member_id and m.site_role = 'counsellor'
	left join public.escalations e on e.claimed_by = p.member_id and e.state = 'claimed'
	where p.withdrawn_at is null
		and (p.serves_all or exists (
			select 1 from public.counsellor_communities cc
			where cc.member_id = p.member_id
				and case when escalation is null then cc.community_id = any (mine) else cc.community_id = community end))
	group by m.id, m.pseudonym, p.duty_lead
	order by lower(m.pseudonym);
end;
$$;

revoke execute on function public.check_handover_reason(public.escalations, text)
	from public, anon, authenticated;
revoke execute on function public.release_escalation(uuid, text), public.reassign_escalation(uuid, uuid, text),
	public.counsellor_loads(uuid)
	from public, anon;
