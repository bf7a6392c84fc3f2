-- The topic radar (Themenradar): open figures for everyone, per community (and its region)
-- and month, of the last twelve complete months (Berlin time): the questions asked, the
-- me-toos on them, their escalations by priority and outcome, the referrals to each service
-- of the help directory, and the most frequent tags.
-- Only questions readers can see count (not withdrawn, removed or held); an escalation and
-- a me-too count in the month of their question.
--
-- No cell describes fewer than 10 people: a count made by 1 to 9 people (askers, members
-- saying me too, families whose question was escalated) is kept as null, "fewer than 10";
-- a tag that fewer than 10 askers used is not named at all (a rare tag can name someone).
-- No total is published beside its parts (the escalations of a month are only its
-- priority/outcome cells), so no subtraction recovers a suppressed cell. No text, no
-- pseudonym and nobody's id leaves the database: the people are counted, never kept.
--
-- Kept by the scheduled job keep_topic_radar() (20261125180200_scheduled_jobs.sql) at most
-- once an hour; the page and the downloads read this table by its key.

create table public.topic_radar (
	month date not null,
	community_id uuid not null references public.communities (id) on delete cascade,
	measure text not null check (measure in ('questions', 'me_toos', 'escalations', 'referrals', 'tag')),
	-- escalations: priority/outcome ('urgent/open', 'normal/referred'); referrals: the service's
	-- id (20261125125210_service_referrals.sql); tag: the tag; else ''.
	key text not null default '',
	-- Null: made by fewer than 10 people. A published count is made by 10 or more.
	value integer check (value is null or value = 0 or value >= 10),
	kept_at timestamptz not null default public.clock(),
	primary key (community_id, month, measure, key)
);

alter table public.topic_radar enable row level security;
create policy "The topic radar is open data" on public.topic_radar for select to anon, authenticated
	using (true);
revoke all on public.topic_radar from anon, authenticated;
grant select on public.topic_radar to anon, authenticated;

-- Writes the radar anew from the forum, unless it was kept within the last hour or another
-- run holds it; returns the cells written.
create function public.keep_topic_radar() returns integer
language plpgsql security definer set search_path = '' as $$
declare
	this_month date := date_trunc('month', public.clock() at time zone 'Europe/Berlin')::date;
	first_month date := (this_month - interval '12 months')::date;
	starts timestamptz := first_month::timestamp at time zone 'Europe/Berlin';
	ends timestamptz := this_month::timestamp at time zone 'Europe/Berlin';
	kept integer;
begin
	if not pg_try_advisory_xact_lock(hashtext('public.keep_topic_radar'))
		or exists (select 1 from public.topic_radar r where r.kept_at > public.clock() - interval '1 hour') then
		return 0;
	end if;
	delete from public.topic_radar;
	with asked as (
		select t.id, t.community_id, t.author_id, t.tags,
			date_trunc('month', t.created_at at time zone 'Europe/Berlin')::date as month
		from public.threads t
		where t.created_at >= starts and t.created_at < ends
			and t.withdrawn_at is null and t.removed_at is null and t.held_at is null
	), counted as (
		select a.month, a.community_id, 'questions' as measure, '' as key,
			count(*)::integer as value, count(distinct a.author_id)::integer as people
		from asked a group by 1, 2
		union all
		select a.month, a.community_id, 'me_toos', '', count(*)::integer, count(distinct m.member_id)::integer
		from asked a join public.me_toos m on m.thread_id = a.id group by 1, 2
		union all
		select a.month, a.community_id, 'escalations', e.priority || '/' || coalesce(e.outcome::text, 'open'),
			count(*)::integer, count(distinct a.author_id)::integer
		from asked a join public.escalations e on e.thread_id = a.id group by 1, 2, 4
		union all
		select a.month, a.community_id, 'referrals', e.referred_service_id::text,
			count(*)::integer, count(distinct a.author_id)::integer
		from asked a join public.escalations e on e.thread_id = a.id
		where e.referred_service_id is not null group by 1, 2, 4
		union all
		select month, community_id, 'tag', key, value, people from (
			select a.month, a.community_id, tag as key, count(*)::integer as value,
				count(distinct a.author_id)::integer as people,
				row_number() over (partition by a.month, a.community_id
					order by count(distinct a.author_id) desc, tag) as rank
			from asked a cross join unnest(a.tags) tag
			group by 1, 2, 3
			having count(distinct a.author_id) >= 10
		) tags where rank <= 5
	), months as (
		select g::date as month from generate_series(first_month, this_month - 1, interval '1 month') g
	)
	insert into public.topic_radar (month, community_id, measure, key, value)
	-- Every month of every community says how many questions and me-toos, if only 0.
	select mo.month, c.id, measure.name, '',
		case when coalesce(n.people, 0) >= 10 then n.value when n.value is null then 0 end
	from months mo
	cross join public.communities c
	cross join (values ('questions'), ('me_toos')) measure (name)
	left join counted n on n.month = mo.month and n.community_id = c.id and n.measure = measure.name
	union all
	select n.month, n.community_id, n.measure, n.key, case when n.people >= 10 then n.value end
	from counted n where n.measure in ('escalations', 'referrals', 'tag');
	get diagnostics kept = row_count;
	return kept;
end;
$$;
revoke execute on function public.keep_topic_radar() from public, anon, authenticated;
grant execute on function public.keep_topic_radar() to service_role;
