-- Regions: Germany's Länder and Kreise (Landkreise, kreisfreie Städte …) by their official
-- key (AGS: two digits for a Land, five for a Kreis), and the Kreise each postcode reaches.
-- Reference data, loaded by 20261125095510_region_data.sql from supabase/regions/ (sources and
-- licences in its README.md); everyone reads it, nobody writes it but a migration.
-- Communities are local with a region (20261125100200_communities.sql); members may keep
-- one in their settings (20261125100000_members.sql). Postcodes and regions have a centre
-- (20261125095520_postcode_centroids.sql), so services are found by distance
-- (20261125125200_services.sql) and local communities stand on the map.

-- Distances on the earth's surface with a GiST index (both ship with Postgres and hosted Supabase).
create extension if not exists cube with schema extensions;
create extension if not exists earthdistance with schema extensions;

create type public.region_level as enum ('land', 'kreis');
-- Destatis' kinds of Kreis (GV100AD record 40, "Textkennzeichen" 41–45).
create type public.region_kind as enum ('kreisfreie_stadt', 'stadtkreis', 'kreis', 'landkreis', 'regionalverband');

create table public.regions (
	ags text primary key check (ags ~ '^[0-9]{2}([0-9]{3})?$'),
	name text not null check (char_length(name) between 2 and 80),
	level public.region_level not null,
	-- A Kreis's Land: the first two digits of its key.
	parent text references public.regions (ags),
	kind public.region_kind,
	-- How pages name it: "Landkreis Leipzig" beside "Leipzig, Stadt" (Destatis names a
	-- Landkreis by its name alone); names that say what they are stay as they are.
	label text not null generated always as (case
		when kind = 'landkreis' and name !~* '(kreis|region)' then 'Landkreis ' || name
		when kind = 'kreis' and name !~* '(kreis|region)' then 'Kreis ' || name
		else name end) stored,
	-- Its centre (WGS84), the mean of its postcodes' centres.
	lat double precision check (lat between -90 and 90),
	lon double precision check (lon between -180 and 180),
	unique (ags, level),
	check (case level when 'land' then char_length(ags) = 2 and parent is null and kind is null
		else char_length(ags) = 5 and parent = left(ags, 2) and kind is not null end)
);
create index regions_parent_idx on public.regions (parent);

create table public.postcodes (
	postcode text not null check (postcode ~ '^[0-9]{5}$'),
	ags text not null references public.regions (ags),
	-- The Kreis a postcode stands for when one is asked for (a member's region).
	is_primary boolean not null default false,
	primary key (postcode, ags)
);
create unique index postcodes_primary_key on public.postcodes (postcode) where is_primary;

-- Each postcode's centre (WGS84) and the places GeoNames names in it ("Dresden Innere
-- Altstadt", "Dresden"): where a search by postcode or place starts.
create table public.postcode_centroids (
	postcode text primary key check (postcode ~ '^[0-9]{5}$'),
	lat double precision not null check (lat between -90 and 90),
	lon double precision not null check (lon between -180 and 180),
	places text[] not null default '{}'
);

alter table public.regions enable row level security;
alter table public.postcodes enable row level security;
alter table public.postcode_centroids enable row level security;
create policy "Regions are open reference data" on public.regions
	for select to anon, authenticated using (true);
create policy "Postcodes are open reference data" on public.postcodes
	for select to anon, authenticated using (true);
create policy "Postcode centres are open reference data" on public.postcode_centroids
	for select to anon, authenticated using (true);
revoke all on public.regions, public.postcodes, public.postcode_centroids from anon, authenticated;
grant select on public.regions, public.postcodes, public.postcode_centroids to anon, authenticated;

-- A region and, for a Land, its Kreise: what a filter by that region covers.
create function public.region_and_kreise(region text) returns text[]
language sql stable set search_path = '' as $$
	select coalesce(array_agg(r.ags), '{}') from public.regions r
	where r.ags = region_and_kreise.region or r.parent = region_and_kreise.region;
$$;
