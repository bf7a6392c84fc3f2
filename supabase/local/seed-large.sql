-- A realistic forum at scale for benchmarks (`npm run seed:large`), on top of the demo
-- seed: communities, members, threads, posts, votes, me-toos, follows, notifications,
-- flags and escalations in every state. The bulk is written set-based with triggers
-- off, and every value a trigger would have derived (member rows, counters, activity
-- times, professional answers, notifications, follows) is computed the same way here.
-- What happens rarely (questions asking for a professional, flags, crisis words,
-- edits, withdrawals, the counsellors' work) goes through the real triggers and
-- functions. The sizes come from settings seed.* (see seed-large.ts), the sentences
-- from seed-large-text.sql.

select setseed(0.2026);
set maintenance_work_mem = '1GB';
set work_mem = '256MB';
set synchronous_commit = off;

-- Bulk load without triggers (no per-row counters, notifications or FK checks) and
-- with the secondary indexes of the big tables built once at the end.
set session_replication_role = replica;
create temporary table dropped_indexes as
select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
from pg_index i
where i.indrelid in ('public.threads'::regclass, 'public.posts'::regclass, 'public.notifications'::regclass,
		'public.helpful_votes'::regclass, 'public.me_toos'::regclass, 'public.thread_follows'::regclass)
	and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid);
do $$
declare
	dropped record;
begin
	for dropped in select name from dropped_indexes loop
		execute format('drop index %s', dropped.name);
	end loop;
end $$;

-- Communities: 15 topics in three regions each, beside the demo communities.
create temporary table topics (n int, name text, slug text, topic text);
insert into topics
select row_number() over (), t[1], t[2], t[3] from (values
	(array['ADHS im Familienalltag', 'adhs-familie', 'Gesundheit']), (array['Pflegekinder', 'pflegekinder', 'Familie']),
	(array['Demenz in der Familie', 'demenz-familie', 'Pflege']), (array['Alleinerziehend', 'alleinerziehend', 'Familie']),
	(array['Frühchen-Eltern', 'fruehchen-eltern', 'Gesundheit']), (array['Down-Syndrom', 'down-syndrom', 'Behinderung']),
	(array['Schule und Inklusion', 'schule-inklusion', 'Behinderung & Schule']), (array['Jugendhilfe', 'jugendhilfe', 'Familie']),
	(array['Sucht in der Familie', 'sucht-familie', 'Gesundheit']), (array['Patchworkfamilien', 'patchwork', 'Familie']),
	(array['Chronisch kranke Kinder', 'chronisch-kranke-kinder', 'Gesundheit']), (array['Pflege zu Hause', 'pflege-zuhause', 'Pflege']),
	(array['Legasthenie und Dyskalkulie', 'lernstoerungen', 'Behinderung & Schule']),
	(array['Hochsensible Kinder', 'hochsensibel', 'Familie']), (array['Families abroad (English)', 'families-abroad', 'Familie'])
) v(t);
insert into public.communities (slug, name, description, rules, topic, region, crisis_policy)
select t.slug || '-' || r.slug, t.name || ' – ' || r.name,
	'Erfahrungen, Fragen und Tipps: ' || t.name || ' in ' || r.name || '.',
	'Respektvoll bleiben. Keine Namen von Kindern, Schulen oder Fachleuten.', t.topic, r.ags,
	case when t.n % 5 = 0 then 'hold' else 'publish' end::public.crisis_policy
from topics t cross join (values ('berlin', 'Berlin', '11'), ('nrw', 'Nordrhein-Westfalen', '05'), ('bayern', 'Bayern', '09')) r(slug, name, ags);
-- Numbered, for picking a community by a skewed random number (a few are busy, most are quiet).
create temporary table community_order as
select id, row_number() over (order by created_at, slug) - 1 as k,
	slug like 'families-abroad%' or slug = 'carers-english' as english
from public.communities;

-- Members: auth users with one shared bcrypt hash (the demo password), as Supabase Auth stores them.
create temporary table new_members as
select g, gen_random_uuid() as id, 'mitglied' || g || '@ratnetz.example' as email,
	(array['Mama', 'Papa', 'Oma', 'Opa', 'Tante', 'Pflegemama', 'Lena', 'Jonas', 'Mia', 'Paul', 'Kim', 'Alex', 'Sam', 'Chris'])
		[1 + (g % 14)] || '_' || g as pseudonym,
	case when g % 9 = 0 then 'en' else 'de' end as locale,
	now() - interval '800 days' * random() as created_at
