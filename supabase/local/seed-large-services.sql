-- The large forum, part 5 (after seed-large-ideas.sql, in the same transaction): the help
-- directory. One verified organisation per Land, and in every one of the 400 Kreise
-- `seed.services_per_kreis` services of it, each at one of the Kreis's postcodes (its
-- centre, as save_service sets it), of one to three topics, a tenth online as well, a
-- tenth online only; confirmed within the last eight months, so a quarter are due.
-- Written as the owner: the table has no triggers, and save_service derives nothing else.

create temporary table directory_organisations as
select r.ags as land, gen_random_uuid() as id, 'Beratungsverbund ' || r.name as name
from public.regions r where r.level = 'land';

insert into public.organisations (id, name, kind, region, website, created_at, verified_at)
select o.id, o.name, 'welfare_association', o.land,
	'https://beratungsverbund-' || o.land || '.example', now() - interval '2 years', now() - interval '2 years'
from directory_organisations o;

insert into public.services (organisation_id, name, kind, description, topics, on_site, online, street, postcode,
	place, region, lat, lon, hours, languages, accessibility, phone, email, website, created_at, confirmed_at)
select o.id,
	(array['Beratungsstelle', 'Elterntreff', 'Selbsthilfegruppe', 'Pflegestützpunkt', 'Familienzentrum',
		'Schuldnerberatung', 'Suchtberatung', 'Frauenberatung'])[1 + (k.n + s.n) % 8] || ' ' || k.name || ' ' || s.n,
	(enum_range(null::public.service_kind))[1 + (k.n * 7 + s.n) % 7],
	'Kostenlose Beratung und Begleitung für Familien im Kreis ' || k.name || '.',
	(select array_agg(distinct t) from unnest(array[
		(array['autismus', 'adhs', 'behinderung', 'schule', 'kita', 'erziehung', 'trennung', 'pflege',
			'psyche', 'sucht', 'gewalt', 'schulden', 'migration', 'wohnen', 'trauer', 'jugend'])[1 + (k.n * 3 + s.n * 5) % 16],
		(array['pflege', 'erziehung', 'schule', 'psyche'])[1 + (k.n + s.n * 3) % 4]]) as t),
	s.n % 10 <> 0, s.n % 10 in (0, 1),
	case when s.n % 10 <> 0 then 'Hauptstraße ' || s.n end,
	case when s.n % 10 <> 0 then p.postcode end,
	case when s.n % 10 <> 0 then coalesce(c.places[1], k.name) end,
	case when s.n % 10 <> 0 then k.ags end,
	case when s.n % 10 <> 0 then c.lat end,
	case when s.n % 10 <> 0 then c.lon end,
	'{"9–12 Uhr","9–12 Uhr","14–18 Uhr","9–12 Uhr","9–12 Uhr","",""}',
	case when s.n % 3 = 0 then '{de,en,ar}'::text[] else '{de}' end,
	case when s.n % 2 = 0 then 'Stufenloser Zugang' else '' end,
	'0' || (100 + k.n % 900) || ' ' || (100000 + s.n), null, null,
	now() - interval '1 year', now() - interval '240 days' * ((k.n * 13 + s.n * 31) % 100) / 100.0
from (select r.ags, r.name, r.parent, row_number() over (order by r.ags)::int as n
	from public.regions r where r.level = 'kreis') k
join directory_organisations o on o.land = k.parent
cross join generate_series(1, current_setting('seed.services_per_kreis')::int) s(n)
cross join lateral (
	select p.postcode from public.postcodes p where p.ags = k.ags
	order by p.is_primary desc, p.postcode offset (s.n * 7) % greatest(1, (select count(*) from public.postcodes q where q.ags = k.ags)) limit 1
) p
join public.postcode_centroids c on c.postcode = p.postcode;

-- Every Kreis has its services on site.
do $$
begin
	if (select count(distinct region) from public.services where region is not null) < 400 then
		raise exception 'Some Kreise have no services';
	end if;
end $$;
