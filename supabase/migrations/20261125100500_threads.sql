-- Threads (questions) and posts (answers and replies). Markdown is stored with the
-- sanitised HTML the server rendered from it; pages show only the HTML.
-- Anonymous authorship: author_id is never granted to API roles; everyone reads
-- shown_author_id, which is null when the author chose to stay anonymous.
-- Every column and index of both tables is here; who may read and write them is in
-- 20261125100600_threads_access.sql, the rules of asking and answering in
-- 20261125110000_questions_and_answers.sql.
--
-- The triggers on threads and posts come from many subjects. Postgres fires the
-- triggers of one table, timing and event in the order of their names:
--   threads before insert  limit_posting, refuse_suspended
--           before update  check_accepted_post, raise_thread_version, track_text_changes
--           after insert   count_threads, detect_crisis, escalate_asker_request, protect_community
--           after update   detect_crisis, follow_thread_community, notify_on_accept, protect_community
--           after delete   count_threads
--   posts   before insert  check_reply_parent, limit_posting, mark_professional_post, refuse_locked,
--                          refuse_suspended
--           before update  track_text_changes
--           after insert   count_posts, detect_crisis, notify_on_post, protect_community,
--                          record_professional_answer
--           after update   detect_crisis, forget_withdrawn_answer, protect_community,
--                          raise_version_of_posts_thread
--           after delete   count_posts
-- The order shows where triggers meet: the checks before a thread or post is written
-- refuse in that order (the first that fails names the reason); a new question with
-- crisis words that asks for a professional opens its escalation as urgent
-- (detect_crisis) before the request is added to it (escalate_asker_request); and when
-- detect_crisis and protect_community both hold a text, the first sets held_at. The
-- others of one event do not depend on each other. A new trigger's name decides where
-- it runs.

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
-- Typo tolerance and similar titles. pg_trgm folds case itself, so no lower(). GiST, not
-- GIN: it gives the closest titles first (nearest neighbours) without ranking every title
-- that shares a trigram with the query.
create index threads_title_trgm_idx on public.threads
	using gist (public.unaccent_immutable(title) extensions.gist_trgm_ops);
create index threads_community_pinned_idx on public.threads (community_id, pinned_at desc) where pinned_at is not null;
-- Reading the counsellors' queue looks at what is new only: the questions that are
-- unanswered and never escalated.
create index threads_awaiting_escalation_idx on public.threads (community_id, created_at)
	where answer_count = 0 and withdrawn_at is null and not escalated;

create table public.posts (
	id uuid primary key default gen_random_uuid(),
	thread_id uuid not null references public.threads (id) on delete cascade,
	parent_post_id uuid references public.posts (id) on delete set null,
	author_id uuid references public.members (id) on delete set null,
	is_anonymous boolean not null default false,
	shown_author_id uuid generated always as (case when is_anonymous then null else author_id end) stored,
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
	include (id, is_professional, helpful_count, created_at, held_at, removed_at, author_id)
	where parent_post_id is null;
-- The member's own posts in a thread (my_posts_in, on every member's thread page) from
-- one index, not two bitmaps joined. No index on author_id alone: (author_id, created_at)
-- serves that.
create index posts_author_thread_idx on public.posts (author_id, thread_id);

alter table public.threads add constraint threads_accepted_post_id_fkey
	foreign key (accepted_post_id) references public.posts (id) on delete set null;

-- Thread counters and activity follow posts; thread counts follow threads.
create function public.count_posts() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	delta integer := case when tg_op = 'INSERT' then 1 else -1 end;
	row public.posts := coalesce(new, old);
begin
	update public.threads
	set post_count = post_count + delta,
		answer_count = answer_count + case when row.parent_post_id is null then delta else 0 end,
		last_activity_at = case when tg_op = 'INSERT' then greatest(last_activity_at, row.created_at) else last_activity_at end
	where id = row.thread_id;
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

revoke execute on function public.count_posts(), public.count_threads() from public, anon, authenticated;
