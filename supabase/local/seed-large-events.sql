-- The large forum, part 2 (after seed-large.sql, in the same transaction and session):
-- what happens rarely goes through the real triggers and functions — counsellors and
-- moderators appointed, questions asking for a professional, crisis words, flags, edits,
-- withdrawals, the counsellors' and moderators' work. It reads the temporary tables of
-- part 1 (new_members, roster).

-- Counsellors and moderators, as the admin appoints them -----------------------------------
select set_config('request.jwt.claims', json_build_object('sub', '00000000-0000-4000-8000-000000000001', 'role', 'authenticated')::text, false);
select public.verify_counsellor(m.id,
	(array['Sozialpädagogin', 'Sozialarbeiter', 'Familientherapeutin', 'Pflegeberater', 'Heilpädagogin'])[1 + (n.g % 5)],
	(array['Caritas Familienberatung', 'Diakonie Beratungsstelle', 'AWO Pflegeberatung', 'Lebenshilfe', 'pro familia'])[1 + (n.g / 5 % 5)],
	case when n.g % 4 = 0 then null else array(select cm.community_id from public.community_members cm where cm.member_id = m.id) end)
from new_members n join public.members m on m.id = n.id
where n.g % (current_setting('seed.members')::int / current_setting('seed.counsellors')::int) = 1;
-- Each workplace on their badges is an organisation the admin verified; its counsellors
-- belong to it (their checks and official answers name it).
select public.save_organisation(null, w.name, w.kind::public.organisation_kind, null, null)
from (values ('Caritas Familienberatung', 'welfare_association'), ('Diakonie Beratungsstelle', 'welfare_association'),
	('AWO Pflegeberatung', 'welfare_association'), ('Lebenshilfe', 'association'),
	('pro familia', 'counselling_service')) w(name, kind);
select public.verify_organisation(o.id, true) from public.organisations o
where o.name in ('Caritas Familienberatung', 'Diakonie Beratungsstelle', 'AWO Pflegeberatung', 'Lebenshilfe', 'pro familia');
select public.set_counsellor_organisation(p.member_id, o.id)
from public.counsellor_profiles p join public.organisations o on o.name = p.organisation
where p.withdrawn_at is null and p.organisation_id is null;
-- Two moderators for each new community; the first owns it.
insert into public.community_moderators (community_id, member_id, appointed_by, is_owner)
select r.community_id, r.member_id, '00000000-0000-4000-8000-000000000001', r.k = 3
from roster r
where r.k in (3, 11) and not exists (select 1 from public.community_moderators cm where cm.community_id = r.community_id);

-- Rare events through the real triggers and functions ---------------------------------------
-- Members write as themselves (claims), the database as owner; posting limits apply to API roles only.
create function pg_temp.act_as(member uuid) returns void language sql as $$
	select set_config('request.jwt.claims', json_build_object('sub', member, 'role', 'authenticated')::text, false);
$$;

-- Questions that ask for a professional (escalate_asker_request), in the last days.
insert into public.threads (community_id, author_id, title, body_markdown, body_html, wants_professional, created_at, last_activity_at)
select r.community_id, r.member_id, tp.s || ' – bitte um fachlichen Rat', b.body, pg_temp.html(b.body), true, g.at, g.at
from (select g, now() - interval '5 days' * random() as at from generate_series(1, current_setting('seed.asking_threads')::int) g) g
join community_order c on c.k = g.g % 50
join roster_size rs on rs.community_id = c.id
join roster r on r.community_id = c.id and r.k = (g.g * 131) % rs.size
join title_parts tp on tp.lang = 'de' and tp.n = 1 + g.g % 16
cross join lateral (select pg_temp.body('de', g.g * 977) as body) b;
insert into public.thread_follows (thread_id, member_id, created_at)
select id, author_id, created_at from public.threads where wants_professional and author_id is not null
on conflict do nothing;

