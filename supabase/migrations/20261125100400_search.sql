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

-- German joins words into compounds ("Grundschule", "Schulbegleitung"), which full-text
-- search takes for words of their own: "Schule" found neither. A German dictionary with
-- compound splitting needs files on the database server (hosted Postgres has none), so
-- compounds are found by their parts instead: a thread's search vector also holds the
-- endings of its longer German words (compound_endings: "grundschul" gives "schul",
-- "dschul", …; weight D, as it carries no positions), and compound_query asks for every
-- word of the query as a prefix (schul:*). A prefix of an ending is any part of a word:
-- "Schule" finds "Grundschule" and "Schulbegleitung", "Begleitung" "Schulbegleitung".
create function public.compound_endings(words tsvector) returns tsvector
language sql immutable parallel safe strict
begin atomic
	select coalesce(array_to_tsvector(array_agg(distinct substr(w.lexeme, i))), ''::tsvector)
	from unnest(words) w
	cross join lateral generate_series(2, char_length(w.lexeme) - 2) i
	where char_length(w.lexeme) >= 6;
end;

-- The query that finds compounds: each word of the query (stemmed by the configuration)
-- as a prefix, all of them required. A query with websearch syntax (a phrase, a word
-- left out, "or") is taken as written, so what it excludes stays excluded.
create function public.compound_query(config regconfig, query text) returns tsquery
language sql immutable parallel safe strict
begin atomic
	select case
		when query ~ '["]|(^|\s)-|\s(or|OR)\s' then websearch_to_tsquery(config, query)
		else (select coalesce(string_agg(quote_literal(w.lexeme) || ':*', ' & '), '')::tsquery
			from unnest(to_tsvector(config, query)) w)
	end;
end;

-- The query that finds a thread by the words typed: each word in its German or its English
-- stem ('widerspruch' & ('schulbegleit' | 'schulbegleitung')), with `prefix` each as a
-- prefix (compounds, as compound_query). A text's vector holds both stems of every word,
-- so this finds what either language's whole query finds, and more: "appealed Schulen"
-- finds "appealing … Schule", which neither does. A word one language drops ("die",
-- "der") is left out, as that language's query leaves it out. The two whole queries
-- joined by "or" also made the GIN index read each word's list once per language: 5.2 ms
-- against 3.1 ms for a common pair on the large forum (bench/README.md). Ranking keeps
-- them (ts_rank ranks "or" and "and" differently). Websearch syntax is taken as written.
create function public.words_query(query text, prefix boolean default false) returns tsquery
language sql immutable parallel safe strict
begin atomic
	select coalesce(
		case when query !~ '["]|(^|\s)-|\s(or|OR)\s' then (
			select string_agg(case
					when de.lexeme = en.lexeme or (prefix and starts_with(en.lexeme, de.lexeme))
						then quote_literal(de.lexeme) || ending
					when prefix and starts_with(de.lexeme, en.lexeme) then quote_literal(en.lexeme) || ending
					else '(' || quote_literal(de.lexeme) || ending || ' | ' || quote_literal(en.lexeme) || ending || ')'
				end, ' & ')::tsquery
			from unnest(to_tsvector('public.german_unaccent', query)) de
			join unnest(to_tsvector('public.english_unaccent', query)) en on de.positions && en.positions
			cross join (select case when prefix then ':*' else '' end as ending) e)
		end,
		case when prefix
			then public.compound_query('public.german_unaccent', query) || public.compound_query('public.english_unaccent', query)
			else websearch_to_tsquery('public.german_unaccent', query) || websearch_to_tsquery('public.english_unaccent', query)
		end);
end;
