-- The large forum's text (`npm run seed:large`, before seed-large.sql, in the same
-- transaction and session): the sentences its questions and answers are made of, in
-- German and English, and the temporary functions that put them together.

-- Text ---------------------------------------------------------------------------------
-- Sentences without markdown syntax or characters marked would escape, so the HTML is
-- the paragraphs as they are (seed-large.ts checks a sample against the renderer), and
-- without crisis words (checked below), so the bulk opens no escalation.
create temporary table sentences (lang text, n int, s text);
insert into sentences
select 'de', row_number() over (), s from unnest(array[
	'Wir haben ähnliche Erfahrungen gemacht und es hat lange gedauert, bis sich etwas bewegt hat.',
	'Lass dir jede Ablehnung schriftlich geben, dann kannst du fristgerecht Widerspruch einlegen.',
	'Bei uns hat die Beratungsstelle im Landkreis sehr geholfen, auch ohne Termin.',
	'Die Krankenkasse hat zuerst abgelehnt, nach dem Widerspruch kam dann die Zusage.',
	'Schreib dir nach jedem Gespräch auf, wer was gesagt hat und wann.',
	'Unser Sohn braucht morgens viel Ruhe, sonst kippt der ganze Schultag.',
	'Das Jugendamt war freundlicher als gedacht, man muss nur hartnäckig bleiben.',
	'Frag beim Sozialamt nach der Eingliederungshilfe, die ist oft zuständig.',
	'Ein Pflegetagebuch über zwei Wochen hat uns bei der Begutachtung sehr geholfen.',
	'Die Wartezeit auf einen Termin beim Facharzt lag bei uns bei fast einem halben Jahr.',
	'Hol dir Unterstützung von anderen Eltern, allein ist das kaum zu schaffen.',
	'Die Schulbegleitung wurde bei uns für ein Jahr bewilligt und dann verlängert.',
	'Wir haben einen Antrag auf Nachteilsausgleich gestellt, mit Bericht der Therapeutin.',
	'Der Medizinische Dienst kam pünktlich und hat sich viel Zeit genommen.',
	'Versuch es mit festen Abläufen und Bildkarten, das gibt Sicherheit.',
	'In unserer Stadt gibt es eine Elterngruppe, die sich jeden Monat trifft.',
	'Die Verhinderungspflege kann man auch stundenweise nehmen, das wissen viele nicht.',
	'Nach der Trennung haben wir einen festen Wochenplan für die Kinder gemacht.',
	'Eine Mediation hat uns geholfen, wieder miteinander zu reden.',
	'Der Kinderarzt hat uns an ein Sozialpädiatrisches Zentrum überwiesen.',
	'Manchmal hilft es schon, wenn jemand zuhört und nicht gleich urteilt.',
	'Wir warten noch auf den Bescheid, die Bearbeitung dauert bei uns Monate.',
	'Mit dem Entlastungsbetrag bezahlen wir eine Haushaltshilfe einmal pro Woche.',
	'Die Lehrerin war offen für Gespräche, als wir ihr die Diagnose erklärt haben.',
	'Der Kitaplatz kam erst nach dem dritten Anruf beim Amt.',
	'Es lohnt sich, eine unabhängige Teilhabeberatung zu fragen, die ist kostenlos.',
	'Wir haben gute Erfahrungen mit einer Familienhilfe gemacht.',
	'Gib nicht auf, bei uns hat es am Ende doch geklappt.'
]) s;
insert into sentences
select 'en', row_number() over (), s from unnest(array[
	'We went through something similar and it took months until anything changed.',
	'Ask for every refusal in writing so you can appeal within the deadline.',
	'The local counselling centre helped us a lot, even without an appointment.',
	'The health insurer refused at first and approved it after our appeal.',
	'Write down after every meeting who said what and when.',
	'Our daughter needs a calm morning or the whole school day falls apart.',
	'The youth welfare office was kinder than we expected, you just have to keep at it.',
	'Ask the social welfare office about integration assistance, they are often in charge.',
	'A care diary over two weeks helped us a lot with the assessment.',
	'We waited almost half a year for an appointment with a specialist.',
	'Find other parents to talk to, it is hard to manage on your own.',
	'The school assistant was approved for one year and then extended.',
	'Respite care can also be taken by the hour, few people know that.',
	'After the separation we made a fixed weekly plan for the children.',
	'Sometimes it already helps when someone listens without judging.',
	'We are still waiting for the decision, it takes months here.',
	'The teacher was open to talking once we explained the diagnosis.',
	'Do not give up, in the end it worked out for us.'
]) s;

