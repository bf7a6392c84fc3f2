-- The large forum, part 3 (after seed-large-events.sql, in the same transaction and
-- session): guides, as the communities would have written them over a year. Each cites
-- one to three of its community's answered questions, has one to four versions by members
-- of the community, and for half of them a counsellor serving the community checked the
-- newest version (for some an earlier one only); readers marked them helpful. Written as
-- the owner with every trigger on: the newest version is the one found (current), and each
-- cited question's page version goes up.

create temporary table new_guides as
select gen_random_uuid() as id, c.id as community_id, c.k, c.english, g.n,
	now() - interval '365 days' * random() as created
from community_order c cross join generate_series(1, current_setting('seed.guides_per_community')::int) g(n);

insert into public.guides (id, community_id, created_by, title, version, created_at, updated_at)
select ng.id, ng.community_id, r.member_id,
	case when ng.english then 'Guide: ' else 'Ratgeber: ' end || tp.s, 1 + ng.n % 4, ng.created, ng.created + interval '1 day' * (ng.n % 4) * 7
from new_guides ng
join roster_size rs on rs.community_id = ng.community_id
join roster r on r.community_id = ng.community_id and r.k = (ng.n * 37 + ng.k) % rs.size
join (select lang, count(*) as c from title_parts group by lang) tc on tc.lang = case when ng.english then 'en' else 'de' end
join title_parts tp on tp.lang = tc.lang and tp.n = 1 + (ng.n + ng.k) % tc.c;
-- Every planned guide was written: the parts below read them by id.
do $$
begin
	if (select count(*) from new_guides) <> (select count(*) from public.guides g join new_guides ng on ng.id = g.id) then
		raise exception 'Some planned guides were not written';
	end if;
end $$;

-- Versions oldest first (the newest is current: keep_current_guide_version), each a bit longer.
insert into public.guide_versions (guide_id, number, title, body_markdown, body_html, author_id, written_at)
select g.id, v, g.title, b.body, pg_temp.html(b.body), r.member_id, g.created_at + interval '7 days' * (v - 1)
from public.guides g
join new_guides ng on ng.id = g.id
cross join generate_series(1, g.version) v
join roster_size rs on rs.community_id = g.community_id
join roster r on r.community_id = g.community_id and r.k = (ng.n * 53 + v * 11) % rs.size
cross join lateral (
	select string_agg(pg_temp.body(case when ng.english then 'en' else 'de' end, ng.n * 7919 + p * 104729), E'\n\n') as body
	from generate_series(1, 2 + v) p
) b
order by g.id, v;

-- Cited questions: the community's answered ones, by position.
create temporary table answered as
select community_id, id, row_number() over (partition by community_id order by id) - 1 as k,
	count(*) over (partition by community_id) as size
from public.threads where answer_count > 0 and held_at is null and removed_at is null;
create index on answered (community_id, k);
analyze answered;
insert into public.guide_threads (guide_id, thread_id)
select ng.id, a.id
from new_guides ng
cross join generate_series(0, ng.n % 3) c
join (select distinct community_id, size from answered) s on s.community_id = ng.community_id
join answered a on a.community_id = ng.community_id and a.k = (ng.n * 17 + c * 101) % s.size
on conflict do nothing;

-- Checks by a counsellor serving the community: the newest version of half the guides, an
-- earlier one of another eighth (their newest is not checked yet).
insert into public.guide_reviews (guide_id, number, reviewer_id, reviewed_at)
select g.id, case when ng.n % 8 = 1 and g.version > 1 then g.version - 1 else g.version end, p.member_id,
	g.updated_at + interval '2 days'
from public.guides g
join new_guides ng on ng.id = g.id
cross join lateral (
	select p.member_id from public.counsellor_profiles p
	where p.withdrawn_at is null and (p.serves_all or exists (
		select 1 from public.counsellor_communities cc where cc.member_id = p.member_id and cc.community_id = g.community_id))
	order by p.member_id offset ng.n % 3 limit 1
) p
where ng.n % 2 = 0 or ng.n % 8 = 1;

-- Helpful marks from the community's members, counted as mark_guide_helpful counts them.
insert into public.guide_helpful_marks (guide_id, member_id)
select ng.id, r.member_id
from new_guides ng
join roster_size rs on rs.community_id = ng.community_id
cross join generate_series(1, (ng.n * 7) % 25) m
join roster r on r.community_id = ng.community_id and r.k = (ng.n * 101 + m * 13) % rs.size
on conflict do nothing;
update public.guides g set helpful_count = (select count(*) from public.guide_helpful_marks h where h.guide_id = g.id)
where g.id in (select id from new_guides);