from generate_series(1, current_setting('seed.members')::int) g;
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
	raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
	confirmation_token, recovery_token, email_change_token_new, email_change)
select '00000000-0000-0000-0000-000000000000', n.id, 'authenticated', 'authenticated', n.email, h.hash, n.created_at,
	'{"provider":"email","providers":["email"]}', jsonb_build_object('pseudonym', n.pseudonym, 'locale', n.locale),
	n.created_at, n.created_at, '', '', '', ''
from new_members n
cross join (select extensions.crypt('Ratnetz-Demo-2026', extensions.gen_salt('bf', 10)) as hash) h;
insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select id::text, id, jsonb_build_object('sub', id::text, 'email', email, 'email_verified', true), 'email',
	created_at, created_at, created_at
from new_members;
-- What create_member_for_user makes of each.
insert into public.members (id, pseudonym, created_at, updated_at)
select id, pseudonym, created_at, created_at from new_members;
insert into public.member_settings (member_id, locale, updated_at)
select id, locale::public.locale, created_at from new_members;

-- Memberships: one to six communities each, English speakers in the English ones.
insert into public.community_members (community_id, member_id, joined_at)
select distinct on (c.id, n.id) c.id, n.id, n.created_at + interval '1 day' * random()
from new_members n
cross join lateral (
	select floor(power(random(), 1.6) * 50)::int as k
	from generate_series(1, 1 + floor(power(random(), 2) * 6)::int + n.g * 0)
) pick
join community_order c on c.k = pick.k
order by c.id, n.id;
analyze public.community_members;
-- Numbered per community, for picking authors and voters among those who joined.
create temporary table roster as
select community_id, member_id, (row_number() over (partition by community_id order by member_id)) - 1 as k,
	count(*) over (partition by community_id) as size
from public.community_members;
create index on roster (community_id, k);
analyze roster;
create temporary table roster_size as select distinct community_id, size from roster;

-- Threads ---------------------------------------------------------------------------------
create temporary table new_threads as
select gen_random_uuid() as id, c.id as community_id, c.english, s.g,
	now() - interval '730 days' * power(random(), 1.5) - interval '3 days' as created_at,
	random() < 0.08 as anonymous
from (
	select g, floor(power(random(), 1.6) * 50)::int as k
	from generate_series(1, current_setting('seed.threads')::int - (select count(*) from public.threads)::int
		- current_setting('seed.asking_threads')::int) g
) s
join community_order c on c.k = s.k;
insert into public.threads (id, community_id, author_id, is_anonymous, title, body_markdown, body_html, tags,
	created_at, last_activity_at)
select t.id, t.community_id, r.member_id, t.anonymous, tp.s || tq.s, b.body, pg_temp.html(b.body),
	array(select tag from tag_words where n in (1 + (t.g % 16), 1 + ((t.g / 16) % 16)) and t.g % 3 <> 0),
	t.created_at, t.created_at
from new_threads t
join roster_size rs on rs.community_id = t.community_id
join roster r on r.community_id = t.community_id and r.k = (t.g * 7919) % rs.size
cross join lateral (select case when t.english then 'en' else 'de' end as lang) l
join title_parts tp on tp.lang = l.lang
	and tp.n = 1 + (t.g % (select count(*) from title_parts where lang = l.lang))
join title_questions tq on tq.lang = l.lang
	and tq.n = 1 + ((t.g / 17) % (select count(*) from title_questions where lang = l.lang))
cross join lateral (select pg_temp.body(l.lang, t.g * 31) as body) b;

-- Posts: answers, a share of threads with 200 of them, then replies up to the target.
create temporary table answer_plan as
select t.id as thread_id, t.community_id, t.created_at, n.english, t.author_id,
	case when row_number() over (order by t.id) <= current_setting('seed.long_threads')::int then 200
		else floor(power(random(), 2) * 18.3)::int end as answers
