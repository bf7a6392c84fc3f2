-- The needs signal (Bedarfe): which questions families share most ("me too"), per
-- community or region and month by month, for professionals (counsellors and admins), and
-- a community's weekly summary they can subscribe to. Titles of shown questions and counts
-- only, never who said "me too" (a member reads only their own me-toos,
-- 20261125110000_questions_and_answers.sql), hence functions that check the reader first.

-- One community, or every community of a region (communities.region; a Land's include
-- those of its Kreise).
create function public.needs_communities(community uuid, region text) returns uuid[]
language sql stable set search_path = '' as $$
	select coalesce(array_agg(c.id), '{}') from public.communities c
	where case when needs_communities.community is not null then c.id = needs_communities.community
		else c.region = any (public.region_and_kreise(needs_communities.region)) end;
$$;

create function public.require_professional() returns void
language plpgsql stable security definer set search_path = '' as $$
begin
	if not (public.is_counsellor() or public.is_admin()) then
		raise exception 'Only counsellors and admins read the needs signal' using errcode = '42501';
	end if;
end;
$$;

-- The questions most shared in the twelve months before `at`, with their me-toos in the
-- last 30 days and in the 30 before (rising or falling). A me-too counts when it was said.
create function public.shared_questions(community uuid, region text, at timestamptz default now(),
	size integer default 20)
returns table (thread_id uuid, title text, community_slug text, community_name text, me_toos integer,
	recent integer, earlier integer)
language plpgsql stable security definer set search_path = '' as $$
declare
	places uuid[] := public.needs_communities(community, region);
begin
	perform public.require_professional();
	return query
	select t.id, t.title, c.slug, c.name, count(*)::integer,
		(count(*) filter (where mt.created_at >= at - interval '30 days'))::integer,
		(count(*) filter (where mt.created_at >= at - interval '60 days' and mt.created_at < at - interval '30 days'))::integer
	from public.threads t
	join public.communities c on c.id = t.community_id
	join public.me_toos mt on mt.thread_id = t.id and mt.created_at >= at - interval '12 months' and mt.created_at < at
	where t.community_id = any (places)
		and t.held_at is null and t.removed_at is null and t.withdrawn_at is null
	group by t.id, t.title, c.slug, c.name
	order by count(*) desc, max(mt.created_at) desc, t.id
	limit least(size, 100);
end;
$$;

-- The me-toos said and the questions asked per month (Berlin time), the twelve months up
-- to the one of `at`, months without any included.
create function public.needs_by_month(community uuid, region text, at timestamptz default now())
returns table (month text, me_toos integer, questions integer)
language plpgsql stable security definer set search_path = '' as $$
declare
	this_month timestamp := date_trunc('month', at at time zone 'Europe/Berlin');
	since timestamptz := (this_month - interval '11 months') at time zone 'Europe/Berlin';
	places uuid[] := public.needs_communities(community, region);
begin
	perform public.require_professional();
	return query
	with shown as (
		select t.id, t.created_at from public.threads t
		where t.community_id = any (places) and t.held_at is null and t.removed_at is null and t.withdrawn_at is null
	), said as (
		select date_trunc('month', mt.created_at at time zone 'Europe/Berlin') as month, count(*)::integer as count
		from shown s join public.me_toos mt on mt.thread_id = s.id and mt.created_at >= since
		group by 1
	), asked as (
		select date_trunc('month', s.created_at at time zone 'Europe/Berlin') as month, count(*)::integer as count
		from shown s where s.created_at >= since
		group by 1
	)
	select to_char(m.month, 'YYYY-MM'), coalesce(said.count, 0), coalesce(asked.count, 0)
	from generate_series(this_month - interval '11 months', this_month, interval '1 month') m(month)
	left join said on said.month = m.month
	left join asked on asked.month = m.month
	order by m.month;
end;
$$;

-- Subscriptions to a community's weekly summary. `summarised_until`: the due time of the
-- last week handled, so the job reads each subscription once a week; a new one waits
-- for the next Monday.
create table public.needs_subscriptions (
	member_id uuid not null default auth.uid() references public.members (id) on delete cascade,
	community_id uuid not null references public.communities (id) on delete cascade,
	created_at timestamptz not null default now(),
	summarised_until timestamptz not null default now(),
	primary key (member_id, community_id)
);
create index needs_subscriptions_due_idx on public.needs_subscriptions (summarised_until);

alter table public.needs_subscriptions enable row level security;
create policy "Professionals subscribe to a community's weekly summary" on public.needs_subscriptions
	for insert to authenticated
	with check (member_id = (select auth.uid()) and (select public.is_counsellor() or public.is_admin()));
create policy "Members read their own subscriptions" on public.needs_subscriptions
	for select to authenticated using (member_id = (select auth.uid()));
create policy "Members end their own subscriptions" on public.needs_subscriptions
	for delete to authenticated using (member_id = (select auth.uid()));
revoke all on public.needs_subscriptions from anon, authenticated;
grant select (member_id, community_id, created_at), insert (community_id), delete
	on public.needs_subscriptions to authenticated;

-- The weekly summaries, due on Mondays at 07:00 Berlin time: each subscriber still a
-- counsellor or admin gets a notification per community (needs_summary) with the five
-- questions most shared in the seven days before, a line "12 × title" each; none for a
-- week in which nobody shared one. Idempotent, safe beside another run of itself.
create function public.queue_needs_summaries(at timestamptz default now()) returns integer
language plpgsql security definer set search_path = '' as $$
declare
	due timestamptz := (date_trunc('week', at at time zone 'Europe/Berlin') + interval '7 hours') at time zone 'Europe/Berlin';
	queued integer;
begin
	if due > at then
		due := due - interval '7 days';
	end if;
	perform pg_advisory_xact_lock(hashtext('public.queue_needs_summaries'));
	with owed as (
		update public.needs_subscriptions s set summarised_until = due
		from public.members m
		where s.summarised_until < due and m.id = s.member_id and m.site_role in ('counsellor', 'admin')
		returning s.member_id, s.community_id
	), summaries as (
		select o.community_id, (
			select string_agg(w.count || ' × ' || w.title, E'\n' order by w.count desc, w.title)
			from (
				select count(*) as count, t.title
				from public.threads t
				join public.me_toos mt on mt.thread_id = t.id
					and mt.created_at >= due - interval '7 days' and mt.created_at < due
				where t.community_id = o.community_id
					and t.held_at is null and t.removed_at is null and t.withdrawn_at is null
				group by t.id, t.title
				order by count(*) desc, t.title
				limit 5
			) w) as summary
		from (select distinct community_id from owed) o
	)
	insert into public.notifications (member_id, kind, community_id, reason)
	select o.member_id, 'needs_summary', o.community_id, left(s.summary, 1000)
	from owed o join summaries s on s.community_id = o.community_id
	where s.summary is not null;
	get diagnostics queued = row_count;
	return queued;
end;
$$;

revoke execute on function public.needs_communities(uuid, text), public.require_professional(),
	public.queue_needs_summaries(timestamptz) from public, anon, authenticated;
revoke execute on function public.shared_questions(uuid, text, timestamptz, integer),
	public.needs_by_month(uuid, text, timestamptz) from public, anon;
grant execute on function public.shared_questions(uuid, text, timestamptz, integer),
	public.needs_by_month(uuid, text, timestamptz) to authenticated;
grant execute on function public.queue_needs_summaries(timestamptz) to service_role;
