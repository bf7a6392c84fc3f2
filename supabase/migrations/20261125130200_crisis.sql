-- Escalation to professionals, part 3: crisis words, and content held for review
-- (threads.held_at and posts.held_at, 20261125100500_threads.sql).

-- Crisis words ----------------------------------------------------------------------
-- Matched by full-text search in the word's language: stemming finds word forms
-- ("ritze" for "ritzen", "killing myself" for "kill myself"), whole words keep
-- harmless ones apart ("Ritzel", "Suizidprävention"). The stock configurations drop
-- stop words, which would shrink "nicht mehr leben" to "leben" and "kill myself"
-- to "kill"; these stem every word and drop none.
create text search dictionary public.german_stem_all (template = pg_catalog.snowball, language = german);
create text search dictionary public.english_stem_all (template = pg_catalog.snowball, language = english);
create text search configuration public.german_crisis (copy = pg_catalog.german);
alter text search configuration public.german_crisis
	alter mapping for asciiword, asciihword, hword_asciipart, word, hword, hword_part
	with extensions.unaccent, public.german_stem_all;
create text search configuration public.english_crisis (copy = pg_catalog.english);
alter text search configuration public.english_crisis
	alter mapping for asciiword, asciihword, hword_asciipart, word, hword, hword_part
	with extensions.unaccent, public.english_stem_all;

create function public.crisis_query(word text, language public.locale) returns tsquery
language sql immutable parallel safe set search_path = '' as $$
	select pg_catalog.phraseto_tsquery(
		case language when 'de' then 'public.german_crisis'::regconfig else 'public.english_crisis'::regconfig end, word);
$$;

create table public.crisis_words (
	id uuid primary key default gen_random_uuid(),
	word text not null check (char_length(btrim(word)) between 2 and 80),
	language public.locale not null,
	created_by uuid references public.members (id) on delete set null,
	created_at timestamptz not null default now(),
	check (pg_catalog.numnode(public.crisis_query(word, language)) > 0)
);
create unique index crisis_words_word_key on public.crisis_words (language, lower(btrim(word)));

-- The crisis words a text contains (German and English words, each in its language).
create function public.crisis_words_in(body text) returns text[]
language sql stable security definer set search_path = '' as $$
	with v as (
		select pg_catalog.to_tsvector('public.german_crisis'::regconfig, body) as de,
			pg_catalog.to_tsvector('public.english_crisis'::regconfig, body) as en
	)
	select coalesce(array_agg(w.word order by w.word), '{}')
	from public.crisis_words w, v
	where case w.language when 'de' then v.de else v.en end @@ public.crisis_query(w.word, w.language);
$$;

create function public.mentions_crisis(body text) returns boolean
language sql stable security definer set search_path = '' as $$
	select cardinality(public.crisis_words_in(body)) > 0;
$$;

-- Crisis words in new or changed text open an urgent escalation (words that were
-- already there do not again), and hold the text where the community says so.
-- Professional answers are not checked: counsellors write about these subjects.
create function public.detect_crisis() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	thread uuid;
	text_now text;
	text_before text := '';
	found_words text[];
begin
	if tg_table_name = 'threads' then
		thread := new.id;
		text_now := new.title || ' ' || new.body_markdown;
		if tg_op = 'UPDATE' then text_before := old.title || ' ' || old.body_markdown; end if;
	else
		thread := new.thread_id;
		text_now := new.body_markdown;
		if tg_op = 'UPDATE' then text_before := old.body_markdown; end if;
	end if;
	select array_agg(w) into found_words
	from unnest(public.crisis_words_in(text_now)) w
	where w <> all (public.crisis_words_in(text_before));
	if found_words is null then
		return null;
	end if;
	perform public.open_escalation(thread, 'urgent', 'crisis', array_to_string(found_words, ', '),
		case when tg_table_name = 'posts' then new.id end);
	if (select c.crisis_policy from public.threads t join public.communities c on c.id = t.community_id
		where t.id = thread) = 'hold' then
		if tg_table_name = 'threads' then
			update public.threads set held_at = now() where id = new.id and held_at is null;
		else
			update public.posts set held_at = now() where id = new.id and held_at is null;
		end if;
	end if;
	return null;
end;
$$;
-- On a new question, detect_crisis fires before escalate_asker_request (triggers of one
-- event run in name order): with crisis words, the escalation opens as urgent.
create trigger detect_crisis after insert or update of title, body_markdown on public.threads
for each row when (new.withdrawn_at is null) execute function public.detect_crisis();
create trigger detect_crisis after insert or update of body_markdown on public.posts
for each row when (new.withdrawn_at is null and not new.is_professional) execute function public.detect_crisis();

-- A counsellor serving the community or one of its moderators has looked at it.
create function public.release_held(thread uuid default null, post uuid default null) returns void
language plpgsql security definer set search_path = '' as $$
declare
	target_thread uuid := coalesce(thread, (select p.thread_id from public.posts p where p.id = post));
begin
	if num_nonnulls(thread, post) <> 1 or target_thread is null then
		raise exception 'Name one thread or post' using errcode = '22023';
	end if;
	if not public.can_review_held(target_thread) then
		raise exception 'Only counsellors serving this community and its moderators can release held posts'
			using errcode = '42501', hint = 'escalation_not_serving';
	end if;
	if thread is not null then
		update public.threads set held_at = null where id = thread and held_at is not null;
	else
		update public.posts set held_at = null where id = post and held_at is not null;
	end if;
	if not found then
		raise exception 'This post is not held' using errcode = '55000', hint = 'escalation_not_held';
	end if;
	insert into public.escalation_events (escalation_id, kind, actor_id, post_id)
	select e.id, 'content_released', (select auth.uid()), post
	from public.escalations e where e.thread_id = target_thread and e.state <> 'resolved';
end;
$$;

alter table public.crisis_words enable row level security;

create policy "Admins read crisis words" on public.crisis_words
	for select to authenticated using ((select public.is_admin()));
create policy "Admins add crisis words" on public.crisis_words
	for insert to authenticated with check ((select public.is_admin()) and created_by = (select auth.uid()));
create policy "Admins remove crisis words" on public.crisis_words
	for delete to authenticated using ((select public.is_admin()));
revoke all on public.crisis_words from anon, authenticated;
grant select, delete, insert (word, language, created_by) on public.crisis_words to authenticated;

revoke execute on function public.detect_crisis(), public.crisis_words_in(text) from public, anon, authenticated;
revoke execute on function public.release_held(uuid, uuid) from public, anon;