-- Answers with crisis words (detect_crisis: urgent escalations, held where the community says so),
-- and peer answers to recent questions (notify_on_post, count_posts).
insert into public.posts (thread_id, author_id, body_markdown, body_html, created_at)
select t.id, r.member_id, w.text, pg_temp.html(w.text), t.created_at + (now() - t.created_at) * random()
from (
	select t.id, t.community_id, t.created_at, row_number() over (order by t.created_at desc, t.id) as g
	from public.threads t where t.withdrawn_at is null and t.created_at > now() - interval '60 days'
	order by t.created_at desc, t.id limit current_setting('seed.event_posts')::int
) t
join roster_size rs on rs.community_id = t.community_id
join roster r on r.community_id = t.community_id and r.k = (t.g * 613) % rs.size
cross join lateral (select case when t.g % 20 = 0 then (array[
	'Ich kann nicht mehr und denke an Suizid, seit Wochen schlafe ich kaum.',
	'Manchmal will ich nicht mehr leben, alles ist zu viel geworden.',
	'Some days I want to die, everything is too much since the separation.',
	'Meine Tochter ritzt sich, und ich weiß nicht, wie ich sie ansprechen soll.'])[1 + t.g / 20 % 4]
	else pg_temp.body('de', t.g * 7) end as text) w;
-- posts.answer follows the thread for its writer.
insert into public.thread_follows (thread_id, member_id, created_at)
select thread_id, author_id, min(created_at) from public.posts where created_at > now() - interval '60 days'
group by thread_id, author_id
on conflict do nothing;

-- Flags of every reason on recent posts; some reasons open or raise escalations (escalate_flag).
do $$
declare
	target record;
begin
	for target in
		select p.id as post_id, r.member_id as flagger, p.g
		from (
			select p.id, p.thread_id, row_number() over (order by p.created_at desc, p.id) as g
			from public.posts p where p.created_at > now() - interval '30 days' and p.withdrawn_at is null
			order by p.created_at desc, p.id limit current_setting('seed.flags')::int
		) p
		join public.threads t on t.id = p.thread_id
		join roster_size rs on rs.community_id = t.community_id
		join roster r on r.community_id = t.community_id and r.k = (p.g * 389) % rs.size
	loop
		perform pg_temp.act_as(target.flagger);
		insert into public.flags (flagger_id, post_id, reason, note)
		values (target.flagger, target.post_id,
			(enum_range(null::public.flag_reason))[1 + target.g % 7],
			case when target.g % 3 = 0 then 'Bitte einmal ansehen.' end)
		on conflict do nothing;
	end loop;
end $$;

-- Edits and withdrawals keep revisions (track_text_changes, forget_withdrawn_answer).
update public.posts set body_markdown = body_markdown || E'\n\nNachtrag: Inzwischen hat sich bei uns etwas getan.',
	body_html = pg_temp.html(body_markdown || E'\n\nNachtrag: Inzwischen hat sich bei uns etwas getan.')
where id in (select id from public.posts where parent_post_id is null order by id limit current_setting('seed.edits')::int);
update public.posts set withdrawn_at = now()
where id in (select id from public.posts where parent_post_id is not null and withdrawn_at is null and edited_at is null
	order by id desc limit current_setting('seed.edits')::int / 2);

-- The counsellors' work: questions left unanswered are opened as the scheduled job does.
select public.open_unanswered_escalations();
-- The oldest question of each community, which later ones are marked duplicates of.
create temporary table first_threads as
select distinct on (community_id) community_id, id from public.threads order by community_id, created_at, id;
-- Who worked each item: a counsellor serving its community.
create temporary table worked as
select e.id, e.thread_id, e.community_id, e.opened_at, row_number() over (order by e.opened_at, e.id) as i,
	-- Never the asker: a counsellor who asked (perhaps anonymously) does not work their own question.
	(select p.member_id from public.counsellor_profiles p
	 where p.withdrawn_at is null and (p.serves_all or exists (select 1 from public.counsellor_communities cc
		where cc.member_id = p.member_id and cc.community_id = e.community_id))
		and p.member_id is distinct from (select t.author_id from public.threads t where t.id = e.thread_id)
	 order by md5(e.id::text || p.member_id::text) limit 1) as counsellor