from public.threads t join new_threads n on n.id = t.id;
analyze answer_plan;
analyze public.threads;
insert into public.posts (id, thread_id, author_id, is_anonymous, body_markdown, body_html, created_at)
select gen_random_uuid(), a.thread_id, r.member_id, random() < 0.03, b.body, pg_temp.html(b.body),
	a.created_at + (now() - a.created_at) * power((i - random() * 0.9) / (a.answers + 1), 3)
from answer_plan a
cross join lateral generate_series(1, a.answers) i
join roster_size rs on rs.community_id = a.community_id
join roster r on r.community_id = a.community_id and r.k = (abs(hashtext(a.thread_id::text)::bigint) + i * 7919) % rs.size
cross join lateral (select pg_temp.body(case when a.english then 'en' else 'de' end, abs(hashtext(a.thread_id::text || i)::bigint)) as body) b;
insert into public.posts (thread_id, parent_post_id, author_id, is_anonymous, body_markdown, body_html, created_at)
select p.thread_id, p.id, r.member_id, false, b.body, pg_temp.html(b.body),
	p.created_at + (now() - p.created_at) * power(random(), 3)
from (
	select p.id, p.thread_id, p.created_at, a.community_id, a.english
	from public.posts p join answer_plan a on a.thread_id = p.thread_id
	order by random()
	limit greatest(0, current_setting('seed.posts')::int - (select count(*) from public.posts)
		- current_setting('seed.event_posts')::int)
) p
join roster_size rs on rs.community_id = p.community_id
join roster r on r.community_id = p.community_id and r.k = abs(hashtext(p.id::text)::bigint) % rs.size
cross join lateral (select pg_temp.body(case when p.english then 'en' else 'de' end, abs(hashtext(p.id::text)::bigint)) as body) b;
-- mark_professional_post: a counsellor writing under their own name (so far the demo counsellor).
update public.posts p set is_professional = true
from public.members m
where m.id = p.author_id and m.site_role = 'counsellor' and not p.is_anonymous and not p.is_professional;

-- Votes, me-toos, accepted answers ------------------------------------------------------
-- Who votes and who says "me too": positions in the community's roster, planned first
-- so each is one lookup by (community, position).
create temporary table vote_plan as
select p.id as post_id, p.author_id, p.created_at, a.community_id,
	(abs(hashtext(p.id::text)::bigint) + v * 104729) % rs.size as k
from public.posts p
join answer_plan a on a.thread_id = p.thread_id
join roster_size rs on rs.community_id = a.community_id
cross join lateral generate_series(1, 1 + (abs(hashtext(p.id::text)::bigint) / 100 % 6)::int) v
where p.parent_post_id is null and abs(hashtext(p.id::text)::bigint) % 100 < 35;
analyze vote_plan;
insert into public.helpful_votes (post_id, member_id, created_at)
select distinct on (vp.post_id, r.member_id) vp.post_id, r.member_id, vp.created_at + (now() - vp.created_at) * power(random(), 2)
from vote_plan vp
join roster r on r.community_id = vp.community_id and r.k = vp.k
where r.member_id is distinct from vp.author_id
order by vp.post_id, r.member_id;

create temporary table me_too_plan as
select a.thread_id, a.author_id, a.created_at, a.community_id,
	(abs(hashtext(a.thread_id::text)::bigint) + v * 15485863) % rs.size as k
from answer_plan a
join roster_size rs on rs.community_id = a.community_id
cross join lateral generate_series(1, 1 + (abs(hashtext(a.thread_id::text)::bigint) / 100 % 8)::int) v
where abs(hashtext(a.thread_id::text)::bigint) % 100 < 40;
analyze me_too_plan;
insert into public.me_toos (thread_id, member_id, created_at)
select distinct on (mp.thread_id, r.member_id) mp.thread_id, r.member_id, mp.created_at + (now() - mp.created_at) * power(random(), 3)
from me_too_plan mp
join roster r on r.community_id = mp.community_id and r.k = mp.k
where r.member_id is distinct from mp.author_id
order by mp.thread_id, r.member_id;

