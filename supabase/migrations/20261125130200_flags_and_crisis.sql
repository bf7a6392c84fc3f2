-- Escalation to professionals, part 3: flags, crisis words and helplines, and
-- content held for review.

-- Flags ------------------------------------------------------------------------------
-- One table for every reason a member points at a thread or post; the moderation
-- queue will read it too. Some reasons open (or raise) the thread's escalation.
create type public.flag_reason as enum (
	'needs_professional', 'crisis', 'abuse', 'spam', 'off_topic', 'privacy', 'dangerous_advice'
);
create table public.flags (
	id uuid primary key default gen_random_uuid(),
	flagger_id uuid default auth.uid() references public.members (id) on delete set null,
	thread_id uuid references public.threads (id) on delete cascade,
	post_id uuid references public.posts (id) on delete cascade,
	reason public.flag_reason not null,
	note text check (char_length(note) <= 1000),
	created_at timestamptz not null default now(),
	check (num_nonnulls(thread_id, post_id) = 1),
	-- One flag per member and thread or post, whatever the reason.
	unique (flagger_id, thread_id),
	unique (flagger_id, post_id)
);
create index flags_thread_idx on public.flags (thread_id) where thread_id is not null;
create index flags_post_idx on public.flags (post_id) where post_id is not null;

-- "Needs a professional" and "dangerous advice" ask for a counsellor; "crisis" is urgent.
create function public.escalate_flag() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	thread uuid := coalesce(new.thread_id, (select p.thread_id from public.posts p where p.id = new.post_id));
begin
	perform public.open_escalation(thread,
		case when new.reason = 'crisis' then 'urgent' else 'normal' end::public.escalation_priority,
		'flag', nullif(btrim(coalesce(new.note, '')), ''), new.post_id);
	return null;
end;
$$;
create trigger escalate_flag after insert on public.flags
for each row when (new.reason in ('needs_professional', 'dangerous_advice', 'crisis'))
execute function public.escalate_flag();

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

-- Held content: set when crisis words are found in a community whose policy is
-- 'hold'; only the author, counsellors serving the community and its moderators
-- see it until one of them releases it.
alter table public.threads add column held_at timestamptz;
alter table public.posts add column held_at timestamptz;
grant select (held_at) on public.threads, public.posts to anon, authenticated;

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
create trigger detect_crisis after insert or update of title, body_markdown on public.threads
for each row when (new.withdrawn_at is null) execute function public.detect_crisis();
create trigger detect_crisis after insert or update of body_markdown on public.posts
for each row when (new.withdrawn_at is null and not new.is_professional) execute function public.detect_crisis();

-- Check that the signed-in member may see held content of the given thread.
create function public.can_review_held(thread uuid) returns boolean
language sql stable security definer set search_path = '' as $$
	select exists (select 1 from public.threads t where t.id = thread and public.can_safeguard(t.community_id));
$$;

drop policy "Threads are visible to everyone" on public.threads;
create policy "Threads are visible to everyone unless held for review" on public.threads
	for select to anon, authenticated
	using (held_at is null or author_id = (select auth.uid()) or public.can_safeguard(community_id));
drop policy "Posts are visible to everyone" on public.posts;
create policy "Posts are visible to everyone unless held for review" on public.posts
	for select to anon, authenticated
	using (held_at is null or author_id = (select auth.uid()) or public.can_review_held(thread_id));
-- Nobody replies to a post they cannot see. (A helper: a policy on posts that
-- reads posts would recurse.)
create function public.can_see_post(post uuid) returns boolean
language sql stable security definer set search_path = '' as $$
	select exists (
		select 1 from public.posts p
		where p.id = post and (p.held_at is null or p.author_id = (select auth.uid()) or public.can_review_held(p.thread_id))
	);
