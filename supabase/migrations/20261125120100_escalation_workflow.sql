-- Escalation to professionals, part 2: working an item (claim, note, resolve, reopen),
-- and what the asker learns: a professional's answer, the item's state with its due
-- time, and every outcome. Every refusal names its reason; the hint is the message key
-- the app shows. The "unanswered" trigger is in 20261125120200_unanswered_questions.sql,
-- release and reassignment in 20261125120300_handover.sql.

-- Working an item ----------------------------------------------------------------------
-- Loads an item for a change by a counsellor serving its community, locked.
create function public.escalation_for_change(escalation uuid) returns public.escalations
language plpgsql security definer set search_path = '' as $$
declare
	item public.escalations;
begin
	select * into item from public.escalations e where e.id = escalation for update;
	if not found then
		raise exception 'Escalation not found' using errcode = 'P0002';
	end if;
	if not public.serves_community(item.community_id) then
		raise exception 'Only counsellors serving this community can work on it'
			using errcode = '42501', hint = 'escalation_not_serving';
	end if;
	return item;
end;
$$;

-- One counsellor holds an item. Of two claims at the same moment, one gets the row
-- lock first and claims; the other waits, then sees the item taken and is refused.
create function public.claim_escalation(escalation uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
	item public.escalations := public.escalation_for_change(escalation);
begin
	if item.state = 'claimed' and item.claimed_by = (select auth.uid()) then
		return;
	end if;
	if item.state = 'resolved' then
		raise exception 'This escalation is resolved; reopen it first'
			using errcode = '55000', hint = 'escalation_is_resolved';
	end if;
	if item.state = 'claimed' and item.claimed_by is not null then
		raise exception 'Another counsellor has already claimed this escalation'
			using errcode = '55000', hint = 'escalation_already_claimed';
	end if;
	update public.escalations set state = 'claimed', claimed_by = (select auth.uid()), claimed_at = public.clock()
	where id = escalation;
	insert into public.escalation_events (escalation_id, kind, actor_id) values (escalation, 'claimed', (select auth.uid()));
end;
$$;

create function public.add_escalation_note(escalation uuid, body text) returns bigint
language plpgsql security definer set search_path = '' as $$
declare
	note bigint;
begin
	perform public.escalation_for_change(escalation);
	insert into public.escalation_notes (escalation_id, author_id, body)
	values (escalation, (select auth.uid()), btrim(body)) returning id into note;
	insert into public.escalation_events (escalation_id, kind, actor_id) values (escalation, 'noted', (select auth.uid()));
	return note;
end;
$$;

-- Resolves an open item, or one the caller holds, and tells the asker. A referral names
-- the service and how to reach it; a duplicate names another thread readers can see (a
-- question's item only); "no professional action" says why, in words for the asker;
-- "answered publicly" needs a professional answer: in the thread, or a counsellor's post
-- on the idea or version of the guide since the item opened. An idea's or guide's item
-- tells the writers of the texts that raised it, with the outcome in their notification.
create function public.resolve_escalation(
	escalation uuid, outcome public.escalation_outcome, service text default null, duplicate_of uuid default null,
	contact text default null, note text default null, referred_to uuid default null
) returns void
language plpgsql security definer set search_path = '' as $$
declare
	item public.escalations := public.escalation_for_change(escalation);
	asker uuid;
	-- The directory's service referred to: its name and how to reach it.
	listed_name text;
	listed_contact text;
begin
	if item.state = 'resolved' then
		raise exception 'This escalation is already resolved' using errcode = '55000', hint = 'escalation_is_resolved';
	end if;
	if item.state = 'claimed' and item.claimed_by is distinct from (select auth.uid()) then
		raise exception 'Another counsellor holds this escalation' using errcode = '42501', hint = 'escalation_not_holder';
	end if;
	-- A service of the directory (20261125125210_service_referrals.sql) that families can
	-- see: its name stands where the counsellor wrote none, and the asker reads its hours and
	-- contact from the directory, so the counsellor's words on reaching it may stay empty.
	if outcome = 'referred' and referred_to is not null then
		select s.name || ' (' || o.name || ')',
			concat_ws(' · ', s.phone, s.email, s.website,
				nullif(concat_ws(', ', s.street, nullif(concat_ws(' ', s.postcode, s.place), '')), ''))
		into listed_name, listed_contact
		from public.services s join public.organisations o on o.id = s.organisation_id
		where s.id = referred_to and s.withdrawn_at is null and o.verified_at is not null;
		if not found then
			raise exception 'No such service in the directory' using errcode = '23514', hint = 'escalation_service_unknown';
		end if;
		service := coalesce(nullif(btrim(service), ''), left(listed_name, 200));
	end if;
	if outcome = 'referred' and char_length(btrim(coalesce(service, ''))) = 0 then
		raise exception 'Name the service the family was referred to'
			using errcode = '23514', hint = 'escalation_service_required';
	end if;
	if outcome = 'referred' and referred_to is null and char_length(btrim(coalesce(contact, ''))) < 3 then
		raise exception 'Say how the family reaches the service' using errcode = '23514', hint = 'escalation_contact_required';
	end if;
	if outcome = 'duplicate' and (item.thread_id is null or duplicate_of is null or duplicate_of = item.thread_id
		or not exists (select 1 from public.threads t where t.id = duplicate_of
			and t.held_at is null and t.removed_at is null and t.withdrawn_at is null)) then
		raise exception 'Name the thread this one duplicates' using errcode = '23514', hint = 'escalation_duplicate_required';
	end if;
	if outcome = 'no_action' and char_length(btrim(coalesce(note, ''))) < 3 then
		raise exception 'Tell the asker why no professional action is needed'
			using errcode = '23514', hint = 'escalation_note_for_asker_required';
	end if;
	if outcome = 'answered_publicly' and not exists (
		select 1 from public.posts p
		where p.thread_id = item.thread_id and p.is_professional and p.withdrawn_at is null
	) and not exists (
		select 1 from public.idea_comments c
		where c.idea_id = item.idea_id and c.created_at >= item.opened_at and c.removed_at is null
			and c.author_id in (select public.serving_counsellors(item.community_id))
	) and not exists (
		select 1 from public.guide_versions v
		where v.guide_id = item.guide_id and v.written_at >= item.opened_at
			and v.author_id in (select public.serving_counsellors(item.community_id))
	) then
		raise exception 'Answer in the thread before resolving as answered publicly'
			using errcode = '55000', hint = 'escalation_answer_first';
	end if;
	update public.escalations e
	set state = 'resolved', outcome = resolve_escalation.outcome, resolved_by = (select auth.uid()),
		resolved_at = public.clock(),
		referred_service = case when resolve_escalation.outcome = 'referred' then btrim(service) end,
		referred_contact = case when resolve_escalation.outcome = 'referred' then nullif(btrim(contact), '') end,
		referred_service_id = case when resolve_escalation.outcome = 'referred' then referred_to end,
		resolution_note = case when resolve_escalation.outcome = 'no_action' then btrim(note) end,
		duplicate_of = case when resolve_escalation.outcome = 'duplicate' then resolve_escalation.duplicate_of end
	where e.id = escalation;
	insert into public.escalation_events (escalation_id, kind, outcome, actor_id, detail)
	values (escalation, 'resolved', outcome, (select auth.uid()),
		case outcome when 'referred' then btrim(service) when 'duplicate' then duplicate_of::text
			when 'no_action' then btrim(note) end);
	-- The asker reads the outcome on the thread (asker_escalation).
	select t.author_id into asker from public.threads t where t.id = item.thread_id;
	if asker is not null and asker is distinct from (select auth.uid()) then
		insert into public.notifications (member_id, kind, thread_id, community_id)
		values (asker, 'escalation_resolved', item.thread_id, item.community_id);
	end if;
	-- An idea or guide has no asker's box: the writers of the texts that raised the item
	-- (the idea, a post on it, a guide's version) read the outcome in their notification,
	-- its key on the first line and the counsellor's words after it (notificationReason,
	-- src/lib/notification-kinds.ts). Ideas and guides are created after this file.
	if item.thread_id is null then
		insert into public.notifications (member_id, kind, idea_id, guide_id, community_id, reason)
		select distinct raised.writer, 'escalation_resolved_text', item.idea_id, item.guide_id, item.community_id,
			left(concat_ws(E'\n', outcome::text,
				case outcome when 'referred' then btrim(service) when 'no_action' then btrim(note) end,
				case when outcome = 'referred' then coalesce(nullif(btrim(contact), ''), listed_contact) end), 1000)
		from (
			select coalesce(c.author_id, v.author_id, i.author_id) as writer
			from public.escalation_events ev
			left join public.idea_comments c on c.id = ev.idea_comment_id
			left join public.guide_versions v on v.guide_id = item.guide_id and v.number = ev.guide_version
			left join public.service_ideas i on i.id = item.idea_id and ev.idea_comment_id is null
			where ev.escalation_id = item.id and ev.trigger in ('crisis', 'crisis_review')
		) raised
		where raised.writer is not null and raised.writer is distinct from (select auth.uid());
	end if;
end;
$$;

create function public.reopen_escalation(escalation uuid, reason text default null) returns void
language plpgsql security definer set search_path = '' as $$
declare
	item public.escalations := public.escalation_for_change(escalation);
begin
	if item.state <> 'resolved' then
		raise exception 'Only a resolved escalation can be reopened' using errcode = '55000', hint = 'escalation_not_resolved';
	end if;
	if exists (select 1 from public.escalations e where e.state <> 'resolved'
		and (e.thread_id = item.thread_id or e.idea_id = item.idea_id or e.guide_id = item.guide_id)) then
		raise exception 'This thread already has an open escalation' using errcode = '23505', hint = 'escalation_already_open';
	end if;
	update public.escalations
	set state = 'open', outcome = null, referred_service = null, referred_service_id = null, duplicate_of = null, resolved_by = null,
		resolved_at = null, claimed_by = null, claimed_at = null,
		due_at = public.clock() + public.escalation_due(item.community_id, item.priority)
	where id = escalation;
	insert into public.escalation_events (escalation_id, kind, actor_id, detail)
	values (escalation, 'reopened', (select auth.uid()), nullif(btrim(reason), ''));
end;
$$;

-- A professional answered: the asker is told, and the thread's open escalation
-- records the answer in its history. (Notifications: 20261125150000_notifications.sql.)
create function public.record_professional_answer() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	asker uuid;
begin
	select t.author_id into asker from public.threads t where t.id = new.thread_id;
	if asker is not null and asker is distinct from new.author_id then
		insert into public.notifications (member_id, kind, thread_id, post_id)
		values (asker, 'professional_answer', new.thread_id, new.id);
	end if;
	insert into public.escalation_events (escalation_id, kind, actor_id, post_id)
	select e.id, 'answered', new.author_id, new.id
	from public.escalations e where e.thread_id = new.thread_id and e.state <> 'resolved';
	return null;
end;
$$;
create trigger record_professional_answer after insert on public.posts
for each row when (new.is_professional) execute function public.record_professional_answer();

-- What the asker sees of the professional side of their thread (and the counsellors
-- serving its community; nobody else): the thread's item still being worked, else its
-- latest outcome. Who works on it stays with the counsellors.
create function public.asker_escalation(thread uuid)
returns table (state public.escalation_state, priority public.escalation_priority, due_at timestamptz,
	outcome public.escalation_outcome, referred_service text, referred_contact text, referred_service_id uuid,
	resolution_note text, duplicate_of uuid, duplicate_title text, professional_post_id uuid, resolved_at timestamptz)
language plpgsql stable security definer set search_path = '' as $$
begin
	if not (public.is_thread_author(thread)
		or exists (select 1 from public.threads t where t.id = thread and public.serves_community(t.community_id))) then
		return;
	end if;
	return query
	select e.state, e.priority, e.due_at, e.outcome, e.referred_service, e.referred_contact, e.referred_service_id,
		e.resolution_note,
		d.id, d.title,
		(select p.id from public.posts p
		 where p.thread_id = thread and p.is_professional and p.withdrawn_at is null and p.removed_at is null
			and p.held_at is null
		 order by p.created_at desc limit 1),
		e.resolved_at
	from public.escalations e
	left join public.threads d on d.id = e.duplicate_of and d.held_at is null and d.removed_at is null
	where e.thread_id = thread
	order by e.state = 'resolved', e.opened_at desc
	limit 1;
end;
$$;

revoke execute on function public.escalation_for_change(uuid), public.record_professional_answer()
	from public, anon, authenticated;
revoke execute on function public.claim_escalation(uuid), public.add_escalation_note(uuid, text),
	public.resolve_escalation(uuid, public.escalation_outcome, text, uuid, text, text, uuid),
	public.reopen_escalation(uuid, text), public.asker_escalation(uuid)
	from public, anon;
