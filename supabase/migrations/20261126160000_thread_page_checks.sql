-- The thread page's version is asked on every thread page, a visitor's and a member's
-- (README, "Performance"). As an SQL function with a search_path of its own it was
-- parsed and planned on every call, more than all the page's other checks together;
-- PL/pgSQL keeps the plan for the connection (as 20261126090000_checks_at_scale.sql
-- did for the other checks). What it answers is unchanged.
create or replace function public.thread_page_version(thread uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
begin
	return (
		select t.version || '.' || g.generation
		from public.threads t cross join public.page_generation g
		where t.id = thread and t.held_at is null and t.removed_at is null
	);
end;
$$;

-- The member's own posts in a thread (my_posts_in, on every member's thread page) from
-- one index, not two bitmaps joined. It replaces the index on author_id alone, which
-- (author_id, created_at) already serves.
drop index public.posts_author_idx;
create index posts_author_thread_idx on public.posts (author_id, thread_id);
