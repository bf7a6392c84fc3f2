-- Versions of what a visitor's thread page shows, so the app can keep the rendered
-- page and reuse it until one of them changes (src/lib/server/visitor-pages.ts): the
-- thread's own version, raised by any change to the thread or its posts, and one
-- generation for what many pages show (pseudonyms, professional badges, community names).
-- The thread's version is threads.version (20261125100500_threads.sql).

create table public.page_generation (
	only_row boolean primary key default true check (only_row),
	generation bigint not null default 0
);
insert into public.page_generation default values;
alter table public.page_generation enable row level security;
revoke all on public.page_generation from anon, authenticated;

-- Counters, activity, moderation, edits: every change of the row is a new version.
create function public.raise_thread_version() returns trigger
language plpgsql as $$
begin
	new.version := old.version + 1;
	return new;
end;
$$;
create trigger raise_thread_version before update on public.threads
for each row execute function public.raise_thread_version();

-- An answer's votes, edits, withdrawal or removal change its thread's page. New and
-- deleted posts already update the thread's counters (count_posts).
create function public.raise_version_of_posts_thread() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	update public.threads set version = version + 1 where id in (old.thread_id, new.thread_id);
	return null;
end;
$$;
-- Not when only the thread's visibility reached the post (hide_posts_with_thread): the
-- thread's own change raised its version once.
create trigger raise_version_of_posts_thread after update on public.posts
for each row when (old.thread_hidden = new.thread_hidden) execute function public.raise_version_of_posts_thread();

create function public.raise_page_generation() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	update public.page_generation set generation = generation + 1;
	return null;
end;
$$;
create trigger raise_page_generation after update of pseudonym on public.members
for each statement execute function public.raise_page_generation();
create trigger raise_page_generation after insert or update or delete on public.counsellor_profiles
for each statement execute function public.raise_page_generation();
create trigger raise_page_generation after update of name, slug on public.communities
for each statement execute function public.raise_page_generation();

-- What a visitor's page of the thread depends on; null when visitors may not see it.
-- PL/pgSQL: it is asked on every thread page, a visitor's and a member's (README,
-- "Performance"). As an SQL function with a search_path of its own it was parsed and
-- planned on every call, more than all the page's other checks together; PL/pgSQL
-- keeps the plan for the connection.
create function public.thread_page_version(thread uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
begin
	return (
		select t.version || '.' || g.generation
		from public.threads t cross join public.page_generation g
		where t.id = thread and t.held_at is null and t.removed_at is null
	);
end;
$$;
revoke execute on function public.raise_thread_version(), public.raise_version_of_posts_thread(),
	public.raise_page_generation() from public, anon, authenticated;
revoke execute on function public.thread_page_version(uuid) from public;
grant execute on function public.thread_page_version(uuid) to anon;
-- A member's thread page keeps its answers as rendered, by the thread's page version
-- (src/lib/server/rendered-answers.ts); the page's answer query reads that version in
-- the same statement, so it is exactly as new as the answers it keeps.
grant execute on function public.thread_page_version(uuid) to authenticated;