create temporary table title_parts (lang text, n int, s text);
insert into title_parts
select 'de', row_number() over (), s from unnest(array[
	'Widerspruch gegen die Ablehnung der Schulbegleitung', 'Pflegegrad für meinen Vater beantragen',
	'Nachteilsausgleich in der Grundschule', 'Umgang nach der Trennung regeln', 'Kitaplatz trotz Warteliste',
	'Eingliederungshilfe für unseren Sohn', 'Verhinderungspflege stundenweise nutzen', 'Diagnostik im Sozialpädiatrischen Zentrum',
	'Entlastungsbetrag für eine Haushaltshilfe', 'Gespräch mit der Klassenlehrerin vorbereiten', 'Unterhalt und Wechselmodell',
	'Therapieplatz für unsere Tochter finden', 'Begutachtung durch den Medizinischen Dienst', 'Familienhilfe beim Jugendamt beantragen',
	'Schulwechsel wegen Mobbing', 'Persönliches Budget beantragen'
]) s;
insert into title_parts
select 'en', row_number() over (), s from unnest(array[
	'Appealing a refused school assistant', 'Applying for a care grade for my father', 'Finding a therapist for our daughter',
	'Respite care by the hour', 'Contact arrangements after separation', 'Which office handles care allowance',
	'Preparing a meeting with the teacher', 'Getting a nursery place despite the waiting list'
]) s;
create temporary table title_questions (lang text, n int, s text);
insert into title_questions values
	('de', 1, ' – wer hat Erfahrung?'), ('de', 2, ' – wie seid ihr vorgegangen?'), ('de', 3, ' – was kann ich tun?'),
	('de', 4, ' – lohnt sich das?'), ('de', 5, ': Tipps gesucht'), ('de', 6, ' – wie lange hat es gedauert?'),
	('en', 1, ' – any experience?'), ('en', 2, ' – how did you go about it?'), ('en', 3, ' – what can I do?'),
	('en', 4, ': looking for tips');
create temporary table tag_words (n int, tag text);
insert into tag_words
select row_number() over (), t from unnest(array[
	'schulbegleitung', 'widerspruch', 'pflegegrad', 'nachteilsausgleich', 'jugendamt', 'kita', 'umgang', 'unterhalt',
	'therapie', 'eingliederungshilfe', 'entlastung', 'begutachtung', 'diagnose', 'mobbing', 'care-allowance', 'respite-care'
]) t;

do $$
begin
	if cardinality((public.find_crisis((select string_agg(s, ' ') from sentences)
		|| (select string_agg(s, ' ') from title_parts) || (select string_agg(s, ' ') from title_questions))).categories) > 0 then
		raise exception 'The bulk text contains crisis words';
	end if;
end $$;

-- A paragraph text in the language, from three sentences picked by the seed value.
create temporary table sentence_sets as
select lang, array_agg(s order by n) as list, count(*) as c from sentences group by lang;
create function pg_temp.body(lang text, seed bigint) returns text language sql stable as $$
	select list[1 + seed % c] || ' ' || list[1 + (seed / 7) % c] || E'\n\n' || list[1 + (seed / 53) % c]
	from sentence_sets where sentence_sets.lang = body.lang;
$$;
-- What the renderer makes of such a text: its paragraphs.
create function pg_temp.html(markdown text) returns text language sql immutable as $$
	select '<p>' || replace(markdown, E'\n\n', E'</p>\n<p>') || '</p>';
$$;
