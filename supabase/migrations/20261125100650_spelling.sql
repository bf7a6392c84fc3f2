-- Spelling suggestions for search ("Shulbegleitung" → "Schulbegleitung"). Ranking every
-- title by trigram similarity to the query cost 100 ms on 100,000 threads; the nearest
-- word among the titles' distinct words costs under a millisecond, and the corrected
-- words are then searched like any others (forum/search.ts).

-- Every word of four letters or more of a shown title or its tags, lower case. A word is
-- added when a question is shown and dropped when the last shown question holding it
-- (or its stem) goes: what is withdrawn, held or removed is never suggested. No counts
-- per word: every new question would wait on the rows of its common words.
create table public.title_words (
	word text primary key check (char_length(word) between 4 and 150)
);
create index title_words_trgm_idx on public.title_words
	using gist (public.unaccent_immutable(word) extensions.gist_trgm_ops);
-- Read only through spelling_suggestion: the list itself is nobody's to browse.
alter table public.title_words enable row level security;
revoke all on public.title_words from anon, authenticated;

-- The words of a title and its tags, as title_words keeps them, each once and sorted.
create function public.title_words_of(title text, tags text[]) returns text[]
language sql immutable parallel safe strict
begin atomic
	select coalesce(array_agg(distinct w order by w), '{}')
	from regexp_split_to_table(lower(title || ' ' || public.tags_text(tags)), '[^[:alpha:]]+') w
	where char_length(w) between 4 and 150;
end;

create function public.shown_title_words(t public.threads) returns text[]
language sql immutable parallel safe
begin atomic
	select case when t.held_at is null and t.removed_at is null and t.withdrawn_at is null
		then public.title_words_of(t.title, t.tags) else '{}' end;
end;

-- Words are taken sorted, so two questions that bring the same new words take them in
-- the same order; a word goes only when no other shown question holds it or its stem.
-- The question is read as it is now, not as the event left it: crisis detection holds a
-- new question by an update of its own, whose triggers run before this one's for the insert.
create function public.keep_title_words() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	before text[] := case when tg_op = 'INSERT' then '{}' else public.shown_title_words(old) end;
	after text[] := case when tg_op = 'DELETE' then '{}' else coalesce(
		(select public.shown_title_words(t) from public.threads t where t.id = new.id), '{}') end;
begin
	insert into public.title_words (word)
	select w from unnest(after) w where w <> all (before)
	on conflict do nothing;
	delete from public.title_words tw
	where tw.word = any (array(select w from unnest(before) w where w <> all (after)))
		and not exists (
			select 1 from public.threads t
			where t.search_vector @@ (plainto_tsquery('public.german_unaccent', tw.word)
					|| plainto_tsquery('public.english_unaccent', tw.word))
				and t.held_at is null and t.removed_at is null and t.withdrawn_at is null
				and t.id <> coalesce(new.id, old.id));
	return null;
end;
$$;
revoke execute on function public.keep_title_words() from public, anon, authenticated;

create trigger keep_title_words after insert or delete or update of title, tags, held_at, removed_at, withdrawn_at
	on public.threads for each row execute function public.keep_title_words();

insert into public.title_words (word)
select distinct unnest(public.shown_title_words(t)) from public.threads t;

-- A swapped pair of letters is the commonest slip, and trigrams count it as two: for
-- "Pflegegard", "Pflegegeld" is closer than "Pflegegrad". A word with the very same
-- letters gets a bonus of 0.1 similarity.
create function public.sorted_letters(word text) returns text
language sql immutable parallel safe strict
begin atomic
	select string_agg(c, '' order by c) from regexp_split_to_table(word, '') c;
end;

-- The query with each word of four letters or more that no title holds replaced by the
-- closest title word (trigram similarity, accents ignored), capitalised like the word
-- typed; null when nothing was replaced. Other characters are dropped, so a suggestion
-- is plain words. The threshold makes similarity a condition the trigram index serves
-- (operator %), so a word like no other is not compared with every word.
create function public.spelling_suggestion(query text) returns text
language sql stable security definer set search_path = '' set pg_trgm.similarity_threshold = 0.4 as $$
	with typed as (
		select w, lower(w) as lw, n
		from regexp_split_to_table(left(query, 200), '[^[:alpha:]]+') with ordinality x(w, n)
		where w <> ''
	),
	fixed as (
		select n, w, (
			select tw.word from public.title_words tw
			where char_length(lw) >= 4 and not exists (select 1 from public.title_words k where k.word = lw)
				and public.unaccent_immutable(tw.word) operator(extensions.%) public.unaccent_immutable(lw)
			order by extensions.similarity(public.unaccent_immutable(tw.word), public.unaccent_immutable(lw))
				+ case when public.sorted_letters(tw.word) = public.sorted_letters(lw) then 0.1 else 0 end desc, tw.word
			limit 1
		) as word
		from typed
	)
	select string_agg(case
			when word is null then w
			when left(w, 1) <> lower(left(w, 1)) then upper(left(word, 1)) || substr(word, 2)
			else word
		end, ' ' order by n)
	from fixed
	having bool_or(word is not null);
$$;
revoke execute on function public.spelling_suggestion(text) from public;
grant execute on function public.spelling_suggestion(text) to anon, authenticated;
