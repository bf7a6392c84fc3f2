-- The large forum, part 4 (after seed-large-guides.sql, in the same transaction and
-- session): service ideas, as the communities' members would have proposed them over a
-- year. Each is supported by up to thirty of its community's members (counted and, at the
-- threshold, told to the serving counsellors by the triggers), has up to three posts, and
-- a third of them have an official answer by a counsellor serving the community (the newest
-- is the idea's state; supporters are told). Written as the owner with every trigger on.

create temporary table new_ideas as
select gen_random_uuid() as id, c.id as community_id, c.k, c.english, i.n,
	now() - interval '365 days' * random() as created
from community_order c cross join generate_series(1, current_setting('seed.ideas_per_community')::int) i(n);

insert into public.service_ideas (id, community_id, author_id, title, body_markdown, body_html, created_at)
select ni.id, ni.community_id, r.member_id,
	case when ni.english then 'Idea: ' else 'Idee: ' end || tp.s, b.body, pg_temp.html(b.body), ni.created
from new_ideas ni
join roster_size rs on rs.community_id = ni.community_id
join roster r on r.community_id = ni.community_id and r.k = (ni.n * 41 + ni.k) % rs.size
join (select lang, count(*) as c from title_parts group by lang) tc on tc.lang = case when ni.english then 'en' else 'de' end
join title_parts tp on tp.lang = tc.lang and tp.n = 1 + (ni.n * 3 + ni.k) % tc.c
cross join lateral (
	select string_agg(pg_temp.body(case when ni.english then 'en' else 'de' end, ni.n * 6151 + p * 92821), E'\n\n') as body
	from generate_series(1, 2) p
) b;
-- Every planned idea was written: the parts below read them by id.
do $$
begin
	if (select count(*) from new_ideas) <> (select count(*) from public.service_ideas i join new_ideas ni on ni.id = i.id) then
		raise exception 'Some planned ideas were not written';
	end if;
end $$;

-- Supports from the community's members, one each (the primary key), oldest idea first.
insert into public.idea_supports (idea_id, member_id, supported_at)
select ni.id, r.member_id, ni.created + interval '1 hour' * s
from new_ideas ni
join roster_size rs on rs.community_id = ni.community_id
cross join generate_series(1, (ni.n * 13) % 31) s
join roster r on r.community_id = ni.community_id and r.k = (ni.n * 97 + s * 7) % rs.size
order by ni.created
on conflict do nothing;

-- Posts on the ideas by the community's members.
insert into public.idea_comments (idea_id, author_id, body_markdown, body_html, created_at)
select ni.id, r.member_id, b.body, pg_temp.html(b.body), ni.created + interval '1 day' * c
from new_ideas ni
join roster_size rs on rs.community_id = ni.community_id
cross join generate_series(1, ni.n % 4) c
join roster r on r.community_id = ni.community_id and r.k = (ni.n * 59 + c * 17) % rs.size
cross join lateral (select pg_temp.body(case when ni.english then 'en' else 'de' end, ni.n * 3571 + c * 7919) as body) b;

-- Official answers by a counsellor serving the community: a third of the ideas, some of
-- them twice (under review, then a decision).
insert into public.idea_answers (idea_id, state, reasons, answered_by, answered_at)
select ni.id, a.state::public.idea_state,
	case when ni.english then 'We looked at this with the team: ' else 'Wir haben das im Team besprochen: ' end || a.state,
	p.member_id, ni.created + interval '1 day' * (7 + a.step * 14)
from new_ideas ni
cross join lateral (
	select p.member_id from public.counsellor_profiles p
	where p.withdrawn_at is null and (p.serves_all or exists (
		select 1 from public.counsellor_communities cc where cc.member_id = p.member_id and cc.community_id = ni.community_id))
	order by p.member_id offset ni.n % 3 limit 1
) p
cross join lateral (
	select step, state from (values
		(0, 'under_review'),
		(1, (array['accepted', 'in_progress', 'done', 'not_possible'])[1 + ni.n % 4])
	) s(step, state)
	where s.step = 0 or ni.n % 2 = 0
) a
where ni.n % 3 = 0
order by ni.id, a.step;