-- The asker accepts the most helpful answer in a third of the answered questions.
update public.threads t set accepted_post_id = best.id
from (
	select distinct on (p.thread_id) p.thread_id, p.id
	from public.posts p join answer_plan a on a.thread_id = p.thread_id
	where p.parent_post_id is null and a.author_id is not null and abs(hashtext(a.thread_id::text)::bigint) % 3 = 0
	order by p.thread_id, (select count(*) from public.helpful_votes v where v.post_id = p.id) desc, p.created_at
) best
where t.id = best.thread_id;

-- What the triggers keep: counters and activity, follows, notifications -----------------
update public.posts p set helpful_count = v.n
from (select post_id, count(*)::int as n from public.helpful_votes group by post_id) v
where v.post_id = p.id and p.helpful_count <> v.n;
update public.threads t set post_count = s.posts, answer_count = s.answers, last_activity_at = greatest(t.created_at, s.last)
from (
	select thread_id, count(*)::int as posts,
		(count(*) filter (where public.is_shown_answer(p)))::int as answers,
		max(created_at) as last
	from public.posts p group by thread_id
) s
where s.thread_id = t.id;
-- track_peer_answer: an answer by someone other than the asker that readers see.
update public.threads t set peer_answered = true
where exists (select 1 from public.posts p where p.thread_id = t.id and p.parent_post_id is null
	and p.withdrawn_at is null and p.removed_at is null and p.held_at is null and p.author_id is distinct from t.author_id);
update public.threads t set me_too_count = x.n
from (select thread_id, count(*)::int as n from public.me_toos group by thread_id) x
where x.thread_id = t.id;
update public.communities c set thread_count = (select count(*) from public.threads t where t.community_id = c.id and public.is_shown_thread(t)),
	member_count = (select count(*) from public.community_members cm where cm.community_id = c.id);

-- The asker follows their question; whoever answers, replies or says "me too" follows it.
insert into public.thread_follows (thread_id, member_id, created_at)
select thread_id, member_id, min(at) from (
	select t.id as thread_id, t.author_id as member_id, t.created_at as at from public.threads t
	join new_threads n on n.id = t.id where t.author_id is not null
	union all
	select p.thread_id, p.author_id, p.created_at from public.posts p join new_threads n on n.id = p.thread_id
	union all
	select x.thread_id, x.member_id, x.created_at from public.me_toos x join new_threads n on n.id = x.thread_id
) f
group by thread_id, member_id;

-- notify_on_post, notify_on_helpful_vote and notify_on_accept, read a day later unless recent.
insert into public.notifications (member_id, kind, thread_id, post_id, created_at, read_at)
select member_id, kind, thread_id, post_id, at, case when at < now() - interval '7 days' then at + interval '1 day' end
from (
	select t.author_id as member_id, 'answer' as kind, p.thread_id, p.id as post_id, p.created_at as at
	from public.posts p join public.threads t on t.id = p.thread_id join new_threads n on n.id = t.id
	where p.parent_post_id is null and not p.is_professional and t.author_id is not null and t.author_id <> p.author_id
	union all
	select t.author_id, 'professional_answer', p.thread_id, p.id, p.created_at
	from public.posts p join public.threads t on t.id = p.thread_id join new_threads n on n.id = t.id
	where p.is_professional and t.author_id is not null and t.author_id <> p.author_id
	union all
	select parent.author_id, 'reply', p.thread_id, p.id, p.created_at
	from public.posts p join public.posts parent on parent.id = p.parent_post_id join new_threads n on n.id = p.thread_id
	where parent.author_id is not null and parent.author_id <> p.author_id
	union all
	select p.author_id, 'helpful', p.thread_id, p.id, v.created_at
	from public.helpful_votes v join public.posts p on p.id = v.post_id join new_threads n on n.id = p.thread_id
	where p.author_id is not null and p.author_id <> v.member_id
	union all
	select p.author_id, 'accepted', t.id, p.id, least(now(), p.created_at + interval '1 day')
	from public.threads t join public.posts p on p.id = t.accepted_post_id join new_threads n on n.id = t.id
	where p.author_id is not null and p.author_id <> t.author_id
) notified;

-- Indexes back, statistics fresh; from here on every trigger runs.
do $$
declare
	dropped record;
begin
	for dropped in select definition from dropped_indexes loop
		execute dropped.definition;
	end loop;
end $$;
set session_replication_role = origin;
analyze;
