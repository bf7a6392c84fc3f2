-- Escalation to professionals, part 3: crisis words, and content held for review
-- (threads.held_at and posts.held_at, 20261125100500_threads.sql).

-- Crisis words ----------------------------------------------------------------------
-- A reviewed lexicon by category (suicide, self-harm, harm to a child or baby, domestic
-- violence, sexual abuse, acute danger), German and English, kept by admins; written in the
-- notation of 20261125130150_crisis_matching.sql, which also normalises the texts, so that
-- word forms, compounds, phrases and the usual evasions are found. The lexicon every
-- installation starts with: 20261125130310_crisis_lexicon_de.sql and …130320_crisis_lexicon_en.sql.
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

create table public.crisis_words (
	id uuid primary key default gen_random_uuid(),
	-- A word or phrase in the notation: patterns with their alternatives are long.
	word text not null check (char_length(btrim(word)) between 2 and 500),
	language public.locale not null,
	-- Harmless contexts and phrases have no category; the others have one.
	category public.crisis_category,
	kind public.crisis_word_kind not null default 'risk',
	created_by uuid references public.members (id) on delete set null,
	created_at timestamptz not null default now(),
	-- Derived: the regular expression, the anchors (crisis_word_anchors) as a text search
	-- query and as the text to look for.
	pattern text generated always as (public.crisis_word_pattern(word)) stored,
	anchors text[] generated always as (public.crisis_word_anchors(word)) stored,
	anchor_query tsquery generated always as (public.crisis_anchor_query(public.crisis_word_anchors(word))) stored,
	anchor_terms text[] generated always as (public.crisis_anchor_terms(public.crisis_word_anchors(word))) stored,
	check ((category is null) = (kind in ('harmless_context', 'harmless_phrase'))),
	-- A word the notation cannot use (no letters, a gap at an end) is refused.
	check (pattern is not null)
);
create unique index crisis_words_word_key on public.crisis_words (language, lower(btrim(word)));
create index crisis_words_category_kind_idx on public.crisis_words (category, kind);

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

create function public.mentions_crisis(body text) returns boolean
language sql stable security definer set search_path = '' as $$
	select (public.find_crisis(body)).crisis;
$$;

-- A crisis in new or changed text opens an urgent item and holds the text where the
-- community says so; a crisis subject in a harmless context opens an item for review, not
-- urgent, and the text is published. What the text said before does not count again: an
-- edit repeating it escalates nothing. Professional answers are not checked: counsellors
-- write about these subjects.
create function public.detect_crisis() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	thread uuid;
	post uuid;
	finding public.crisis_finding;
	before public.crisis_finding;
begin
	-- An undone withdrawal brings back the text as it was checked when written, with the
	-- items it opened and its hold as they are (track_text_changes).
	if tg_op = 'UPDATE' and old.withdrawn_at is not null then
		return null;
	end if;
	-- Only threads have a title, only posts a thread: each branch reads its own fields.
	if tg_table_name = 'threads' then
		thread := new.id;
		finding := public.find_crisis(new.title || E'\n' || new.body_markdown);
		if tg_op = 'UPDATE' then before := public.find_crisis(old.title || E'\n' || old.body_markdown); end if;
	else
		thread := new.thread_id;
		post := new.id;
		finding := public.find_crisis(new.body_markdown);
		if tg_op = 'UPDATE' then before := public.find_crisis(old.body_markdown); end if;
	end if;
	if not (finding.crisis or finding.review)
		or ((before.crisis or not finding.crisis) and before.categories @> finding.categories) then
		return null;
	end if;
	if not finding.crisis then
		perform public.open_escalation(thread, 'normal', 'crisis_review', array_to_string(finding.found, ', '), post);
		return null;
	end if;
	perform public.open_escalation(thread, 'urgent', 'crisis', array_to_string(finding.found, ', '), post);
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
grant select, delete, insert (word, language, category, kind, created_by) on public.crisis_words to authenticated;

revoke execute on function public.detect_crisis(), public.compile_crisis_lexicon(), public.find_crisis(text)
	from public, anon, authenticated;
revoke execute on function public.release_held(uuid, uuid) from public, anon;
