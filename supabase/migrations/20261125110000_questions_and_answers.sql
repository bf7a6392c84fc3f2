-- Asking and answering: tags, accepted answers, helpful votes, me-toos, follows,
-- double-submit protection and limits of posting and editing. Edits with their history
-- and withdrawal are in 20261125110050_versions_and_withdrawal.sql.
-- The columns these rules keep are on threads and posts (20261125100500_threads.sql).

-- What a new post takes from its thread: whether it is anonymous when the writer did not
-- say (an anonymous asker stays anonymous in their own thread unless they choose their
-- pseudonym), whether it shows as the asker's (only then: an anonymous post of a named
-- asker must not point to them), and whether its thread is hidden (threads_access).
create function public.apply_thread_defaults() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	anonymous_asker boolean;
	hidden boolean;
begin
	select t.is_anonymous and coalesce(t.author_id = new.author_id, false),
		t.held_at is not null or t.removed_at is not null
	into anonymous_asker, hidden
	from public.threads t where t.id = new.thread_id;
	new.is_anonymous := coalesce(new.is_anonymous, anonymous_asker, false);
	new.shown_as_asker := new.is_anonymous and coalesce(anonymous_asker, false);
	new.thread_hidden := coalesce(hidden, false);
	return new;
end;
$$;
create trigger apply_thread_defaults before insert on public.posts
for each row execute function public.apply_thread_defaults();

-- A professional answer is one a verified counsellor wrote under their own name.
create function public.mark_professional_post() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	new.is_professional := not new.is_anonymous and exists (
		select 1 from public.members where id = new.author_id and site_role = 'counsellor'
	);
	return new;
end;
$$;
create trigger mark_professional_post before insert on public.posts
for each row execute function public.mark_professional_post();

-- Replies stay in their thread and under a top-level answer (one level deep).
create function public.check_reply_parent() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	if new.parent_post_id is not null and not exists (
		select 1 from public.posts
		where id = new.parent_post_id and thread_id = new.thread_id and parent_post_id is null
	) then
		raise exception 'A reply must answer a post of the same thread' using errcode = '23514';
	end if;
	return new;
end;
$$;
create trigger check_reply_parent before insert on public.posts
for each row execute function public.check_reply_parent();

-- Posting limit, enforced where posts are written: 5 questions an hour and
-- 20 answers or replies in 10 minutes per member.
create function public.limit_posting() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	if tg_table_name = 'threads' and (
		select count(*) from public.threads where author_id = new.author_id and created_at > now() - interval '1 hour'
	) >= 5 then
		raise exception 'rate_limited: too many questions' using errcode = 'P0001', hint = 'rate_limited';
	end if;
	if tg_table_name = 'posts' and (
		select count(*) from public.posts where author_id = new.author_id and created_at > now() - interval '10 minutes'
	) >= 20 then
		raise exception 'rate_limited: too many answers' using errcode = 'P0001', hint = 'rate_limited';
	end if;
	return new;
end;
$$;
create trigger limit_posting before insert on public.threads
for each row when (current_user in ('authenticated', 'anon')) execute function public.limit_posting();
create trigger limit_posting before insert on public.posts
for each row when (current_user in ('authenticated', 'anon')) execute function public.limit_posting();

-- Editing limit, as for posting: 20 edits of questions, answers and replies in 10 minutes
-- per member (each is rendered anew). Counted where other limits are (take_rate_limit).
create function public.limit_editing() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	if not public.take_rate_limit('edit', new.author_id::text, 20, interval '10 minutes') then
		raise exception 'rate_limited: too many edits' using errcode = 'P0001', hint = 'rate_limited_edits';
	end if;
	return new;
end;
$$;
create trigger limit_editing before update of title, body_markdown on public.threads
for each row when (current_user in ('authenticated', 'anon')
	and (old.title, old.body_markdown) is distinct from (new.title, new.body_markdown))
execute function public.limit_editing();
create trigger limit_editing before update of body_markdown on public.posts
for each row when (current_user in ('authenticated', 'anon') and old.body_markdown is distinct from new.body_markdown)
execute function public.limit_editing();

-- The accepted answer must be a top-level, visible answer of the same thread.
create function public.check_accepted_post() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	if new.accepted_post_id is not null and not exists (
		select 1 from public.posts
		where id = new.accepted_post_id and thread_id = new.id and parent_post_id is null and withdrawn_at is null
	) then
		raise exception 'Only an answer of this thread can be accepted' using errcode = '23514';
	end if;
	return new;
end;
$$;
create trigger check_accepted_post before update of accepted_post_id on public.threads
for each row execute function public.check_accepted_post();

-- Votes, me-toos, follows -----------------------------------------------------
create table public.helpful_votes (
	post_id uuid not null references public.posts (id) on delete cascade,
	member_id uuid not null references public.members (id) on delete cascade,
	created_at timestamptz not null default now(),
	primary key (post_id, member_id)
);
create index helpful_votes_member_idx on public.helpful_votes (member_id);