$$;
drop policy "Members answer in communities they joined" on public.posts;
create policy "Members answer in communities they joined" on public.posts
	for insert to authenticated
	with check (
		author_id = (select auth.uid())
		and (select public.can_take_part_in(thread_id))
		and exists (select 1 from public.threads t where t.id = thread_id and t.withdrawn_at is null)
		and (parent_post_id is null or public.can_see_post(parent_post_id))
	);

-- Search reads threads and posts through these views. Under row-level security the
-- planner may not evaluate a non-leakproof operator such as @@ or <% before the
-- policy's condition, so it would read every row instead of using the GIN and
-- trigram indexes. The views (owned by the tables' owner, so the policies do not
-- apply inside) state the same condition as the select policies above, as an
-- ordinary filter, and show only what search needs.
create view public.visible_threads as
	select t.id, t.community_id, t.title, t.search_vector, t.withdrawn_at
	from public.threads t
	where t.held_at is null or t.author_id = (select auth.uid()) or public.can_safeguard(t.community_id);
create view public.visible_posts as
	select p.id, p.thread_id, p.search_vector, p.withdrawn_at
	from public.posts p
	where p.held_at is null or p.author_id = (select auth.uid()) or public.can_review_held(p.thread_id);
revoke all on public.visible_threads, public.visible_posts from anon, authenticated;
grant select on public.visible_threads, public.visible_posts to anon, authenticated;

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

-- Helplines ---------------------------------------------------------------------------
create table public.helplines (
	id uuid primary key default gen_random_uuid(),
	name text not null check (char_length(btrim(name)) between 2 and 120),
	-- One number, or several separated by " / ".
	phone text not null check (char_length(btrim(phone)) between 2 and 120 and phone ~ '^[0-9 +/()-]+$'),
	description text not null default '' check (char_length(description) <= 500),
	hours text not null default '' check (char_length(hours) <= 120),
	position integer not null default 0,
	updated_at timestamptz not null default now()
);
create trigger touch_helplines before update on public.helplines
for each row execute function public.touch_updated_at();

-- Policies --------------------------------------------------------------------------
alter table public.flags enable row level security;
alter table public.crisis_words enable row level security;
alter table public.helplines enable row level security;

create policy "Members see their own flags" on public.flags
	for select to authenticated using (flagger_id = (select auth.uid()));
create policy "Members flag threads and posts they can see" on public.flags
	for insert to authenticated with check (
		flagger_id = (select auth.uid())
		and (thread_id is null or exists (select 1 from public.threads t where t.id = thread_id))
		and (post_id is null or exists (select 1 from public.posts p where p.id = post_id))
	);
revoke all on public.flags from anon, authenticated;
grant select, insert (flagger_id, thread_id, post_id, reason, note) on public.flags to authenticated;

create policy "Admins read crisis words" on public.crisis_words
	for select to authenticated using ((select public.is_admin()));
create policy "Admins add crisis words" on public.crisis_words
	for insert to authenticated with check ((select public.is_admin()) and created_by = (select auth.uid()));
create policy "Admins remove crisis words" on public.crisis_words
	for delete to authenticated using ((select public.is_admin()));
revoke all on public.crisis_words from anon, authenticated;
grant select, delete, insert (word, language, created_by) on public.crisis_words to authenticated;

create policy "Helplines are visible to everyone" on public.helplines
	for select to anon, authenticated using (true);
create policy "Admins add helplines" on public.helplines
	for insert to authenticated with check ((select public.is_admin()));
create policy "Admins edit helplines" on public.helplines
	for update to authenticated using ((select public.is_admin())) with check ((select public.is_admin()));
create policy "Admins remove helplines" on public.helplines
	for delete to authenticated using ((select public.is_admin()));
revoke all on public.helplines from anon, authenticated;
grant select on public.helplines to anon, authenticated;
grant delete, insert (name, phone, description, hours, position), update (name, phone, description, hours, position)
	on public.helplines to authenticated;

revoke execute on function public.escalate_flag(), public.detect_crisis(), public.crisis_words_in(text)
	from public, anon, authenticated;
revoke execute on function public.release_held(uuid, uuid) from public, anon;
