-- Threads (questions) and posts (answers and replies). Markdown is stored with the
-- sanitised HTML the server rendered from it; pages show only the HTML.
-- Anonymous authorship: author_id is never granted to API roles; everyone reads
-- shown_author_id, which is null when the author chose to stay anonymous.
-- Every column and index of both tables is here; who may read and write them is in
-- 20261125100600_threads_access.sql, the rules of asking and answering in
-- 20261125110000_questions_and_answers.sql, versions and withdrawal in
-- 20261125110050_versions_and_withdrawal.sql.
--
-- The triggers on threads and posts come from many subjects. Postgres fires the
-- triggers of one table, timing and event in the order of their names:
--   threads before insert  limit_posting, refuse_suspended, set_body_html
--           before update  check_accepted_post, limit_editing, raise_thread_version, set_body_html,
--                          track_text_changes
--           after insert   count_shown_threads, detect_crisis, escalate_asker_request, keep_title_words,
--                          protect_community
--           after update   announce_change, count_shown_threads, detect_crisis, follow_thread_community,
--                          hide_posts_with_thread, keep_title_words, notify_on_accept, protect_community
--           after delete   count_shown_threads, keep_title_words
--   posts   before insert  apply_thread_defaults, check_reply_parent, limit_posting, mark_professional_post,
--                          refuse_locked, refuse_suspended, set_body_html
--           before update  limit_editing, set_body_html, track_text_changes
--           after insert   count_posts, count_shown_answers, detect_crisis, notify_on_post, protect_community,
--                          record_professional_answer, track_peer_answer
--           after update   count_shown_answers, detect_crisis, forget_withdrawn_answer, notify_on_hold_change,
--                          protect_community, raise_version_of_posts_thread, track_peer_answer
--           after delete   count_posts, count_shown_answers
-- The order shows where triggers meet: the checks before a thread or post is written
-- refuse in that order (the first that fails names the reason), and only then is the
-- app's rendered HTML taken for the text (set_body_html), before an edit is kept in the
-- revisions; a post takes its anonymity from its thread (apply_thread_defaults) before
-- anything reads it; a new question with
-- crisis words that asks for a professional opens its escalation as urgent
-- (detect_crisis) before the request is added to it (escalate_asker_request); and when
-- detect_crisis and protect_community both hold a text, the first sets held_at;
-- track_peer_answer reads the answer as those left it (and runs again on their change of
-- held_at); keep_title_words reads the question as the others left it. The others of one
-- event do not depend on each other. A new trigger's name decides where
-- it runs (tests/integration/trigger-order.spec.ts holds every table's order).

-- Tags: lower-case words, 2–30 characters; checked per element.
create function public.valid_tags(tags text[]) returns boolean
language sql immutable set search_path = '' as $$
	select coalesce(bool_and(tag ~ '^[[:lower:][:digit:]]+(-[[:lower:][:digit:]]+)*$' and char_length(tag) between 2 and 30), true)
	from unnest(tags) as tag;
$$;

create table public.threads (
	id uuid primary key default gen_random_uuid(),
	community_id uuid not null references public.communities (id) on delete restrict,
	author_id uuid references public.members (id) on delete set null,
	is_anonymous boolean not null default false,
	shown_author_id uuid generated always as (case when is_anonymous then null else author_id end) stored,
	-- As the ask form checks (post-schemas.ts): a title shows letters, not only characters
	-- that show nothing (zero-width spaces, joiners, fillers), and holds no bidirectional
	-- embedding, override or isolate, which would make the text around it read reversed.
	title text not null check (
		char_length(title) between 10 and 150
		and title !~ '[\u202A-\u202E\u2066-\u2069]'
		and regexp_replace(title, '[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]', '', 'g') ~ '[[:alpha:]]'
	),
	body_markdown text not null,
	body_html text not null,
	wants_professional boolean not null default false,
	post_count integer not null default 0,
	created_at timestamptz not null default now(),
	last_activity_at timestamptz not null default now(),
	tags text[] not null default '{}' check (cardinality(tags) <= 5 and array_position(tags, null) is null),
	-- The accepted answer (its foreign key follows the posts table).
	accepted_post_id uuid,
	me_too_count integer not null default 0,
	-- Answers (top-level posts that are not withdrawn) decide "unanswered".
	answer_count integer not null default 0,
	edited_at timestamptz,
	withdrawn_at timestamptz,
	-- A random value per form, unique per author: a double submit creates one thread.
	idempotency_key uuid,
	-- Title and tags weigh most (A), the question's text less (B), answers least (C):
	-- a thread whose title names the words ranks above one that mentions them in passing.
	search_vector tsvector generated always as (
		setweight(to_tsvector('public.german_unaccent'::regconfig, title || ' ' || public.tags_text(tags)), 'A')
		|| setweight(to_tsvector('public.english_unaccent'::regconfig, title || ' ' || public.tags_text(tags)), 'A')
		|| setweight(to_tsvector('public.german_unaccent'::regconfig, body_markdown), 'B')
		|| setweight(to_tsvector('public.english_unaccent'::regconfig, body_markdown), 'B')
		-- Parts of German compounds (compound_endings in 20261125100400_search.sql).
		|| public.compound_endings(to_tsvector('public.german_unaccent'::regconfig,
			title || ' ' || public.tags_text(tags) || ' ' || body_markdown))
	) stored,
	-- Title and tags alone, where a search looks for its candidates first: a title that names
	-- the words outranks any text that only mentions them, and this index's lists are a
	-- third of the whole text's (forum/search.ts).
	title_vector tsvector generated always as (
		to_tsvector('public.german_unaccent'::regconfig, title || ' ' || public.tags_text(tags))
		|| to_tsvector('public.english_unaccent'::regconfig, title || ' ' || public.tags_text(tags))
	) stored,
	-- Held content: set when crisis words are found in a community whose policy is
	-- 'hold' (detect_crisis), when enough members flagged it (moderate_flag) or when
	-- watched words or a first post wait for approval (protect_community); only the
	-- author, counsellors serving the community and its moderators see it until one
	-- of them releases it.
	held_at timestamptz,
	-- Removal never destroys: the row stays, readable by its author and the community's
	-- moderators (and counsellors serving it), restorable.
	removed_at timestamptz,
	removal_reason text check (char_length(removal_reason) <= 500),
	locked_at timestamptz,
	pinned_at timestamptz,
	moderator_edited_at timestamptz,
	-- Whether the question ever had an escalation, kept by the escalations themselves
	-- (mark_thread_escalated): the unanswered trigger opens an item only for a question
	-- that never had one, and threads_awaiting_escalation_idx holds just those.
	escalated boolean not null default false,
	-- Whether someone other than the asker answered and the answer is there for readers
	-- (not withdrawn, removed or held): the unanswered trigger waits for this, not for
	-- answer_count (track_peer_answer, 20261125120200_unanswered_questions.sql).
	peer_answered boolean not null default false,
	-- What a visitor's page of the thread shows changed (raise_thread_version,
	-- thread_page_version in 20261125170000_page_versions.sql).
	version bigint not null default 0,
	-- A withdrawn thread's text is emptied (track_text_changes).
	constraint threads_body_check check (
		withdrawn_at is not null or char_length(body_markdown) between 1 and 20000
	),
	constraint threads_tags_valid check (public.valid_tags(tags))
);
create index threads_community_new_idx on public.threads (community_id, created_at desc, id desc);
create index threads_community_active_idx on public.threads (community_id, last_activity_at desc, id desc);
create index threads_author_idx on public.threads (author_id);
create unique index threads_idempotency_key on public.threads (author_id, idempotency_key);
create index threads_community_unanswered_idx on public.threads (community_id, created_at desc, id desc)
	where answer_count = 0 and withdrawn_at is null;
