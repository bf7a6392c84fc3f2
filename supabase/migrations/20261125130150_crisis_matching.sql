-- Crisis words, how they are matched (20261125130200_crisis.sql holds the lexicon and the
-- check). Texts are normalised so that word forms, compounds, phrases in German and English
-- and the usual evasions (ae/oe/ue, ß/ss, S.u.i.z.i.d, sui**zid**, zero-width characters,
-- Cyrillic look-alikes, su1z1d) are found; crisis words are written in a small notation
-- (crisis_word_pattern) and compiled to regular expressions. Postgres's regex engine pays
-- for every state of an expression at every call, so each word also has anchors: a text is
-- matched against a word only near its anchors.

-- The text as matched: lower case, German letters written out (ä → ae, ß → ss), look-alike
-- letters and digits inside words as the letters they stand for; invisible characters,
-- markup and punctuation gone, so separators inside words join them (S.u.i.z.i.d,
-- Selbst-Mord, sui**zid**, can't). Spaces and sentence ends (. ! ? and line breaks) stay.
-- This runs on every post and edit of up to 20 000 characters: every step is one pass of
-- a built-in function over the text, and the costly ones run only on texts that need them.
create function public.crisis_form(body text) returns text
language plpgsql immutable parallel safe security definer set search_path = '' as $$
declare
	t text := lower(coalesce(body, '') collate pg_catalog.pg_c_utf8);
	look_alikes text;
	letters text;
begin
	-- Beyond Latin letters and common punctuation (emoji, say), two closer looks: full-width
	-- and mathematical letters, ligatures and combining marks (a + ̈ ) become plain letters;
	-- letters that look Latin (Cyrillic а, Greek ο) become the Latin letter, by Unicode's
	-- confusables (20261125095000_confusables.sql), each distinct one of the text once. A
	-- prototype that is no Latin letter yet is looked up once more, and small capitals and
	-- kra read as the letter they are (Cyrillic к → ĸ → k, т → ᴛ → t).
	if t ~ '[^\u0001-\u024f\u2010-\u203a\u20ac]' then
		if t ~ '[\u0300-\u036f\u1ab0-\u1aff\u1d00-\u1dbf\u20d0-\u20ff\u2460-\u24ff\ufb00-\ufb4f\uff00-\uffef\U0001d400-\U0001d7ff]' then
			t := lower(normalize(t, nfkc) collate pg_catalog.pg_c_utf8);
			t := replace(replace(replace(t, 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue');
			t := regexp_replace(normalize(t, nfkd), '[\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff]', '', 'g');
		end if;
		select string_agg(x.letter, ''), string_agg(x.latin, '') into look_alikes, letters
		from (
			select distinct m[1] as letter, case when once ~ '^[a-z0-9]$' then once
				else lower(again.prototype collate pg_catalog.pg_c_utf8) end as latin
			from regexp_matches(t, '([^\u0001-\u024f\u2010-\u203a\u20ac])', 'g') m
			join public.confusables first on first.source = m[1]
			cross join lateral (
				select translate(lower(first.prototype collate pg_catalog.pg_c_utf8), 'ĸᴛʜʙʍɢʟɴʀʏᴀᴇᴏᴜ', 'kthbmglnryaeou') as once) y
			left join public.confusables again on again.source = y.once
		) x
		where x.latin ~ '^[a-z0-9]$';
		if look_alikes is not null then
			t := translate(t, look_alikes, letters);
		end if;
	end if;
	t := replace(replace(replace(replace(replace(replace(t, 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), '@', 'a'), '$', 's');
	-- In one pass: tags, numbers standing alone, ellipses ("will... nicht") and every sign
	-- but spaces and sentence ends go; a dot joins single letters (S.u.i.z.i.d), not two
	-- sentences typed without a space ("leben.ich").
	t := regexp_replace(t, '</?[a-z][^<>]*>|(?<![a-z0-9])([a-z0-9])\.(?=[a-z0-9])|\m[0-9]+\M|\.{2,}|[^a-z0-9\s.!?]',
		'\1', 'g');
	-- Digits left inside words stand for letters (su1z1d, k1ll).
	if t ~ '[0-9]' then
		t := replace(replace(replace(replace(replace(replace(t, '0', 'o'), '1', 'i'), '3', 'e'), '4', 'a'), '5', 's'), '7', 't');
	end if;
	-- Sentence ends apart from words, so that words are what stands between spaces.
	return replace(replace(replace(replace(t, '.', ' .'), '!', ' !'), '?', ' ?'), E'\n', E' \n ');
end;
$$;

-- Alternatives as a trie, "(?:s(?:terben|uizid)|...)": the regular expressions stay small,
-- and Postgres's regex engine pays for every state at every call.
create function public.crisis_trie(words text[]) returns text
language plpgsql immutable parallel safe set search_path = '' as $$
declare
	letter text;
	branches text[] := '{}';
begin
	for letter in select distinct left(w, 1) from unnest(words) w where w <> '' order by 1 loop
		branches := branches || (letter || public.crisis_trie(array(select substr(w, 2) from unnest(words) w where left(w, 1) = letter)));
	end loop;
	if cardinality(branches) = 0 then
		return '';
	elsif cardinality(branches) = 1 and not '' = any(words) then
		return branches[1];
	end if;
	return '(?:' || array_to_string(branches, '|') || ')' || case when '' = any(words) then '?' else '' end;
end;
$$;

-- Words of the notation below as trie input: "<" starts a word, ">" ends one, "*" is more of
-- the word, "-" a separator or none, " " a separator. crisis_expression() makes them
-- regular expressions over crisis_form().
create function public.crisis_expression(words text[]) returns text
language sql immutable parallel safe set search_path = '' as $$
	-- Each marker to a character of its own first: the classes put in contain "-" and "*".
	select replace(replace(replace(translate(replace(replace(public.crisis_trie(words), '<', '\m'), '>', '\M'),
		'*- ', E'\x01\x02\x03'), E'\x01', '[a-z0-9]*'), E'\x02', '[^a-z0-9.!?\n]*'), E'\x03', '[^a-z0-9.!?\n]+');
$$;

-- The forms of one word of the notation as trie input; null when one has no letters.
create function public.crisis_forms(token text) returns text[]
language plpgsql immutable parallel safe set search_path = '' as $$
declare
	forms text[] := array(
		select case when f like '*%' then '*' else '<' end
			|| array_to_string(array(select public.crisis_form(p) from unnest(string_to_array(btrim(f, '*'), '-')) p), '-')
			|| case when f like '%*' then '*' else '>' end
		from unnest(string_to_array(token, '/')) f);
begin
	return case when forms <> '{}' and not exists (select 1 from unnest(forms) f where f !~ '^[<*][a-z0-9]+(-[a-z0-9]+)*[>*]$')
		then forms end;
end;
$$;

-- A crisis word as a regular expression over crisis_form(). Words in the order written;
-- "*" at a word's end allows any ending or a longer compound (suizid*), at its start a
-- compound before it (*suizid*); "a/b" either word; "-" inside a word a space or none
-- (self-harm: selfharm, self harm); ".." up to two words between, "..." up to four,
-- never past the end of a sentence; "." at the end: the sentence ends there ("ich will
-- nicht mehr ."). Null when the word cannot be used (no letters).
create function public.crisis_word_pattern(word text) returns text
language plpgsql immutable parallel safe set search_path = '' as $$
declare
	separator constant text := '[^a-z0-9.!?\n]+';
	token text;
	forms text[];
	result text := '';
	gap text;
	ended boolean := false;
begin
	foreach token in array regexp_split_to_array(btrim(coalesce(word, '')), '\s+') loop
		if ended then return null; end if;
		if token in ('..', '...') then
			if result = '' or gap is not null then return null; end if;
			gap := case token when '..' then '{0,2}' else '{0,4}' end;
			continue;
		elsif token = '.' then
			if result = '' or gap is not null then return null; end if;
			result := result || '\M(?=[^a-z0-9.!?\n]*(?:[.!?\n]|$))';
			ended := true;
			continue;
		end if;
		forms := public.crisis_forms(token);
		if forms is null then return null; end if;
		result := result
			|| case when result = '' then '' when gap is null then separator
				else separator || '(?:[a-z0-9]+' || separator || ')' || gap end
			-- Word starts and ends are the pattern's own (\m, \M at its ends, separators inside).
			|| '(?:' || public.crisis_expression(array(select replace(replace(f, '<', ''), '>', '') from unnest(forms) f)) || ')';
		gap := null;
	end loop;
	if result = '' or gap is not null then return null; end if;
	return '\m' || result || '\M';
end;
$$;

-- What any text a crisis word matches contains: its rarest word, or two words in a row
-- where each alone is common ("mehr da"), as trie input. The check looks for the full
-- pattern only in texts that contain one; a rarer word is a longer one, never one of the
-- common words below.
create function public.crisis_word_anchors(word text) returns text[]
language plpgsql immutable parallel safe set search_path = '' as $$
declare
	common constant text[] := '{ich,mich,sich,dich,mir,dir,sie,er,es,wir,uns,ihr,ihn,ihm,und,oder,aber,denn,doch,dann,
		die,der,das,den,dem,des,ein,eine,einen,einem,einer,mein,meine,meinen,meinem,meiner,dein,deine,sein,seine,seinen,
		seinem,seiner,ihre,ihren,ihrem,ihrer,unser,unsere,nicht,nie,mehr,kein,keine,keinen,nichts,etwas,was,wer,wo,wie,
		will,wollen,wollte,moechte,wuerde,wuerden,kann,koennen,muss,soll,darf,ist,war,bin,bist,sind,hat,hatte,habe,hab,
		haben,wird,wurde,werden,mit,von,vom,vor,auf,aus,in,im,an,am,zu,zum,zur,fuer,ueber,bei,nach,seit,bis,ohne,gegen,
		durch,um,als,wenn,dass,ob,weil,so,auch,noch,schon,nur,mal,jetzt,immer,wieder,sehr,einfach,besser,lieber,gut,da,
		hier,los,weg,sagt,sagen,gesagt,sagte,angst,geht,gehen,macht,machen,gemacht,tun,heute,morgen,gestern,nacht,tag,
		tage,zeit,welt,leben,kind,kinder,kindern,sohn,tochter,baby,mann,frau,mutter,vater,mama,papa,eltern,familie,alle,
		alles,ganz,ganze,i,me,my,you,your,he,she,her,him,his,it,its,we,us,our,they,them,their,the,a,an,and,or,but,of,to,
		on,at,for,with,from,by,as,in,is,am,are,was,were,be,been,being,have,has,had,do,does,did,dont,not,no,never,more,
		would,could,can,cant,will,want,wants,there,here,this,that,what,when,if,so,just,really,all,every,time,again,back,
		now,then,tonight,today,night,day,life,live,living,alive,dead,die,kids,child,children,son,daughter,mum,mom,dad,
		husband,wife,partner,baby,one,off,out,up,down,im,said,say,says,take,took,end,get,got,go,going,make,made,like,
		know,feel,think,good,way,home,house,room,door,head,people,family,school,ill,hes,shes,nehmen,genommen,nimmt,ende,sinn,
		lust,kopf,wand,tuer,abend,care,until,without,miss,wish,stop,wake,parents}';
	tokens text[] := array(select t from regexp_split_to_table(btrim(coalesce(word, '')), '\s+') t);
	forms text[];
	following text[];
	best text[];
	best_score integer;
	score integer;
begin
	for i in 1 .. cardinality(tokens) loop
		continue when tokens[i] in ('..', '...', '.');
		forms := public.crisis_forms(tokens[i]);
		continue when forms is null;
		score := (select min(char_length(f)) - 2 from unnest(forms) f)
			- case when exists (select 1 from unnest(forms) f where btrim(f, '<>*') = any (common)) then 100 else 0 end;
		if best_score is null or score >= best_score then
			best_score := score;
			best := forms;
		end if;
		-- Two words in a row, when there are few combinations of their forms.
		following := public.crisis_forms(tokens[i + 1]);
		if following is not null and cardinality(forms) * cardinality(following) <= 12
			and not exists (select 1 from unnest(following) f where f like '*%') then
			score := (select min(char_length(f)) - 2 from unnest(forms) f) + (select min(char_length(f)) - 2 from unnest(following) f) - 6;
			if score > best_score then
				best_score := score;
				best := array(select rtrim(rtrim(a, '>'), '*') || case when a like '%*' then '*' else '' end || ' '
					|| ltrim(b, '<') from unnest(forms) a, unnest(following) b);
			end if;
		end if;
	end loop;
	return best;
end;
$$;


-- A crisis word's anchors as a text search query over a text's words: '<sterben>' is
-- 'sterben', '<suizidal*' 'suizidal':*, two words in a row both ('mehr' & 'da'),
-- '<self-harm*' ('selfharm':* | 'self' & 'harm':*). Null when all are parts of compounds
-- ('*suizid*'): text search does not look inside words.
create function public.crisis_anchor_query(anchors text[]) returns tsquery
language sql immutable parallel safe set search_path = '' as $$
	select string_agg('(' || (
		select string_agg(case when w not like '%-%' then quote_literal(btrim(w, '<>*')) || x.prefix
				else '(' || quote_literal(replace(btrim(w, '<>*'), '-', '')) || x.prefix || ' | '
					|| array_to_string(array(select quote_literal(p) from unnest(string_to_array(btrim(w, '<>*'), '-')) p), ' & ')
					|| x.prefix || ')' end, ' & ')
		from unnest(string_to_array(a, ' ')) w, lateral (select case when w like '%*' then ':*' else '' end as prefix) x
	) || ')', ' | ')::tsquery
	from unnest(anchors) a where a not like '*%';
$$;

-- What to look for in a text to find each anchor: two words in a row as written (" ein ende"),
-- the start of the longest word (" sterben"), or the part itself inside compounds and words
-- joined by a hyphen ("suizid").
create function public.crisis_anchor_terms(anchors text[]) returns text[]
language sql immutable parallel safe set search_path = '' as $$
	select array_agg(distinct case
		when a ~ '^<[a-z0-9]+ [a-z0-9]+>$' then ' ' || btrim(a, '<>')
		when a like '*%' or a like '%-%' then (select p from regexp_split_to_table(btrim(a, '<>*'), '[- *]+') p
			order by char_length(p) desc, p limit 1)
		else ' ' || (select p from regexp_split_to_table(btrim(a, '<>*'), '[ *]+') p order by char_length(p) desc, p limit 1) end)
	from unnest(anchors) a;
$$;

-- The parts of a text (crisis_form) around each place one of the terms occurs, 300
-- characters on either side (more than any crisis word spans), in order and cut apart by
-- line breaks, which end what a crisis word may span as sentence ends do. A short text, or
-- one with the terms everywhere, is all near.
create function public.crisis_near(form text, terms text[]) returns text
language plpgsql immutable parallel safe set search_path = '' as $$
declare
	reach constant integer := 300;
	padded text := ' ' || form;
	term text;
	pieces text[];
	places integer[] := '{}';
	place integer;
	window_start integer;
	window_end integer;
	near text := '';
begin
	if char_length(form) <= 4 * reach then
		return case when exists (select 1 from unnest(terms) t where strpos(padded, t) > 0) then form else '' end;
	end if;
	foreach term in array terms loop
		pieces := string_to_array(padded, term);
		place := 0;
		for i in 1 .. cardinality(pieces) - 1 loop
			place := place + char_length(pieces[i]);
			places := places || place;
			place := place + char_length(term);
		end loop;
		if cardinality(places) > 200 then
			return form;
		end if;
	end loop;
	foreach place in array array(select p from unnest(places) p order by p) loop
		if window_end is not null and place - reach <= window_end then
			window_end := place + reach;
		else
			if window_end is not null then
				near := near || substr(form, window_start, window_end - window_start) || E'\n';
			end if;
			window_start := greatest(place - reach, 1);
			window_end := place + reach;
		end if;
	end loop;
	return near || coalesce(substr(form, window_start, window_end - window_start), '');
end;
$$;

-- The crisis check's normal form: admins' crisis words are checked with it as they are
-- written; visitors have nothing to check.
revoke execute on function public.crisis_form(text) from public, anon;
grant execute on function public.crisis_form(text) to authenticated;
