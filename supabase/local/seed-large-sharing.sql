-- The large forum, part 5 (after seed-large-ideas.sql, in the same transaction and
-- session): sharing between the verified organisations over a year. Each offers rooms,
-- vehicles, equipment and skills; each resource is asked for every few days by another
-- organisation, from a year ago to a month ahead: past and near bookings confirmed (one a
-- day per resource, so confirmed ones never overlap: the exclusion constraint checks each
-- row), some declined with a reason, some withdrawn, those further ahead still requested.
-- Written as the owner in bulk: nobody is notified of these.

create temporary table sharing_organisations as
select o.id, row_number() over (order by o.name) - 1 as k, count(*) over () as total
from public.organisations o where o.verified_at is not null;

create temporary table new_resources as
select gen_random_uuid() as id, so.id as organisation_id, so.k, so.total, r.n,
	(array['room', 'vehicle', 'equipment', 'skill'])[1 + r.n % 4]::public.resource_kind as kind
from sharing_organisations so cross join generate_series(0, 7) r(n);

insert into public.shared_resources (id, organisation_id, kind, title, description, region, place, conditions, instant, created_at)
select nr.id, nr.organisation_id, nr.kind,
	(array['Seminarraum', 'Kleinbus', 'Beamer und Leinwand', 'Dolmetschen in Gebärdensprache',
		'Gruppenraum mit Küche', 'Lastenrad', 'Zelt und Bänke', 'Beratung zu Anträgen'])[1 + nr.n] || ' ' || (nr.k + 1),
	'Für Veranstaltungen mit Familien; Absprache vorab.', o.region, 'Leipzig', 'Bitte so zurückgeben, wie übernommen.',
	nr.n % 4 = 2, now() - interval '400 days'
from new_resources nr join public.organisations o on o.id = nr.organisation_id;

-- Every third day per resource (shifted by resource), from a year ago to a month ahead.
insert into public.resource_bookings (resource_id, organisation_id, span, message, state, decline_reason,
	requested_at, decided_at, withdrawn_at)
select nr.id, borrower.id,
	tstzrange(day + interval '9 hours', day + interval '9 hours' + (1 + (d.n + nr.n) % 8) * interval '1 hour'),
	'Für unser Familientreffen.', state, case when state = 'declined' then 'Der Termin ist schon vergeben.' end,
	day - interval '14 days', case when state in ('confirmed', 'declined') then day - interval '10 days' end,
	case when state = 'withdrawn' then day - interval '5 days' end
from new_resources nr
cross join generate_series(0, 131) d(n)
cross join lateral (select date_trunc('day', now()) - interval '365 days' + (d.n * 3 + nr.n % 3) * interval '1 day' as day) t
join sharing_organisations borrower on borrower.k = (nr.k + 1 + (d.n + nr.n) % (nr.total - 1)) % nr.total
cross join lateral (select case
	when t.day > now() + interval '7 days' then 'requested'
	when (d.n + nr.n) % 9 = 0 then 'declined'
	when (d.n + nr.n) % 13 = 0 then 'withdrawn'
	else 'confirmed' end::public.booking_state as state) s;

-- Requests, two an organisation, one of them done.
insert into public.resource_requests (organisation_id, kind, title, description, region, created_at, closed_at)
select so.id, (array['room', 'vehicle'])[1 + r.n]::public.resource_kind,
	(array['Raum für ein Elterntreffen', 'Transporter für einen Umzug'])[1 + r.n], 'Einmal im Monat, abends.',
	null, now() - (30 + so.k * 20) * interval '1 day', case when r.n = 1 then now() - interval '3 days' end
from sharing_organisations so cross join generate_series(0, 1) r(n);
