-- Who reads and writes threads and posts: the checks the policies ask, the policies,
-- the column grants, and the views search reads through. A thread or post held for
-- review or removed is seen only by its author, the community's moderators and the
-- counsellors serving it (can_safeguard, 20261125100300_counsellors.sql).

-- Permission helpers over rows whose author is not readable.
-- Check that the signed-in member joined the community of the given thread.
create function public.can_take_part_in(thread uuid) returns boolean
language sql stable security definer set search_path = '' as $$
	select exists (
		select 1 from public.threads t
		join public.community_members cm on cm.community_id = t.community_id and cm.member_id = (select auth.uid())
		where t.id = thread
	);
$$;

-- Check that the signed-in member may see held content of the given thread.
-- PL/pgSQL so its plan is kept (see session_is_active in 20261125100000_members.sql).
create function public.can_review_held(thread uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return exists (select 1 from public.threads t where t.id = thread and public.can_safeguard(t.community_id));
end;
$$;

-- Nobody replies to a post they cannot see, nor to one in a thread they cannot see.
-- (A helper: a policy on posts that reads posts would recurse.)
create function public.can_see_post(post uuid) returns boolean
language sql stable security definer set search_path = '' as $$
	select exists (
		select 1 from public.posts p join public.threads t on t.id = p.thread_id
		where p.id = post
			and ((t.held_at is null and t.removed_at is null) or t.author_id = (select auth.uid())
				or public.can_safeguard(t.community_id))
			and ((p.held_at is null and p.removed_at is null) or p.author_id = (select auth.uid())
				or public.can_review_held(p.thread_id))
	);
$$;

-- The signed-in member's posts in a thread: asked once per page, not once per post.
-- (PL/pgSQL so its plan is kept, as above.)
create function public.my_posts_in(thread uuid) returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
begin
	return array(select id from public.posts where thread_id = thread and author_id = (select auth.uid()));
end;
$$;

alter table public.threads enable row level security;
alter table public.posts enable row level security;

create policy "Threads are visible to everyone unless held or removed" on public.threads
	for select to anon, authenticated
	using ((held_at is null and removed_at is null) or author_id = (select auth.uid()) or public.can_safeguard(community_id));
create policy "Members ask in communities they joined" on public.threads
	for insert to authenticated
	with check (author_id = (select auth.uid()) and (select public.is_community_member(community_id)));
create policy "Authors edit their own threads" on public.threads
	for update to authenticated using (author_id = (select auth.uid())) with check (author_id = (select auth.uid()));

-- A post is seen by whoever sees its thread, unless the post itself is held or removed.
-- Most posts are neither and their thread is visible (thread_hidden): the first line
-- decides without a lookup; only the others ask about their thread (its own policy).
create policy "Posts are visible with their thread, unless held or removed" on public.posts
	for select to anon, authenticated
	using (
		(held_at is null and removed_at is null and not thread_hidden)
		or (exists (select 1 from public.threads t where t.id = thread_id)
			and ((held_at is null and removed_at is null) or author_id = (select auth.uid())
				or public.can_review_held(thread_id)))
	);
-- Posting only where the thread is open to answers: a withdrawn question takes none, and
-- nobody replies to a post they cannot see.
create policy "Members answer in communities they joined" on public.posts
	for insert to authenticated
	with check (
		author_id = (select auth.uid())
		and (select public.can_take_part_in(thread_id))
		and exists (select 1 from public.threads t where t.id = thread_id and t.withdrawn_at is null)
		and (parent_post_id is null or public.can_see_post(parent_post_id))
	);
create policy "Authors edit their own posts" on public.posts
	for update to authenticated using (author_id = (select auth.uid())) with check (author_id = (select auth.uid()));

-- Column privileges: the author's identity is readable only as shown_author_id. The
-- key of a form is readable by its author only: reading it back finds the first of a
-- double submit. The search vectors must be readable to be searched.
revoke all on public.threads, public.posts from anon, authenticated;
grant select (id, community_id, is_anonymous, shown_author_id, title, body_markdown, body_html,
	wants_professional, post_count, created_at, last_activity_at, tags, accepted_post_id, me_too_count,
	answer_count, edited_at, withdrawn_at, search_vector, title_vector, held_at, removed_at, removal_reason,
	locked_at, pinned_at, moderator_edited_at) on public.threads to anon, authenticated;
grant select (idempotency_key) on public.threads, public.posts to authenticated;
-- The HTML and everything else the database derives (counters, marks, times, versions)
-- are never written by API roles: set_body_html takes the HTML the app rendered
-- (20261125100700_rendered_html.sql).
grant insert (community_id, author_id, is_anonymous, title, body_markdown, wants_professional, tags,
	idempotency_key) on public.threads to authenticated;
grant update (title, body_markdown, tags, accepted_post_id, withdrawn_at) on public.threads to authenticated;
grant select (id, thread_id, parent_post_id, is_anonymous, shown_author_id, shown_as_asker, body_markdown,
	body_html, created_at, is_professional, helpful_count, edited_at, withdrawn_at, search_vector, held_at,
	removed_at, removal_reason, moderator_edited_at) on public.posts to anon, authenticated;
grant insert (thread_id, parent_post_id, author_id, is_anonymous, body_markdown, idempotency_key)
	on public.posts to authenticated;
grant update (body_markdown, withdrawn_at) on public.posts to authenticated;

-- A post's thread_hidden follows its thread (a new post takes it in apply_thread_defaults,
-- 20261125110000_questions_and_answers.sql).
create function public.hide_posts_with_thread() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	update public.posts set thread_hidden = (new.held_at is not null or new.removed_at is not null)
	where thread_id = new.id;
	return null;
end;
$$;
create trigger hide_posts_with_thread after update of held_at, removed_at on public.threads
for each row when ((old.held_at is null and old.removed_at is null) is distinct from (new.held_at is null and new.removed_at is null))
execute function public.hide_posts_with_thread();

-- Search reads threads and posts through these views. Under row-level security the
-- planner may not evaluate a non-leakproof operator such as @@ or <% before the
-- policy's condition, so it would read every row instead of using the GIN and
-- trigram indexes. The views (owned by the tables' owner, so the policies do not
-- apply inside) state the same condition as the select policies above, as an
-- ordinary filter, and show only what search needs.
create view public.visible_threads as
	select t.id, t.community_id, t.title, t.search_vector, t.title_vector, t.withdrawn_at
	from public.threads t
	where (t.held_at is null and t.removed_at is null) or t.author_id = (select auth.uid()) or public.can_safeguard(t.community_id);
create view public.visible_posts as
	select p.id, p.thread_id, p.search_vector, p.withdrawn_at
	from public.posts p
	where (p.held_at is null and p.removed_at is null and not p.thread_hidden)
		or (exists (select 1 from public.threads t where t.id = p.thread_id
				and ((t.held_at is null and t.removed_at is null) or t.author_id = (select auth.uid())
					or public.can_safeguard(t.community_id)))
			and ((p.held_at is null and p.removed_at is null) or p.author_id = (select auth.uid())
				or public.can_review_held(p.thread_id)));
revoke all on public.visible_threads, public.visible_posts from anon, authenticated;
grant select on public.visible_threads, public.visible_posts to anon, authenticated;

revoke execute on function public.hide_posts_with_thread() from public, anon, authenticated;
-- Checks for members' writes: nothing for visitors.
revoke execute on function public.can_take_part_in(uuid), public.can_see_post(uuid) from public, anon;