from public.escalations e where e.state = 'open';
create index on worked (id);
analyze worked;
-- Items older than a month were claimed and resolved within days: what claim_escalation and
-- resolve_escalation write, set-based (referred, no action, duplicate).
create temporary table resolved_early as
select w.*, w.opened_at + interval '1 hour' * (1 + w.i % 30) as claimed_at,
	w.opened_at + interval '1 hour' * (31 + w.i % 40) as resolved_at,
	(array['referred', 'no_action', 'duplicate'])[1 + w.i % 3]::public.escalation_outcome as outcome,
	case when w.i % 3 = 2 then (select f.id from first_threads f where f.community_id = w.community_id
		and f.id <> w.thread_id) end as duplicate_of
from worked w where w.opened_at < now() - interval '30 days' and w.counsellor is not null;
delete from resolved_early where outcome = 'duplicate' and duplicate_of is null;
create index on resolved_early (id);
analyze resolved_early;
insert into public.escalation_events (escalation_id, kind, actor_id, at)
select id, 'claimed', counsellor, claimed_at from resolved_early;
insert into public.escalation_events (escalation_id, kind, outcome, actor_id, detail, at)
select id, 'resolved', outcome, counsellor,
	case outcome when 'referred' then 'Erziehungsberatungsstelle vor Ort' when 'duplicate' then duplicate_of::text
		when 'no_action' then 'Die Frage ist in der Gemeinschaft gut beantwortet.' end, resolved_at
from resolved_early;
update public.escalations e
set state = 'resolved', claimed_by = r.counsellor, claimed_at = r.claimed_at, resolved_by = r.counsellor,
	resolved_at = r.resolved_at, outcome = r.outcome,
	referred_service = case when r.outcome = 'referred' then 'Erziehungsberatungsstelle vor Ort' end,
	referred_contact = case when r.outcome = 'referred' then 'Tel. 0341 123 45 67, Mo–Fr 9–16 Uhr' end,
	resolution_note = case when r.outcome = 'no_action' then 'Die Frage ist in der Gemeinschaft gut beantwortet.' end,
	duplicate_of = r.duplicate_of
from resolved_early r where r.id = e.id;
-- The last month's items through the functions: claimed, noted, answered, resolved with
-- every outcome, some reopened; the last days' stay in the queue, some of them claimed.
do $$
declare
	item record;
begin
	for item in
		select w.* from worked w
		where w.counsellor is not null and not exists (select 1 from resolved_early r where r.id = w.id)
		order by w.opened_at, w.id
	loop
		perform pg_temp.act_as(item.counsellor);
		if item.opened_at > now() - interval '3 days' then
			if item.i % 3 = 0 then
				perform set_config('ratnetz.clock', least(now(), item.opened_at + interval '20 minutes')::text, false);
				perform public.claim_escalation(item.id);
				if item.i % 2 = 0 then
					perform public.add_escalation_note(item.id, 'Familie hat sich gemeldet, Rückruf vereinbart.');
				end if;
			end if;
			continue;
		end if;
		perform set_config('ratnetz.clock', (item.opened_at + interval '1 hour' * (1 + item.i % 30))::text, false);
		perform public.claim_escalation(item.id);
		perform set_config('ratnetz.clock', (item.opened_at + interval '1 hour' * (2 + item.i % 40))::text, false);
		case item.i % 4
			when 0 then
				insert into public.community_members (community_id, member_id) values (item.community_id, item.counsellor)
				on conflict do nothing;
				insert into public.posts (thread_id, author_id, body_markdown, body_html, created_at)
				values (item.thread_id, item.counsellor,
					'Aus der Beratungspraxis: Wenden Sie sich an die Teilhabeberatung, sie ist unabhängig und kostenlos.',
					'<p>Aus der Beratungspraxis: Wenden Sie sich an die Teilhabeberatung, sie ist unabhängig und kostenlos.</p>',
					public.clock());
				insert into public.thread_follows (thread_id, member_id, created_at) values (item.thread_id, item.counsellor, public.clock())
				on conflict do nothing;
				perform public.resolve_escalation(item.id, 'answered_publicly');
			when 1 then perform public.resolve_escalation(item.id, 'referred', 'Erziehungsberatungsstelle vor Ort', null,
				'Tel. 0341 123 45 67, Mo–Fr 9–16 Uhr');
			when 2 then perform public.resolve_escalation(item.id, 'no_action', null, null, null,
				'Die Frage ist in der Gemeinschaft gut beantwortet.');
			else perform public.resolve_escalation(item.id, 'duplicate', null,
				coalesce((select f.id from first_threads f where f.community_id = item.community_id and f.id <> item.thread_id),
					(select t.id from public.threads t where t.community_id = item.community_id and t.id <> item.thread_id limit 1)));
		end case;
		if item.i % 7 = 0 then
			perform set_config('ratnetz.clock', (item.opened_at + interval '3 days')::text, false);
			perform public.reopen_escalation(item.id, 'Die Familie hat erneut geschrieben.');
		end if;
	end loop;
	perform set_config('ratnetz.clock', '', false);
