-- Threads (questions) and posts (answers and replies). Markdown is stored with the
-- sanitised HTML the server rendered from it; pages show only the HTML.
-- Anonymous authorship: author_id is never granted to API roles; everyone reads
-- shown_author_id, which is null when the author chose to stay anonymous.

create table public.threads (
	id uuid primary key default gen_random_uuid(),
	community_id uuid not null references public.communities (id) on delete restrict,
	author_id uuid references public.members (id) on delete set null,
	is_anonymous boolean not null default false,
	shown_author_id uuid generated always as (case when is_anonymous then null else author_id end) stored,
	title text not null check (char_length(title) between 10 and 150),
	body_markdown text not null check (char_length(body_markdown) between 1 and 20000),
	body_html text not null,
	wants_professional boolean not null default false,
	post_count integer not null default 0,
	created_at timestamptz not null default now(),
	last_activity_at timestamptz not null default now()
);
create index threads_community_new_idx on public.threads (community_id, created_at desc, id desc);
create index threads_community_active_idx on public.threads (community_id, last_activity_at desc, id desc);
create index threads_author_idx on public.threads (author_id);

create table public.posts (
	id uuid primary key default gen_random_uuid(),
	thread_id uuid not null references public.threads (id) on delete cascade,
	parent_post_id uuid references public.posts (id) on delete set null,
	author_id uuid references public.members (id) on delete set null,
	is_anonymous boolean not null default false,
	shown_author_id uuid generated always as (case when is_anonymous then null else author_id end) stored,
	body_markdown text not null check (char_length(body_markdown) between 1 and 20000),
	body_html text not null,
	created_at timestamptz not null default now()
);
create index posts_thread_idx on public.posts (thread_id, created_at, id);
create index posts_author_idx on public.posts (author_id);

-- Thread counters and activity follow posts; thread counts follow threads.
create function public.count_posts() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	if tg_op = 'INSERT' then
		update public.threads set post_count = post_count + 1, last_activity_at = new.created_at where id = new.thread_id;
	else
		update public.threads set post_count = post_count - 1 where id = old.thread_id;
	end if;
	return null;
end;
$$;
create trigger count_posts after insert or delete on public.posts
for each row execute function public.count_posts();

create function public.count_threads() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	update public.communities
	set thread_count = thread_count + case when tg_op = 'INSERT' then 1 else -1 end
	where id = coalesce(new.community_id, old.community_id);
	return null;
end;
$$;
create trigger count_threads after insert or delete on public.threads
for each row execute function public.count_threads();

alter table public.threads enable row level security;
alter table public.posts enable row level security;

create policy "Threads are visible to everyone" on public.threads
	for select to anon, authenticated using (true);
create policy "Members ask in communities they joined" on public.threads
	for insert to authenticated
	with check (author_id = (select auth.uid()) and (select public.is_community_member(community_id)));
create policy "Authors edit their own threads" on public.threads
	for update to authenticated using (author_id = (select auth.uid())) with check (author_id = (select auth.uid()));

create policy "Posts are visible to everyone" on public.posts
	for select to anon, authenticated using (true);
create policy "Members answer in communities they joined" on public.posts
	for insert to authenticated
	with check (
		author_id = (select auth.uid())
		and exists (select 1 from public.threads t where t.id = thread_id and public.is_community_member(t.community_id))
	);
create policy "Authors edit their own posts" on public.posts
	for update to authenticated using (author_id = (select auth.uid())) with check (author_id = (select auth.uid()));

-- Column privileges: the author's identity is readable only as shown_author_id.
revoke all on public.threads, public.posts from anon, authenticated;
grant select (id, community_id, is_anonymous, shown_author_id, title, body_markdown, body_html,
	wants_professional, post_count, created_at, last_activity_at) on public.threads to anon, authenticated;
grant insert (community_id, author_id, is_anonymous, title, body_markdown, body_html, wants_professional)
	on public.threads to authenticated;
grant update (title, body_markdown, body_html) on public.threads to authenticated;
grant select (id, thread_id, parent_post_id, is_anonymous, shown_author_id, body_markdown, body_html, created_at)
	on public.posts to anon, authenticated;
grant insert (thread_id, parent_post_id, author_id, is_anonymous, body_markdown, body_html) on public.posts to authenticated;
grant update (body_markdown, body_html) on public.posts to authenticated;

revoke execute on function public.count_posts(), public.count_threads() from public, anon, authenticated;
