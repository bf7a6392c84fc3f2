-- Search: full-text search over threads and answers in German and English (both
-- stemmers on every text, since a community's language is not known per post),
-- accent-insensitive, with trigram similarity on titles for typos. The same
-- columns and indexes serve the similar-thread suggestions while a question is typed.
-- Written to run as `postgres` on hosted Supabase (no superuser): trusted
-- extensions in the extensions schema, objects of our own in public.

create extension if not exists unaccent with schema extensions;
create extension if not exists pg_trgm with schema extensions;

-- Copies of the built-in configurations that strip accents before stemming, so
-- "Ubergang" finds "Übergang" and "Therapie" finds "Thérapie".
create text search configuration public.german_unaccent (copy = pg_catalog.german);
alter text search configuration public.german_unaccent
	alter mapping for hword, hword_part, word with extensions.unaccent, pg_catalog.german_stem;
create text search configuration public.english_unaccent (copy = pg_catalog.english);
alter text search configuration public.english_unaccent
	alter mapping for hword, hword_part, word with extensions.unaccent, pg_catalog.english_stem;

-- unaccent() is only stable (its dictionary could change), so index expressions
-- cannot use it; naming the dictionary makes the result fixed. The body is bound at
-- creation (begin atomic), so it works whatever the caller's search_path.
create function public.unaccent_immutable(value text) returns text
language sql immutable parallel safe strict
begin atomic
	select extensions.unaccent('extensions.unaccent'::regdictionary, value);
end;

-- array_to_string() is stable only because other element types format by locale;
-- for text[] it is fixed, which a generated column needs.
create function public.tags_text(tags text[]) returns text
language sql immutable parallel safe strict
begin atomic
	select array_to_string(tags, ' ');
end;

-- Title and tags weigh most (A), the question's text less (B), answers least (C):
-- a thread whose title names the words ranks above one that mentions them in passing.
alter table public.threads add column search_vector tsvector generated always as (
	setweight(to_tsvector('public.german_unaccent'::regconfig, title || ' ' || public.tags_text(tags)), 'A')
	|| setweight(to_tsvector('public.english_unaccent'::regconfig, title || ' ' || public.tags_text(tags)), 'A')
	|| setweight(to_tsvector('public.german_unaccent'::regconfig, body_markdown), 'B')
	|| setweight(to_tsvector('public.english_unaccent'::regconfig, body_markdown), 'B')
) stored;
create index threads_search_idx on public.threads using gin (search_vector);

-- A withdrawn post's text is emptied, so its vector is empty and it is never found.
alter table public.posts add column search_vector tsvector generated always as (
	setweight(to_tsvector('public.german_unaccent'::regconfig, body_markdown), 'C')
	|| setweight(to_tsvector('public.english_unaccent'::regconfig, body_markdown), 'C')
) stored;
create index posts_search_idx on public.posts using gin (search_vector);

-- Typo tolerance and similar titles. pg_trgm folds case itself, so no lower().
create index threads_title_trgm_idx on public.threads
	using gin (public.unaccent_immutable(title) extensions.gin_trgm_ops);

-- The table grants are column lists: the vectors must be readable to be searched.
grant select (search_vector) on public.threads, public.posts to anon, authenticated;
