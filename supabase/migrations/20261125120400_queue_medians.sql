-- The counsellors' queue's medians: per community, the median minutes from an item's
-- opening to its first claim and to its resolution over the last 30 days. They change
-- slowly, but ranking a month of items per community on every read of the queue was a
-- third of the page's SQL on a large forum (two sorts of 2 000–3 000 items). The
-- scheduled job keep_queue_medians() computes them once a minute
-- (20261125180200_scheduled_jobs.sql, src/lib/server/data/scheduler.ts); the queue reads
-- them by key. What the queue shows live (its items, the open counts, who holds what) is
-- still read as it is.

create table public.queue_medians (
	community_id uuid primary key references public.communities (id) on delete cascade,
	-- Null: no item of the community was claimed (resolved) in the window.
	minutes_to_claim float8,
	minutes_to_resolve float8
);

alter table public.queue_medians enable row level security;
create policy "Counsellors serving the community see its medians" on public.queue_medians
	for select to authenticated using (community_id = any ((select public.served_communities())::uuid[]));
revoke all on public.queue_medians from anon, authenticated;
grant select on public.queue_medians to authenticated;

-- Every community's medians as of public.clock(); a community without items in the window
-- gets nulls, so old figures never outlive their window. One run at a time (another
-- server's run at the same minute does the same work and is skipped). Writes and counts
-- only the communities whose medians changed.
create function public.keep_queue_medians() returns integer
language plpgsql security definer set search_path = '' as $$
declare
	written integer;
begin
	if not pg_try_advisory_xact_lock(hashtext('public.keep_queue_medians')) then
		return 0;
	end if;
	insert into public.queue_medians as q (community_id, minutes_to_claim, minutes_to_resolve)
	select c.id, cl.median, r.median
	from public.communities c
	left join (
		-- Only the window's items, by index: the first claim is kept with each item.
		select e.community_id,
			percentile_cont(0.5) within group (order by extract(epoch from e.first_claimed_at - e.opened_at) / 60) as median
		from public.escalations e
		where e.first_claimed_at between public.clock() - interval '30 days' and public.clock()
		group by e.community_id
	) cl on cl.community_id = c.id
	left join (
		select e.community_id,
			percentile_cont(0.5) within group (order by extract(epoch from e.resolved_at - e.opened_at) / 60) as median
		from public.escalations e
		where e.state = 'resolved' and e.resolved_at between public.clock() - interval '30 days' and public.clock()
		group by e.community_id
	) r on r.community_id = c.id
	on conflict (community_id) do update set minutes_to_claim = excluded.minutes_to_claim,
		minutes_to_resolve = excluded.minutes_to_resolve
		where (q.minutes_to_claim, q.minutes_to_resolve)
			is distinct from (excluded.minutes_to_claim, excluded.minutes_to_resolve);
	get diagnostics written = row_count;
	return written;
end;
$$;

revoke execute on function public.keep_queue_medians() from public, anon, authenticated;
grant execute on function public.keep_queue_medians() to service_role;