create index threads_community_solved_idx on public.threads (community_id, last_activity_at desc, id desc)
	where accepted_post_id is not null;
create index threads_tags_idx on public.threads using gin (tags);
create index threads_author_created_idx on public.threads (author_id, created_at);
create index threads_search_idx on public.threads using gin (search_vector);
create index threads_title_search_idx on public.threads using gin (title_vector);
-- Typo tolerance and similar titles. pg_trgm folds case itself, so no lower(). GiST, not
-- GIN: it gives the closest titles first (nearest neighbours) without ranking every title
-- that shares a trigram with the query.
create index threads_title_trgm_idx on public.threads
	using gist (public.unaccent_immutable(title) extensions.gist_trgm_ops);
create index threads_community_pinned_idx on public.threads (community_id, pinned_at desc) where pinned_at is not null;
-- The unanswered trigger's scheduled job looks at what is new only: the questions no
-- peer answered that never had an escalation.
create index threads_awaiting_escalation_idx on public.threads (community_id, created_at)
	where not peer_answered and withdrawn_at is null and not escalated;

create table public.posts (
	id uuid primary key default gen_random_uuid(),
	thread_id uuid not null references public.threads (id) on delete cascade,
	parent_post_id uuid references public.posts (id) on delete set null,
	author_id uuid references public.members (id) on delete set null,
	-- Left out, it is decided by the thread: an anonymous asker's posts in their own
	-- thread are anonymous unless they choose otherwise (apply_thread_defaults).
	is_anonymous boolean not null,
	shown_author_id uuid generated always as (case when is_anonymous then null else author_id end) stored,
	-- Shown as "the asker": an anonymous post by the anonymous asker of its thread. Never
	-- for a named thread's asker, whose anonymous posts would then point to them.
	shown_as_asker boolean not null default false,
	body_markdown text not null,
	body_html text not null,
	created_at timestamptz not null default now(),
	-- A professional answer is one a verified counsellor wrote under their own name
	-- (mark_professional_post).
	is_professional boolean not null default false,
	helpful_count integer not null default 0,
	edited_at timestamptz,
	withdrawn_at timestamptz,
	-- As for threads: a double submit creates one post.
	idempotency_key uuid,
	-- A withdrawn post's text is emptied, so its vector is empty and it is never found.
	search_vector tsvector generated always as (
		setweight(to_tsvector('public.german_unaccent'::regconfig, body_markdown), 'C')
		|| setweight(to_tsvector('public.english_unaccent'::regconfig, body_markdown), 'C')
	) stored,
	-- Held and removed as threads are.
	held_at timestamptz,
	removed_at timestamptz,
	removal_reason text check (char_length(removal_reason) <= 500),
	moderator_edited_at timestamptz,
	-- The thread is held or removed, kept with each post (hide_posts_with_thread): the
	-- posts' policy sees at once that most posts are visible, and asks about the thread
	-- only for the others.
	thread_hidden boolean not null default false,
	constraint posts_body_check check (
		withdrawn_at is not null or char_length(body_markdown) between 1 and 20000
	)
);
create index posts_thread_idx on public.posts (thread_id, created_at, id);
create unique index posts_idempotency_key on public.posts (author_id, idempotency_key);
create index posts_author_created_idx on public.posts (author_id, created_at);
create index posts_parent_idx on public.posts (parent_post_id) where parent_post_id is not null;
create index posts_search_idx on public.posts using gin (search_vector);
-- The answers' reading order (posts.readPage) from the index alone: a long thread's
-- answers are ordered on every page without reading each one from the table.
create index posts_answer_order_idx on public.posts (thread_id)
	include (id, is_professional, helpful_count, created_at, held_at, removed_at, author_id, thread_hidden)
	where parent_post_id is null;
