-- Crisis detection, part 2: a reviewed lexicon of crisis words by category (suicide,
-- self-harm, harm to a child or baby, domestic violence, sexual abuse, acute danger), kept
-- by admins, and the check. public.mentions_crisis(text) stays the one check every write
-- path uses; find_crisis(text) says what it found.
--
-- Replaces the full-text matching of 20261125130200_flags_and_crisis.sql (crisis_query,
-- crisis_words_in, the crisis text search configurations) and its seeded words
-- (20261125130300_safeguarding.sql): stemming found neither compounds nor evasions.

create type public.crisis_category as enum (
	'suicide', 'self_harm', 'child_harm', 'domestic_violence', 'sexual_abuse', 'acute_danger'
);
-- risk: someone is at risk ("will sterben", "hits me"): always a crisis.
-- subject: names the subject ("Suizid", "self-harm"): a crisis, unless the text is
--   explicitly about prevention, training or news, when a counsellor reviews it.
-- harmless_context: marks such a text ("Prävention", "Fortbildung", "news article").
-- harmless_phrase: an idiom that only looks like a crisis ("schlägt vor", "hit me up");
--   taken out of the text before matching.
create type public.crisis_word_kind as enum ('risk', 'subject', 'harmless_context', 'harmless_phrase');
-- A crisis subject in a harmless context: an item a counsellor looks at, not urgent.
alter type public.escalation_trigger add value 'crisis_review';

-- The lexicon ------------------------------------------------------------------------
-- crisis_words stays the admins' configuration: each word now has its category and kind,
-- and is written in the notation above. The old words go; 20261203100100 and
-- 20261203100200 seed the reviewed lexicon.
alter table public.crisis_words drop constraint crisis_words_check;
-- Patterns with their alternatives are longer than single words.
alter table public.crisis_words drop constraint crisis_words_word_check;
alter table public.crisis_words add constraint crisis_words_word_check check (char_length(btrim(word)) between 2 and 500);
drop function public.crisis_words_in(text);
drop function public.crisis_query(text, public.locale);
drop text search configuration public.german_crisis;
drop text search configuration public.english_crisis;
drop text search dictionary public.german_stem_all;
drop text search dictionary public.english_stem_all;
delete from public.crisis_words;
alter table public.crisis_words
	add column category public.crisis_category,
	add column kind public.crisis_word_kind not null default 'risk',
	add column pattern text generated always as (public.crisis_word_pattern(word)) stored,
	add column anchors text[] generated always as (public.crisis_word_anchors(word)) stored,
	add column anchor_query tsquery generated always as (public.crisis_anchor_query(public.crisis_word_anchors(word))) stored,
	add column anchor_terms text[] generated always as (public.crisis_anchor_terms(public.crisis_word_anchors(word))) stored,
	add constraint crisis_words_category_check check ((category is null) = (kind in ('harmless_context', 'harmless_phrase'))),
	add constraint crisis_words_pattern_check check (pattern is not null);
grant insert (category, kind) on public.crisis_words to authenticated;

-- Per category and kind, kept up to date with the words: the anchors of all its words as a
-- few text search queries (a query holds 8 kB: a hundred anchors each), to ask a text's
-- words at once, and those inside compounds as one regular expression; and for the
-- harmless kinds, one regular expression of all their words.
create table public.crisis_lexicon (
	category public.crisis_category,
	kind public.crisis_word_kind not null,
	anchors tsquery[],
	compounds text,
	pattern text
);
alter table public.crisis_lexicon enable row level security;
revoke all on public.crisis_lexicon from anon, authenticated;

