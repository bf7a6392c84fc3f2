-- Safeguarding figures for admins and funders, per community and month an item was
-- opened (Berlin time): how many items, the median minutes to the first claim and to
-- the resolution, the share resolved within the due time, and the outcomes (referrals
-- among them) with the items still open. Funders may publish them, so any figure of
-- fewer than 10 items is suppressed here, in SQL (null: "< 10"): a count under 10, and a
-- median or share computed from fewer than 10 items. The outcomes and the open items add
-- up to the items, so when exactly one of them is suppressed the next smallest is too,
-- or it could be worked out from the others.

create function public.escalation_figures(first_month date, last_month date)
returns table (month date, community_id uuid, community_name text, items integer,
	median_minutes_to_claim integer, median_minutes_to_resolution integer, percent_resolved_within_due integer,
	answered_publicly integer, referred integer, no_action integer, duplicate integer, still_open integer)
language plpgsql stable security definer set search_path = '' as $$
begin
	if not public.is_admin() then
		raise exception 'Only admins read the safeguarding figures' using errcode = '42501';
	end if;
	return query
	with counted as (
		select date_trunc('month', e.opened_at at time zone 'Europe/Berlin')::date as month, e.community_id,
			count(*)::integer as items,
			count(e.first_claimed_at)::integer as claimed,
			percentile_cont(0.5) within group (order by extract(epoch from e.first_claimed_at - e.opened_at) / 60) as to_claim,
			(count(*) filter (where e.state = 'resolved'))::integer as resolved,
			percentile_cont(0.5) within group (order by extract(epoch from e.resolved_at - e.opened_at) / 60)
				filter (where e.state = 'resolved') as to_resolve,
			(count(*) filter (where e.state = 'resolved' and e.resolved_at <= e.due_at))::integer as in_time,
			array[(count(*) filter (where e.outcome = 'answered_publicly'))::integer,
				(count(*) filter (where e.outcome = 'referred'))::integer,
				(count(*) filter (where e.outcome = 'no_action'))::integer,
				(count(*) filter (where e.outcome = 'duplicate'))::integer,
				(count(*) filter (where e.state <> 'resolved'))::integer] as parts
		from public.escalations e
		where e.opened_at >= first_month::timestamp at time zone 'Europe/Berlin'
			and e.opened_at < (last_month + interval '1 month')::timestamp at time zone 'Europe/Berlin'
		group by 1, 2
	), protected as (
		-- The cell suppressed besides a lone suppressed part: the smallest part shown.
		select c.*, case when c.items >= 10 and (select count(*) from unnest(c.parts) p where p < 10) = 1
			then (select min(p) from unnest(c.parts) p where p >= 10) end as also_hidden
		from counted c
	)
	select p.month, p.community_id, cm.name,
		case when p.items >= 10 then p.items end,
		case when p.claimed >= 10 then round(p.to_claim)::integer end,
		case when p.resolved >= 10 then round(p.to_resolve)::integer end,
		case when p.resolved >= 10 then round(100.0 * p.in_time / p.resolved)::integer end,
		case when p.parts[1] >= 10 and p.parts[1] is distinct from p.also_hidden then p.parts[1] end,
		case when p.parts[2] >= 10 and p.parts[2] is distinct from p.also_hidden then p.parts[2] end,
		case when p.parts[3] >= 10 and p.parts[3] is distinct from p.also_hidden then p.parts[3] end,
		case when p.parts[4] >= 10 and p.parts[4] is distinct from p.also_hidden then p.parts[4] end,
		case when p.parts[5] >= 10 and p.parts[5] is distinct from p.also_hidden then p.parts[5] end
	from protected p
	join public.communities cm on cm.id = p.community_id
	order by p.month desc, cm.name;
end;
$$;
revoke execute on function public.escalation_figures(date, date) from public, anon;
