-- Search: full-text search over threads and answers in German and English (both
-- stemmers on every text, since a community's language is not known per post),
-- accent-insensitive, with trigram similarity on titles for typos. The same
-- columns and indexes serve the similar-thread suggestions while a question is typed.
-- Written to run as `postgres` on hosted Supabase (no superuser): trusted
-- extensions in the extensions schema, objects of our own in public.
-- This file holds what search is built from; the search columns (search_vector) and
-- their indexes are defined with threads and posts (20261125100500_threads.sql), the
-- views search reads through in 20261125100600_threads_access.sql.

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
