-- Sharing between organisations, the writing: every change goes through these functions,
-- which check that the signed-in member acts for a verified organisation (a counsellor of
-- it) and tell the other side's counsellors (notifications, mailed by their settings).
-- Times come from public.clock(), so tests move them. (PL/pgSQL bodies are checked when
-- first run: clock() and notifications follow in later migrations.)

-- The organisation the signed-in counsellor acts for; refused to anyone else.
create function public.check_acting_organisation() returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
	acting uuid := public.acting_organisation();
begin
	if acting is null then
		raise exception 'Only counsellors of a verified organisation share' using errcode = '42501',
			hint = 'sharing_organisations_only';
	end if;
	return acting;
end;
$$;

-- Offers a resource; returns its id. `answers` names the request it answers, if any: the
-- requesting organisation's counsellors are told.
create function public.offer_resource(
	kind public.resource_kind, title text, description text, region text, place text, conditions text,
	answers uuid, instant boolean
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	acting uuid := public.check_acting_organisation();
	offered uuid;
begin
	if answers is not null and not exists (
		select 1 from public.resource_requests q where q.id = answers and q.closed_at is null and q.organisation_id <> acting
	) then
		raise exception 'No such open request' using errcode = 'P0002', hint = 'sharing_not_found';
	end if;
	insert into public.shared_resources (organisation_id, kind, title, description, region, place, conditions,
		answers_request_id, instant, created_by)
	values (acting, offer_resource.kind, btrim(offer_resource.title), btrim(coalesce(description, '')),
		nullif(btrim(offer_resource.region), ''), btrim(coalesce(offer_resource.place, '')),
		btrim(coalesce(offer_resource.conditions, '')), answers, coalesce(offer_resource.instant, false),
		(select auth.uid()))
	returning id into offered;
	insert into public.notifications (member_id, kind, resource_id)
	select counsellor, 'resource_request_answered', offered
	from public.resource_requests q cross join public.organisation_counsellors(q.organisation_id) counsellor
	where q.id = answers;
	return offered;
exception
	when foreign_key_violation then
		raise exception 'No region has this key' using errcode = '23503', hint = 'region_unknown';
end;
$$;

-- Posts a request (Gesuch); returns its id.
create function public.post_resource_request(kind public.resource_kind, title text, description text, region text)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	acting uuid := public.check_acting_organisation();
	posted uuid;
begin
	insert into public.resource_requests (organisation_id, kind, title, description, region, created_by)
	values (acting, post_resource_request.kind, btrim(post_resource_request.title),
		btrim(coalesce(description, '')), nullif(btrim(post_resource_request.region), ''), (select auth.uid()))
	returning id into posted;
	return posted;
exception
	when foreign_key_violation then
		raise exception 'No region has this key' using errcode = '23503', hint = 'region_unknown';
end;
$$;

-- The owner stops offering a resource (its bookings stay), or closes its request.
create function public.withdraw_resource(resource uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
	update public.shared_resources set withdrawn_at = coalesce(withdrawn_at, public.clock())
	where id = resource and organisation_id = public.check_acting_organisation();
	if not found then
		raise exception 'Not a resource of this organisation' using errcode = 'P0002', hint = 'sharing_not_found';
	end if;
end;
$$;

create function public.close_resource_request(request uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
	update public.resource_requests set closed_at = coalesce(closed_at, public.clock())
	where id = request and organisation_id = public.check_acting_organisation();
	if not found then
		raise exception 'Not a request of this organisation' using errcode = 'P0002', hint = 'sharing_not_found';
	end if;
end;
$$;

-- Tells an organisation's counsellors (but the one acting) what happened to a booking.
create function public.notify_booking(booking uuid, organisation uuid, kind text, reason text default null)
returns void
language plpgsql security definer set search_path = '' as $$
begin
	insert into public.notifications (member_id, kind, booking_id, reason)
	select counsellor, notify_booking.kind, booking, reason from public.organisation_counsellors(organisation) counsellor;
end;
$$;

-- Another organisation asks to borrow a resource from `starts` until `ends`; returns the
-- booking's id. A span that overlaps a confirmed booking is refused at once (the owner
-- could not confirm it); the exclusion constraint decides at confirmation, or here for a
-- resource confirmed without asking, where two organisations asking at once for
-- overlapping spans cannot both have it. The resource's row is locked first, as by
-- decide_booking: two bookings inserted at once would each wait on the other's row in the
-- constraint's check, and Postgres would end one as a deadlock, not as the overlap it is.
create function public.request_booking(resource uuid, starts timestamptz, ends timestamptz, message text)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	acting uuid := public.check_acting_organisation();
	owner uuid;
	confirmed boolean;
	requested uuid;
begin
	select r.organisation_id, r.instant into owner, confirmed from public.shared_resources r
	where r.id = resource and r.withdrawn_at is null for no key update;
	if owner is null then
		raise exception 'No such resource on offer' using errcode = 'P0002', hint = 'sharing_not_found';
	end if;
	if owner = acting then
		raise exception 'An organisation does not borrow its own resource' using errcode = '22023',
			hint = 'booking_own_resource';
	end if;
	if starts is null or ends is null or ends <= starts or ends - starts > interval '366 days' then
		raise exception 'A booking ends after it starts, within a year' using errcode = '22023', hint = 'booking_span_invalid';
	end if;
	if starts < public.clock() then
		raise exception 'A booking starts in the future' using errcode = '22023', hint = 'booking_in_past';
	end if;
	if exists (select 1 from public.resource_bookings b where b.resource_id = resource and b.state = 'confirmed'
		and b.span && tstzrange(starts, ends)) then
		raise exception 'The resource is booked then' using errcode = '23P01', hint = 'booking_overlaps';
	end if;
	begin
		insert into public.resource_bookings (resource_id, organisation_id, span, message, state, requested_by,
			requested_at, decided_at)
		values (resource, acting, tstzrange(starts, ends), btrim(coalesce(message, '')),
			case when confirmed then 'confirmed' else 'requested' end::public.booking_state, (select auth.uid()),
			public.clock(), case when confirmed then public.clock() end)
		returning id into requested;
	exception
		when exclusion_violation then
			raise exception 'The resource is booked then' using errcode = '23P01', hint = 'booking_overlaps';
	end;
	perform public.notify_booking(requested, owner, case when confirmed then 'booking_confirmed' else 'booking_requested' end);
	if confirmed then
		perform public.notify_booking(requested, acting, 'booking_confirmed');
	end if;
	return requested;
end;
$$;

-- The owner confirms a requested booking or declines it with a reason (3–500 characters).
-- A confirmation that overlaps another confirmed booking of the resource is refused by
-- the exclusion constraint; confirmations of one resource take turns on its row (as
-- request_booking does), so the later one finds the earlier committed and is refused.
create function public.decide_booking(booking uuid, confirm boolean, reason text) returns void
language plpgsql security definer set search_path = '' as $$
declare
	acting uuid := public.check_acting_organisation();
	item record;
begin
	perform 1 from public.shared_resources r join public.resource_bookings b on b.resource_id = r.id
	where b.id = booking for no key update of r;
	select b.id, b.state, b.organisation_id as borrower into item from public.resource_bookings b
	join public.shared_resources r on r.id = b.resource_id
	where b.id = booking and r.organisation_id = acting for update of b;
	if not found then
		raise exception 'Not a booking of this organisation''s resources' using errcode = 'P0002',
			hint = 'sharing_not_found';
	end if;
	if item.state <> 'requested' then
		raise exception 'This booking was decided or withdrawn' using errcode = '55000', hint = 'booking_not_requested';
	end if;
	if not confirm and char_length(btrim(coalesce(reason, ''))) not between 3 and 500 then
		raise exception 'A reason of 3 to 500 characters' using errcode = '22023', hint = 'booking_reason_required';
	end if;
	begin
		update public.resource_bookings
		set state = case when confirm then 'confirmed' else 'declined' end::public.booking_state,
			decline_reason = case when confirm then null else btrim(reason) end,
			decided_by = (select auth.uid()), decided_at = public.clock()
		where id = booking;
	exception
		when exclusion_violation then
			raise exception 'The resource is booked then' using errcode = '23P01', hint = 'booking_overlaps';
	end;
	perform public.notify_booking(booking, item.borrower,
		case when confirm then 'booking_confirmed' else 'booking_declined' end,
		case when confirm then null else btrim(reason) end);
end;
$$;

-- The borrower withdraws a booking, requested or confirmed, before it starts.
create function public.withdraw_booking(booking uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
	acting uuid := public.check_acting_organisation();
	item record;
begin
	select b.state, lower(b.span) as starts, r.organisation_id as owner into item
	from public.resource_bookings b join public.shared_resources r on r.id = b.resource_id
	where b.id = booking and b.organisation_id = acting for update of b;
	if not found then
		raise exception 'Not a booking of this organisation' using errcode = 'P0002', hint = 'sharing_not_found';
	end if;
	if item.state not in ('requested', 'confirmed') or item.starts <= public.clock() then
		raise exception 'Only a booking not yet begun is withdrawn' using errcode = '55000',
			hint = 'booking_not_withdrawable';
	end if;
	update public.resource_bookings set state = 'withdrawn', withdrawn_at = public.clock() where id = booking;
	perform public.notify_booking(booking, item.owner, 'booking_withdrawn');
end;
$$;

-- What an organisation gave and received: confirmed bookings of its resources, and its
-- own confirmed bookings of others', for everyone who may see the organisation.
create function public.sharing_figures(organisation uuid)
returns table (given integer, received integer, resources integer)
language sql stable security definer set search_path = '' as $$
	select
		(select count(*) from public.resource_bookings b join public.shared_resources r on r.id = b.resource_id
			where r.organisation_id = o.id and b.state = 'confirmed')::int,
		(select count(*) from public.resource_bookings b where b.organisation_id = o.id and b.state = 'confirmed')::int,
		(select count(*) from public.shared_resources r where r.organisation_id = o.id and r.withdrawn_at is null)::int
	from public.organisations o
	where o.id = organisation and (o.verified_at is not null or public.is_admin());
$$;

revoke execute on function public.check_acting_organisation(), public.notify_booking(uuid, uuid, text, text)
	from public, anon, authenticated;
revoke execute on function
	public.offer_resource(public.resource_kind, text, text, text, text, text, uuid, boolean),
	public.post_resource_request(public.resource_kind, text, text, text),
	public.withdraw_resource(uuid), public.close_resource_request(uuid),
	public.request_booking(uuid, timestamptz, timestamptz, text), public.decide_booking(uuid, boolean, text),
	public.withdraw_booking(uuid), public.sharing_figures(uuid)
	from public, anon;
grant execute on function
	public.offer_resource(public.resource_kind, text, text, text, text, text, uuid, boolean),
	public.post_resource_request(public.resource_kind, text, text, text),
	public.withdraw_resource(uuid), public.close_resource_request(uuid),
	public.request_booking(uuid, timestamptz, timestamptz, text), public.decide_booking(uuid, boolean, text),
	public.withdraw_booking(uuid)
	to authenticated;
grant execute on function public.sharing_figures(uuid) to anon, authenticated;
