-- Versions and withdrawal: every edit keeps the text it replaced, so the author and the
-- community's moderators see each version of a question, answer or reply; withdrawal
-- keeps the text too and empties it for readers; the author may undo a withdrawal for
-- 24 hours, back to exactly the text withdrawn.

-- Revisions: the previous text of every edited or withdrawn thread or post. written_at
-- is when that text was written, replaced_at when an edit or the withdrawal replaced it.
create table public.revisions (
	id bigint generated always as identity primary key,
	thread_id uuid references public.threads (id) on delete cascade,
	post_id uuid references public.posts (id) on delete cascade,
	title text,
	body_markdown text not null,
	body_html text not null,
	written_at timestamptz not null,
	replaced_at timestamptz not null default now(),
	check (num_nonnulls(thread_id, post_id) = 1)
);
create index revisions_thread_idx on public.revisions (thread_id, replaced_at) where thread_id is not null;
create index revisions_post_idx on public.revisions (post_id, replaced_at) where post_id is not null;

-- Until when the author may undo a withdrawal. One place for the 24 hours: the rule
-- below and the pages that offer the undo ask it.
create function public.withdrawal_undo_until(withdrawn_at timestamptz) returns timestamptz
language sql immutable set search_path = '' as $$
	select withdrawn_at + interval '24 hours';
$$;

-- Edits keep the previous text; withdrawal keeps it too, then empties the post for
-- readers (the thread stays intact). A withdrawn post cannot be changed, except by the
-- one undo: its author, before withdrawal_undo_until by public.clock() (the clock tests move,
-- 20261125120000_escalations.sql), back to the text
-- the withdrawal kept (the last revision). The undo writes no revision and leaves the
-- edit mark as it was: the text is the one readers saw before.
create function public.track_text_changes() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	title_changed boolean := false;
	new_title text;
	kept record;
begin
	-- Only threads have a title; plpgsql would fail reading new.title of a post.
	if tg_table_name = 'threads' then
		title_changed := new.title is distinct from old.title;
		new_title := new.title;
	end if;
	-- Counters and the accepted answer change without touching the text.
	if new.withdrawn_at is not distinct from old.withdrawn_at
		and new.body_markdown is not distinct from old.body_markdown and not title_changed then
		return new;
	end if;
	if old.withdrawn_at is not null then
		select r.title, r.body_markdown into kept from public.revisions r
		where (tg_table_name = 'threads' and r.thread_id = old.id) or (tg_table_name = 'posts' and r.post_id = old.id)
		order by r.replaced_at desc, r.id desc limit 1;
		if new.withdrawn_at is null
			and coalesce(old.author_id = (select auth.uid()), false)
			and public.clock() < public.withdrawal_undo_until(old.withdrawn_at)
			and (new_title, new.body_markdown) is not distinct from (kept.title, kept.body_markdown) then
			new.edited_at := old.edited_at;
			return new;
		end if;
		raise exception 'A withdrawn post cannot be changed' using errcode = '42501', hint = 'withdrawn_unchangeable';
	end if;
	if tg_table_name = 'threads' then
		insert into public.revisions (thread_id, title, body_markdown, body_html, written_at)
		values (old.id, old.title, old.body_markdown, old.body_html, coalesce(old.edited_at, old.created_at));
	else
		insert into public.revisions (post_id, body_markdown, body_html, written_at)
		values (old.id, old.body_markdown, old.body_html, coalesce(old.edited_at, old.created_at));
	end if;
	if new.withdrawn_at is not null then
		new.withdrawn_at := now();
		new.body_markdown := '';
		new.body_html := '';
	else
		new.edited_at := now();
	end if;
	return new;
end;
$$;
create trigger track_text_changes before update on public.threads
for each row execute function public.track_text_changes();
create trigger track_text_changes before update on public.posts
for each row execute function public.track_text_changes();

-- A withdrawn answer no longer stays accepted (nor counts: count_shown_answers). Undoing
-- the withdrawal does not accept it again: the asker may have chosen another meanwhile,
-- and accepts it again if it still helped.
create function public.forget_withdrawn_answer() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	update public.threads set accepted_post_id = null where id = new.thread_id and accepted_post_id = new.id;
	return null;
end;
$$;
create trigger forget_withdrawn_answer after update of withdrawn_at on public.posts
for each row when (old.withdrawn_at is null and new.withdrawn_at is not null)
execute function public.forget_withdrawn_answer();

-- Earlier versions look through to their thread or post: nobody reads them of a thread
-- they may not see (the subqueries pass its policy).
alter table public.revisions enable row level security;
create policy "Authors and the community's moderators read revisions" on public.revisions
	for select to authenticated using (
		(thread_id is not null and exists (select 1 from public.threads t where t.id = thread_id)
			and ((select public.is_thread_author(thread_id))
				or exists (select 1 from public.threads t where t.id = thread_id and public.is_moderator(t.community_id))))
		or (post_id is not null and exists (select 1 from public.posts p where p.id = post_id)
			and ((select public.is_post_author(post_id))
				or exists (select 1 from public.posts p join public.threads t on t.id = p.thread_id
					where p.id = post_id and public.is_moderator(t.community_id))))
	);
revoke all on public.revisions from anon, authenticated;
grant select on public.revisions to authenticated;

revoke execute on function public.track_text_changes(), public.forget_withdrawn_answer() from public, anon, authenticated;
