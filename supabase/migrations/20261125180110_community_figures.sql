-- How the communities live, for admins, per community and month (Berlin time): members
-- at the month's end and new ones, the questions asked, how many of them have a peer
-- answer, as a share, and the median minutes to the first. Only questions readers can
-- see count (not withdrawn, removed or held), and a peer answer is what the unanswered
-- trigger waits for (has_peer_answer, 20261125120200_unanswered_questions.sql): an answer
-- by someone other than the asker that readers can see, its time the first of those now
-- shown. Members are those still in the community, by when they joined (leaving deletes
-- the membership). Not suppressed as the safeguarding figures are: these count questions
-- and memberships, not people in a case, and are for admins, not for publishing.
--
-- Read by index: questions per community by creation time (threads_community_new_idx),
-- each one's first answer by thread (posts_thread_idx); memberships are read once.

create function public.community_figures(first_month date, last_month date)
returns table (month date, community_id uuid, community_name text, members integer, new_members integer,
	questions integer, answered integer, percent_answered integer, median_minutes_to_first_answer integer)
language plpgsql stable security definer set search_path = '' as $$
declare
	starts timestamptz := first_month::timestamp at time zone 'Europe/Berlin';
	ends timestamptz := (last_month + interval '1 month')::timestamp at time zone 'Europe/Berlin';
begin
	if not public.is_admin() then
		raise exception 'Only admins read the community figures' using errcode = '42501';
	end if;
	return query
	with months as (
		select g::date as month, (g + interval '1 month')::timestamp at time zone 'Europe/Berlin' as month_ends
		from generate_series(first_month::timestamp, last_month::timestamp, interval '1 month') g
	), joined as (
		select cm.community_id, date_trunc('month', cm.joined_at at time zone 'Europe/Berlin')::date as month,
			count(*)::integer as n
		from public.community_members cm where cm.joined_at < ends
		group by 1, 2
	), asked as (
		select c.id as community_id, q.month, q.questions, q.answered, q.to_answer
		from public.communities c
		cross join lateral (
			select date_trunc('month', t.created_at at time zone 'Europe/Berlin')::date as month,
				count(*)::integer as questions, count(a.first_at)::integer as answered,
				percentile_cont(0.5) within group (order by extract(epoch from a.first_at - t.created_at) / 60) as to_answer
			from public.threads t
			left join lateral (
				select p.created_at as first_at from public.posts p
				where t.peer_answered and p.thread_id = t.id and p.parent_post_id is null
					and p.withdrawn_at is null and p.removed_at is null and p.held_at is null
					and p.author_id is distinct from t.author_id
				order by p.created_at limit 1
			) a on true
			where t.community_id = c.id and t.created_at >= starts and t.created_at < ends
				and t.withdrawn_at is null and t.removed_at is null and t.held_at is null
			group by 1
		) q
	)
	select mo.month, c.id, c.name,
		(select coalesce(sum(j.n), 0)::integer from joined j where j.community_id = c.id and j.month <= mo.month),
		coalesce((select j.n from joined j where j.community_id = c.id and j.month = mo.month), 0),
		coalesce(a.questions, 0), coalesce(a.answered, 0),
		case when a.questions > 0 then round(100.0 * a.answered / a.questions)::integer end,
		round(a.to_answer)::integer
	from months mo
	join public.communities c on c.created_at < mo.month_ends
	left join asked a on a.community_id = c.id and a.month = mo.month
	order by mo.month desc, c.name;
end;
$$;
revoke execute on function public.community_figures(date, date) from public, anon;
