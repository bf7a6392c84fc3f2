-- Community moderation, part 3: automatic protection before a moderator looks —
-- watched words (block, hold for approval, flag) and holding a new member's first post.

create type public.watched_word_action as enum ('block', 'hold', 'flag');

create table public.watched_words (
	id uuid primary key default gen_random_uuid(),
	community_id uuid not null references public.communities (id) on delete cascade,
	-- A whole word or phrase; a trailing * also matches its longer forms ("idiot*").
	word text not null check (word = btrim(word) and char_length(word) between 2 and 80 and word ~ '^[^*]+\*?$'),
	action public.watched_word_action not null,
	created_by uuid default auth.uid() references public.members (id) on delete set null,
	created_at timestamptz not null default now()
);
create unique index watched_words_one_per_word on public.watched_words (community_id, lower(word));

-- Lower case and without accents, so "Idiót" is found by "idiot".
create function public.watched_form(body text) returns text
language sql stable parallel safe set search_path = '' as $$
	select lower(extensions.unaccent(body));
$$;

-- The community's watched words found in a text, most severe action first.
create function public.watched_words_in(community uuid, body text)
returns table (word text, action public.watched_word_action)
language sql stable security definer set search_path = '' as $$
	select w.word, w.action from public.watched_words w
	where w.community_id = community
		and public.watched_form(body) ~ (
			'\m' || regexp_replace(public.watched_form(rtrim(w.word, '*')), '([.+?^${}()|\[\]\\])', '\\\1', 'g')
			|| case when w.word like '%*' then '\w*' else '' end || '\M')
	order by case w.action when 'block' then 0 when 'hold' then 1 else 2 end, w.word;
$$;

-- Runs after a thread or post is written or edited: block refuses the text and names
-- the word; hold hides it until a moderator approves; flag puts it in the queue. A crisis
-- wins over a blocked word: such a text is held instead of refused, so the writer still
-- sees the helplines and the urgent item detect_crisis opened is kept, while nobody else
-- sees the word until a moderator approved or removed it.
-- A first question or answer in a community that asks for it waits for approval too.
-- The community's moderators are exempt.
create function public.protect_community() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	thread uuid;
	post uuid;
	community uuid;
	body text;
	found_word record;
	hold_reason public.moderation_action;
	flag_word text;
begin
	-- An undone withdrawal brings back a text that was checked when written: its items and
	-- its hold stay as they are (track_text_changes).
	if tg_op = 'UPDATE' and old.withdrawn_at is not null then
		return null;
	end if;
	-- Only threads have a title, only posts a thread: each branch reads its own fields.
	if tg_table_name = 'threads' then
		thread := new.id;
		body := new.title || E'\n' || new.body_markdown;
	else
		thread := new.thread_id;
		post := new.id;
		body := new.body_markdown;
	end if;
	community := (select t.community_id from public.threads t where t.id = thread);
	if new.author_id is null or exists (
		select 1 from public.community_moderators cm where cm.community_id = community and cm.member_id = new.author_id
	) then
		return null;
	end if;
	for found_word in select * from public.watched_words_in(community, body) loop
		if found_word.action = 'block' and not public.mentions_crisis(body) then
			raise exception 'Contains a blocked word' using errcode = '23514', hint = 'moderation_watched_word_blocked',
				detail = found_word.word;
		elsif found_word.action <> 'flag' and hold_reason is null then
			hold_reason := 'held_watched_word';
			flag_word := found_word.word;
		elsif flag_word is null then
			flag_word := found_word.word;
		end if;
	end loop;
	if tg_op = 'INSERT' and hold_reason is null and (select c.hold_first_posts from public.communities c where c.id = community)
		and not exists (select 1 from public.members m where m.id = new.author_id and m.site_role = 'counsellor')
		and not exists (
			select 1 from public.threads t
			where t.community_id = community and t.author_id = new.author_id and t.id <> new.id
				and t.held_at is null and t.removed_at is null)
		and not exists (
			select 1 from public.posts p join public.threads t on t.id = p.thread_id
			where t.community_id = community and p.author_id = new.author_id and p.id <> new.id
				and p.held_at is null and p.removed_at is null) then
		hold_reason := 'held_first_post';
	end if;
	if hold_reason is not null then
		if tg_table_name = 'threads' then
			update public.threads set held_at = public.clock() where id = new.id and held_at is null;
		else
			update public.posts set held_at = public.clock() where id = new.id and held_at is null;
		end if;
		perform public.open_moderation_item(thread, post, hold_reason, flag_word);
	elsif flag_word is not null then
		perform public.open_moderation_item(thread, post, 'flagged_watched_word', flag_word);
	end if;
	return null;
end;
$$;
create trigger protect_community after insert or update of title, body_markdown on public.threads
for each row when (new.withdrawn_at is null and new.removed_at is null) execute function public.protect_community();
create trigger protect_community after insert or update of body_markdown on public.posts
for each row when (new.withdrawn_at is null and new.removed_at is null) execute function public.protect_community();

-- Watched-word changes are moderator actions too (the log does not repeat the word).
create function public.log_watched_word() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	insert into public.mod_log (community_id, action, actor_id, reason)
	values (coalesce(new.community_id, old.community_id), 'settings_changed', auth.uid(), 'watched_words');
	return null;
end;
$$;
create trigger log_watched_word after insert or delete on public.watched_words
for each row execute function public.log_watched_word();

-- So are changes to how the community is moderated.
create function public.log_moderation_settings() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	insert into public.mod_log (community_id, action, actor_id, reason)
	values (new.id, 'settings_changed', auth.uid(), 'moderation');
	return null;
end;
$$;
create trigger log_moderation_settings after update of flag_hide_threshold, hold_first_posts, mod_log_names_moderators
on public.communities
for each row when ((old.flag_hide_threshold, old.hold_first_posts, old.mod_log_names_moderators)
	is distinct from (new.flag_hide_threshold, new.hold_first_posts, new.mod_log_names_moderators))
execute function public.log_moderation_settings();

alter table public.watched_words enable row level security;
create policy "Moderators read their community's watched words" on public.watched_words
	for select to authenticated using ((select public.is_moderator(community_id)));
create policy "Moderators add watched words" on public.watched_words
	for insert to authenticated with check ((select public.is_moderator(community_id)));
create policy "Moderators remove watched words" on public.watched_words
	for delete to authenticated using ((select public.is_moderator(community_id)));
revoke all on public.watched_words from anon, authenticated;
grant select, delete, insert (community_id, word, action) on public.watched_words to authenticated;

revoke execute on function public.watched_words_in(uuid, text), public.protect_community(), public.log_watched_word(),
	public.log_moderation_settings()
	from public, anon, authenticated;