end $$;
select set_config('request.jwt.claims', '', false);
-- Items already past their due time count as alerted (the forum's past): the overdue
-- alerts' job alerts from now on, not for a backlog of a thousand items at its first run.
update public.escalations set overdue_alerted_for = due_at where state <> 'resolved' and due_at < now();

-- Moderation: the flags above opened items in the moderators' queue (moderate_flag). The
-- community's moderators work two thirds of them through the functions (dismissed,
-- removed, the author warned or suspended), lock and pin a few threads; the rest wait.
do $$
declare
	item record;
	i integer := 0;
begin
	for item in
		select mi.id, mi.thread_id, mi.post_id, mi.version, mi.community_id,
			(select cm.member_id from public.community_moderators cm where cm.community_id = mi.community_id
			 order by cm.is_owner desc, cm.member_id limit 1) as moderator
		from public.moderation_items mi where mi.state = 'open' order by mi.opened_at, mi.id
	loop
		i := i + 1;
		continue when item.moderator is null or i % 3 = 0;
		perform pg_temp.act_as(item.moderator);
		if i % 3 = 1 then
			perform public.dismiss_moderation_item(item.id, item.version, 'Kein Verstoß gegen die Regeln.');
		else
			if i % 10 = 2 then
				perform public.warn_author(item.thread_id, item.post_id, 'Bitte freundlich bleiben.', item.id,
					(select version from public.moderation_items where id = item.id));
			-- Moderators are not suspended (suspend_author refuses): their items are only removed.
			elsif i % 10 = 5 and not exists (select 1 from public.community_moderators cm
				where cm.community_id = item.community_id and cm.member_id = public.author_of(item.thread_id, item.post_id)) then
				perform public.suspend_author(item.thread_id, item.post_id, interval '7 days', 'Wiederholt beleidigend.',
					item.id, (select version from public.moderation_items where id = item.id));
			end if;
			perform public.remove_content(item.thread_id, item.post_id, 'Verstößt gegen die Regeln der Gemeinschaft.',
				item.id, (select version from public.moderation_items where id = item.id));
		end if;
	end loop;
	for item in
		select t.id, c.k, (select cm.member_id from public.community_moderators cm where cm.community_id = t.community_id
			order by cm.is_owner desc, cm.member_id limit 1) as moderator
		from community_order c
		cross join lateral (select t.id, t.community_id from public.threads t where t.community_id = c.id
			and t.withdrawn_at is null and t.removed_at is null order by t.me_too_count desc, t.id limit 2) t
	loop
		continue when item.moderator is null;
		perform pg_temp.act_as(item.moderator);
		perform public.set_thread_pinned(item.id, true, 'Häufige Frage, bitte zuerst lesen.');
		if item.k % 5 = 0 then
			perform public.set_thread_locked(item.id, true, 'Alles Wichtige ist gesagt.');
		end if;
	end loop;
end $$;

-- The forum's past: every mail its notifications called for went out when it was due.
update public.mail_outbox set sent_at = created_at where sent_at is null;