create table public.me_toos (
	thread_id uuid not null references public.threads (id) on delete cascade,
	member_id uuid not null references public.members (id) on delete cascade,
	created_at timestamptz not null default now(),
	primary key (thread_id, member_id)
);
create index me_toos_member_idx on public.me_toos (member_id);

create table public.thread_follows (
	thread_id uuid not null references public.threads (id) on delete cascade,
	member_id uuid not null references public.members (id) on delete cascade,
	created_at timestamptz not null default now(),
	primary key (thread_id, member_id)
);
create index thread_follows_member_idx on public.thread_follows (member_id);

create function public.count_helpful_votes() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	update public.posts set helpful_count = helpful_count + case when tg_op = 'INSERT' then 1 else -1 end
	where id = coalesce(new.post_id, old.post_id);
	return null;
end;
$$;
create trigger count_helpful_votes after insert or delete on public.helpful_votes
for each row execute function public.count_helpful_votes();

create function public.count_me_toos() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	update public.threads set me_too_count = me_too_count + case when tg_op = 'INSERT' then 1 else -1 end
	where id = coalesce(new.thread_id, old.thread_id);
	return null;
end;
$$;
create trigger count_me_toos after insert or delete on public.me_toos
for each row execute function public.count_me_toos();

-- Permission helpers over rows whose author is not readable.
-- Check that the signed-in member wrote the given post.
-- PL/pgSQL so its plan is kept (see session_is_active in 20261125100000_members.sql).
create function public.is_post_author(post uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return exists (select 1 from public.posts where id = post and author_id = (select auth.uid()));
end;
$$;
-- Check that the signed-in member asked the given thread.
create function public.is_thread_author(thread uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return exists (select 1 from public.threads where id = thread and author_id = (select auth.uid()));
end;
$$;

-- Policies --------------------------------------------------------------------
alter table public.helpful_votes enable row level security;
alter table public.me_toos enable row level security;
alter table public.thread_follows enable row level security;

-- Votes, me-toos and follows look through to their thread or post: nobody reads them
-- of a thread they may not see (the subqueries pass its policy).
create policy "Members see their own helpful votes" on public.helpful_votes
	for select to authenticated using (
		member_id = (select auth.uid()) and exists (select 1 from public.posts p where p.id = post_id)
	);
create policy "Members mark others' answers helpful in communities they joined" on public.helpful_votes
	for insert to authenticated with check (
		member_id = (select auth.uid())
		and not (select public.is_post_author(post_id))
		and exists (select 1 from public.posts p where p.id = post_id and p.withdrawn_at is null and public.can_take_part_in(p.thread_id))
	);
create policy "Members take back their helpful votes" on public.helpful_votes
	for delete to authenticated using (member_id = (select auth.uid()));

create policy "Members see their own me-toos" on public.me_toos
	for select to authenticated using (
		member_id = (select auth.uid()) and exists (select 1 from public.threads t where t.id = thread_id)
	);
create policy "Members say me too on others' questions they can see" on public.me_toos
	for insert to authenticated with check (
		member_id = (select auth.uid()) and not (select public.is_thread_author(thread_id))
		and exists (select 1 from public.threads t where t.id = thread_id)
	);
create policy "Members take back their me-toos" on public.me_toos
	for delete to authenticated using (member_id = (select auth.uid()));

create policy "Members see what they follow" on public.thread_follows
	for select to authenticated using (
		member_id = (select auth.uid()) and exists (select 1 from public.threads t where t.id = thread_id)
	);
create policy "Members follow threads they can see" on public.thread_follows
	for insert to authenticated with check (
		member_id = (select auth.uid()) and exists (select 1 from public.threads t where t.id = thread_id)
	);
create policy "Members unfollow threads" on public.thread_follows
	for delete to authenticated using (member_id = (select auth.uid()));

-- Members write who and what, never when (created_at is the database's). Visitors' pages
-- ask too ("did I vote?"), and find nothing: no policy lets them see a row.
revoke all on public.helpful_votes, public.me_toos, public.thread_follows from anon, authenticated;
grant select on public.helpful_votes, public.me_toos, public.thread_follows to anon, authenticated;
grant delete, insert (post_id, member_id) on public.helpful_votes to authenticated;
grant delete, insert (thread_id, member_id) on public.me_toos, public.thread_follows to authenticated;

revoke execute on function public.apply_thread_defaults(), public.limit_editing(),
	public.mark_professional_post(), public.check_reply_parent(), public.limit_posting(),
	public.check_accepted_post(),
	public.count_helpful_votes(), public.count_me_toos()
	from public, anon, authenticated;
revoke execute on function public.is_post_author(uuid) from public, anon;