create function public.compile_crisis_lexicon() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	-- One change at a time: concurrent ones would each add their rows.
	lock table public.crisis_lexicon in exclusive mode;
	delete from public.crisis_lexicon;
	insert into public.crisis_lexicon (category, kind, anchors, compounds, pattern)
	select w.category, w.kind,
		(select array_agg(q) from (
			select string_agg('(' || x.anchor_query::text || ')', ' | ')::tsquery as q from (
				select x.anchor_query, (row_number() over () - 1) / 100 as chunk from public.crisis_words x
				where x.category = w.category and x.kind = w.kind and x.anchor_query is not null) x
			group by x.chunk) chunks),
		(select '(?:' || public.crisis_trie(array_agg(distinct t)) || ')'
		 from public.crisis_words x, unnest(x.anchor_terms) t
		 where x.category = w.category and x.kind = w.kind and t not like ' %' having count(*) > 0),
		case when w.kind in ('harmless_context', 'harmless_phrase') then
			string_agg('(?:' || w.pattern || ')', '|' order by w.pattern) end
	from public.crisis_words w group by w.category, w.kind;
	return null;
end;
$$;
create trigger compile_crisis_lexicon after insert or update or delete or truncate on public.crisis_words
for each statement execute function public.compile_crisis_lexicon();
create index crisis_words_category_kind_idx on public.crisis_words (category, kind);

-- What a text says: whether it is a crisis (someone at risk, or a crisis subject outside a
-- harmless context), whether a counsellor should review it (a crisis subject in a text about
-- prevention, training or news), the categories, and the words as found (normalised).
create type public.crisis_finding as (
	crisis boolean, review boolean, categories public.crisis_category[], found text[]
);
create function public.find_crisis(body text) returns public.crisis_finding
language plpgsql stable security definer set search_path = '' as $$
declare
	form text := public.crisis_form(body);
	-- The text's words, sorted: asking them for a hundred anchors is a hundred binary searches.
	words tsvector := array_to_tsvector(array_remove(string_to_array(replace(form, E'\n', ' '), ' '), ''));
	-- Parts of compounds are looked for in the text's words, each once.
	in_compounds boolean := array_to_string(tsvector_to_array(words), ' ')
		~ coalesce((select string_agg(l.compounds, '|') from public.crisis_lexicon l), '^$');
	harmless text := (select l.pattern from public.crisis_lexicon l where l.kind = 'harmless_phrase');
	candidates record;
	found_words text;
	risk public.crisis_category[] := '{}';
	subject public.crisis_category[] := '{}';
	found text[] := '{}';
begin
	-- Crisis words only where their anchors are, and only near them: most texts have none.
	-- The candidates of a category and kind are matched together, in one expression.
	for candidates in
		with candidate as (
			select w.category, w.kind, w.pattern, w.anchor_terms
			from public.crisis_lexicon l
			join public.crisis_words w on w.category = l.category and w.kind = l.kind
			where l.kind in ('risk', 'subject')
				and (words @@ any (l.anchors) or (in_compounds and form ~ l.compounds))
				and (words @@ w.anchor_query
					or (in_compounds and exists (select 1 from unnest(w.anchor_terms) t where t not like ' %' and strpos(form, t) > 0)))
		)
		select c.category, c.kind, string_agg('(?:' || c.pattern || ')', '|') as pattern,
			(select array_agg(distinct t) from candidate x, unnest(x.anchor_terms) t
			 where x.category = c.category and x.kind = c.kind) as terms
		from candidate c group by c.category, c.kind
	loop
		-- Idioms that only look like a crisis go first ("schlägt vor", "hit me up").
		if harmless is not null then
			form := regexp_replace(form, harmless, ' ', 'g');
			harmless := null;
		end if;
		found_words := regexp_substr(public.crisis_near(form, candidates.terms), candidates.pattern);
		continue when found_words is null;
		found := found || found_words;
		if candidates.kind = 'risk' then
			risk := risk || candidates.category;
		else
			subject := subject || candidates.category;
		end if;
	end loop;
	if cardinality(risk) > 0 or (cardinality(subject) > 0 and not exists (
		select 1 from public.crisis_lexicon l where l.kind = 'harmless_context' and form ~ l.pattern
	)) then
		return (true, false, array(select distinct c from unnest(risk || subject) c order by c), found);
	end if;
	return (false, cardinality(subject) > 0, subject, found);
end;
$$;

create or replace function public.mentions_crisis(body text) returns boolean
language sql stable security definer set search_path = '' as $$
	select (public.find_crisis(body)).crisis;
$$;


revoke execute on function public.compile_crisis_lexicon(), public.find_crisis(text) from public, anon, authenticated;
