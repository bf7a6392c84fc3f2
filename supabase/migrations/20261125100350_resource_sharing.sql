-- Sharing between organisations (teilen und leihen): a verified organisation offers a
-- resource (a room, vehicle, equipment or a skill) or posts a request (Gesuch) for what it
-- lacks, which others answer by offering a resource. Another verified organisation asks to
-- borrow a resource for a time span (a booking, Ausleihe); the owner confirms or declines
-- it, the borrower may withdraw it before it starts. An organisation acts through its
-- counsellors (counsellor_profiles.organisation_id). Confirmed bookings of one resource
-- never overlap: an exclusion constraint decides, so two confirmations racing each other
-- cannot both commit. Both sides are told (notification kinds booking_*,
-- 20261125150100_mail_delivery.sql; notifications.booking_id, 20261125150000_notifications.sql).

-- In the schema of the other extensions: its operator classes let a gist index hold the
-- resource's uuid beside the time range.
create extension if not exists btree_gist with schema extensions;

create type public.resource_kind as enum ('room', 'vehicle', 'equipment', 'skill');

-- A request (Gesuch): what an organisation lacks, answered by other organisations' offers.
create table public.resource_requests (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	kind public.resource_kind not null,
	title text not null check (char_length(title) between 3 and 150 and title = btrim(title)),
	description text not null default '' check (char_length(description) <= 4000),
	region text references public.regions (ags),
	created_by uuid references public.members (id) on delete set null,
	created_at timestamptz not null default now(),
	closed_at timestamptz
);
create index resource_requests_open_idx on public.resource_requests (created_at desc) where closed_at is null;

create table public.shared_resources (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	kind public.resource_kind not null,
	title text not null check (char_length(title) between 3 and 150 and title = btrim(title)),
	description text not null default '' check (char_length(description) <= 4000),
	region text references public.regions (ags),
	place text not null default '' check (char_length(place) <= 200),
	conditions text not null default '' check (char_length(conditions) <= 2000),
	-- Bookings are confirmed as they are asked for, when the span is free (a room anyone
	-- may take at a free time); otherwise the owner decides each.
	instant boolean not null default false,
	-- The request this offer answers, if any.
	answers_request_id uuid references public.resource_requests (id) on delete set null,
	created_by uuid references public.members (id) on delete set null,
	created_at timestamptz not null default now(),
	-- No longer offered; its bookings stay in the history.
	withdrawn_at timestamptz
);
create index shared_resources_organisation_idx on public.shared_resources (organisation_id);
create index shared_resources_request_idx on public.shared_resources (answers_request_id) where answers_request_id is not null;

create type public.booking_state as enum ('requested', 'confirmed', 'declined', 'withdrawn');

create table public.resource_bookings (
	id uuid primary key default gen_random_uuid(),
	resource_id uuid not null references public.shared_resources (id) on delete cascade,
	-- The borrowing organisation.
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	-- Half-open [start, end): a booking ending at 12:00 and one starting then do not overlap.
	span tstzrange not null check (not isempty(span) and lower_inc(span) and not upper_inc(span)
		and not lower_inf(span) and not upper_inf(span) and upper(span) - lower(span) <= interval '366 days'),
	message text not null default '' check (char_length(message) <= 2000),
	state public.booking_state not null default 'requested',
	decline_reason text check (char_length(decline_reason) <= 500),
	requested_by uuid references public.members (id) on delete set null,
	requested_at timestamptz not null default now(),
	decided_by uuid references public.members (id) on delete set null,
	decided_at timestamptz,
	withdrawn_at timestamptz,
	constraint resource_bookings_no_overlap exclude using gist (resource_id with =, span with &&)
		where (state = 'confirmed')
);
create index resource_bookings_organisation_idx on public.resource_bookings (organisation_id, lower(span) desc);

-- The verified organisation the signed-in counsellor acts for, or null.
create function public.acting_organisation() returns uuid
language sql stable security definer set search_path = '' as $$
	select p.organisation_id from public.counsellor_profiles p
	join public.organisations o on o.id = p.organisation_id and o.verified_at is not null
	where p.member_id = (select auth.uid()) and p.withdrawn_at is null;
$$;

-- The verified counsellors of an organisation but the one acting: those told of a booking.
create function public.organisation_counsellors(organisation uuid) returns setof uuid
language sql stable security definer set search_path = '' as $$
	select p.member_id from public.counsellor_profiles p
	where p.organisation_id = organisation_counsellors.organisation and p.withdrawn_at is null
		and p.member_id is distinct from (select auth.uid());
$$;

alter table public.resource_requests enable row level security;
alter table public.shared_resources enable row level security;
alter table public.resource_bookings enable row level security;
-- Closed requests and withdrawn offers stay readable (the history names them); lists leave
-- them out. An organisation whose verification was withdrawn takes its own out of sight
-- (organisations' policies: admins alone see it).
create policy "Requests of organisations one may see are public"
	on public.resource_requests for select to anon, authenticated using (
		exists (select 1 from public.organisations o where o.id = organisation_id));
create policy "Resources of organisations one may see are public"
	on public.shared_resources for select to anon, authenticated using (
		exists (select 1 from public.organisations o where o.id = organisation_id));
-- Who borrows what and when is the sharing organisations' business: other organisations'
-- counsellors see the confirmed spans (when a resource is taken), members and visitors nothing.
create policy "Bookings are read by both organisations and admins, confirmed ones by every organisation"
	on public.resource_bookings for select to authenticated using (
		organisation_id = (select public.acting_organisation())
		or resource_id in (select r.id from public.shared_resources r where r.organisation_id = (select public.acting_organisation()))
		or (state = 'confirmed' and (select public.acting_organisation()) is not null)
		or (select public.is_admin()));
-- Everything changes through the functions in 20261125100360_resource_sharing_functions.sql.
revoke all on public.resource_requests, public.shared_resources, public.resource_bookings from anon, authenticated;
-- Visitors may ask (a resource's page reads its bookings) but no policy shows them any.
grant select on public.resource_requests, public.shared_resources, public.resource_bookings to anon, authenticated;

revoke execute on function public.organisation_counsellors(uuid) from public, anon, authenticated;
revoke execute on function public.acting_organisation() from public, anon;
grant execute on function public.acting_organisation() to authenticated;