-- The member's own posts in a thread (my_posts_in, on every member's thread page) from
-- one index, not two bitmaps joined. No index on author_id alone: (author_id, created_at)
-- serves that.
create index posts_author_thread_idx on public.posts (author_id, thread_id);

alter table public.threads add constraint threads_accepted_post_id_fkey
	foreign key (accepted_post_id) references public.posts (id) on delete set null;

-- Thread counters and activity follow posts.
create function public.count_posts() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	delta integer := case when tg_op = 'INSERT' then 1 else -1 end;
	row public.posts := coalesce(new, old);
begin
	update public.threads
	set post_count = post_count + delta,
		last_activity_at = case when tg_op = 'INSERT' then greatest(last_activity_at, row.created_at) else last_activity_at end
	where id = row.thread_id;
	return null;
end;
$$;
create trigger count_posts after insert or delete on public.posts
for each row execute function public.count_posts();

-- What lists count (answer_count, thread_count): the answers and questions every reader
-- sees. One held until someone has looked at it, removed by a moderator or (an answer)
-- withdrawn by its author is left out, so a list or a community never promises an answer
-- or a question its readers cannot find (their writers and the team still see them on the
-- page). answer_count also decides "unanswered". The counters follow each change of state,
-- however it comes about: held by crisis or watched words, reports or a first post,
-- released, removed, restored, withdrawn, moved.
create function public.is_shown_answer(post public.posts) returns boolean
language sql immutable set search_path = '' as $$
	select post.parent_post_id is null and post.withdrawn_at is null and post.held_at is null and post.removed_at is null;
$$;

create function public.is_shown_thread(thread public.threads) returns boolean
language sql immutable set search_path = '' as $$
	select thread.held_at is null and thread.removed_at is null;
$$;

create function public.count_shown_answers() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	was boolean := tg_op <> 'INSERT' and public.is_shown_answer(old);
	is_now boolean := tg_op <> 'DELETE' and public.is_shown_answer(new);
begin
	if was <> is_now then
		update public.threads set answer_count = answer_count + case when is_now then 1 else -1 end
		where id = coalesce(new.thread_id, old.thread_id);
	end if;
	return null;
end;
$$;
create trigger count_shown_answers after insert or delete or update of withdrawn_at, held_at, removed_at
on public.posts for each row execute function public.count_shown_answers();

-- In the community a thread is in: a move changes two.
create function public.count_shown_threads() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	was boolean := tg_op <> 'INSERT' and public.is_shown_thread(old);
	is_now boolean := tg_op <> 'DELETE' and public.is_shown_thread(new);
begin
	if was and is_now and old.community_id = new.community_id then
		return null;
	end if;
	if was then
		update public.communities set thread_count = thread_count - 1 where id = old.community_id;
	end if;
	if is_now then
		update public.communities set thread_count = thread_count + 1 where id = new.community_id;
	end if;
	return null;
end;
$$;
create trigger count_shown_threads after insert or delete or update of held_at, removed_at, community_id
on public.threads for each row execute function public.count_shown_threads();

revoke execute on function public.count_posts(), public.count_shown_answers(), public.count_shown_threads()
	from public, anon, authenticated;
