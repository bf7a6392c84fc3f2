-- Service ideas, part 2: every change people make, with its rules. The tables, policies and
-- the triggers that keep counts and states are in part 1 (20261125125100_service_ideas.sql).

-- Who takes part in a community's ideas (proposes, supports, comments): a member of it who
-- is not suspended there.
create function public.check_idea_participant(community uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
	if (select auth.uid()) is null or not public.is_community_member(community) then
		raise exception 'Only members of the community take part in its ideas'
			using errcode = '42501', hint = 'idea_members_only';
	end if;
	if (public.suspension_in(community)).id is not null then
		raise exception 'Suspended in this community' using errcode = '42501', hint = 'moderation_suspended';
	end if;
end;
$$;

-- The idea people act on, locked against another change at the same time; none when removed.
create function public.shown_idea_locked(idea uuid) returns public.service_ideas
language plpgsql security definer set search_path = '' as $$
declare
	found_idea public.service_ideas;
begin
	select * into found_idea from public.service_ideas where id = idea and removed_at is null for update;
	if not found then
		raise exception 'No such idea' using errcode = 'P0002', hint = 'idea_not_found';
	end if;
	return found_idea;
end;
$$;

-- A new idea in the community (5 per member an hour, as questions); returns its id. The
-- same form sent again (its key) gives the first idea back.
create function public.propose_service_idea(community uuid, title text, body text, key uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	created uuid;
begin
	perform public.check_idea_participant(community);
	select i.id into created from public.service_ideas i
	where i.author_id = (select auth.uid()) and i.idempotency_key = key;
	if found then
		-- Sent twice: the HTML handed over for this text is not needed either.
		perform public.discard_rendered(body);
		return created;
	end if;
	if not public.take_rate_limit('idea', (select auth.uid())::text, 5, interval '1 hour') then
		raise exception 'rate_limited: too many ideas' using errcode = 'P0001', hint = 'rate_limited';
	end if;
	insert into public.service_ideas (community_id, author_id, title, body_markdown, idempotency_key)
	values (community, (select auth.uid()), propose_service_idea.title, body, key)
	returning id into created;
	return created;
end;
$$;

-- A member supports an idea, or takes the support back; one support per member. An idea
-- answered as done or not possible takes no new supports (taking one back stays possible).
create function public.support_service_idea(idea uuid, supported boolean) returns void
language plpgsql security definer set search_path = '' as $$
declare
	found_idea public.service_ideas := public.shown_idea_locked(idea);
begin
	perform public.check_idea_participant(found_idea.community_id);
	if supported then
		if found_idea.state in ('done', 'not_possible') then
			raise exception 'This idea is decided' using errcode = '42501', hint = 'idea_closed';
		end if;
		insert into public.idea_supports (idea_id, member_id) values (idea, (select auth.uid()))
		on conflict do nothing;
	else
		delete from public.idea_supports s where s.idea_id = idea and s.member_id = (select auth.uid());
	end if;
end;
$$;

-- A comment on an idea (20 per member in 10 minutes, as answers); returns its id.
create function public.comment_on_service_idea(idea uuid, body text, key uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	community uuid := (select i.community_id from public.service_ideas i where i.id = idea and i.removed_at is null);
	created uuid;
begin
	if community is null then
		raise exception 'No such idea' using errcode = 'P0002', hint = 'idea_not_found';
	end if;
	-- The community's counsellors take part in the discussion without joining it.
	if not public.serves_community(community) then
		perform public.check_idea_participant(community);
	end if;
	select c.id into created from public.idea_comments c
	where c.author_id = (select auth.uid()) and c.idempotency_key = key;
	if found then
		-- Sent twice: the HTML handed over for this text is not needed either.
		perform public.discard_rendered(body);
		return created;
	end if;
	if not public.take_rate_limit('idea_comment', (select auth.uid())::text, 20, interval '10 minutes') then
		raise exception 'rate_limited: too many comments' using errcode = 'P0001', hint = 'rate_limited';
	end if;
	insert into public.idea_comments (idea_id, author_id, body_markdown, idempotency_key)
	values (idea, (select auth.uid()), body, key) returning id into created;
	return created;
end;
$$;

-- Who answers officially: a verified counsellor serving the community, or an admin.
-- (An answer keeps the answerer's organisation: record_organisation, …100250_organisations.sql.)
create function public.can_answer_idea(community uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return public.serves_community(community) or public.is_admin();
end;
$$;

-- An official answer: a state and its reasons. Every answer is kept; the newest is the
-- idea's state, and its supporters and author are told (apply_idea_answer).
create function public.answer_service_idea(idea uuid, state public.idea_state, reasons text) returns void
language plpgsql security definer set search_path = '' as $$
declare
	found_idea public.service_ideas := public.shown_idea_locked(idea);
begin
	if not public.can_answer_idea(found_idea.community_id) then
		raise exception 'Only the community''s professionals answer ideas officially'
			using errcode = '42501', hint = 'idea_professionals_only';
	end if;
	insert into public.idea_answers (idea_id, state, reasons, answered_by)
	values (idea, answer_service_idea.state, btrim(reasons), (select auth.uid()));
end;
$$;

-- Moderation: the community's moderators remove an idea or a comment with a reason, or
-- restore an idea; each step in the community's mod log.
create function public.check_idea_moderator(community uuid, reason text) returns void
language plpgsql security definer set search_path = '' as $$
begin
	if not public.is_moderator(community) then
		raise exception 'Only this community''s moderators can do that'
			using errcode = '42501', hint = 'moderation_not_moderator';
	end if;
	if reason is not null and char_length(btrim(reason)) not between 3 and 500 then
		raise exception 'A reason of 3 to 500 characters' using errcode = '22023', hint = 'moderation_reason_required';
	end if;
end;
$$;

create function public.remove_service_idea(idea uuid, reason text) returns void
language plpgsql security definer set search_path = '' as $$
declare
	community uuid := (select i.community_id from public.service_ideas i where i.id = idea and i.removed_at is null);
begin
	perform public.check_idea_moderator(community, coalesce(reason, ''));
	update public.service_ideas set removed_at = public.clock(), removal_reason = btrim(reason) where id = idea;
	insert into public.mod_log (community_id, action, actor_id, idea_id, reason)
	values (community, 'removed', (select auth.uid()), idea, btrim(reason));
end;
$$;

create function public.restore_service_idea(idea uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
	community uuid := (select i.community_id from public.service_ideas i where i.id = idea and i.removed_at is not null);
begin
	perform public.check_idea_moderator(community, null);
	update public.service_ideas set removed_at = null, removal_reason = null where id = idea;
	insert into public.mod_log (community_id, action, actor_id, idea_id)
	values (community, 'restored', (select auth.uid()), idea);
end;
$$;

create function public.remove_idea_comment(comment uuid, reason text) returns void
language plpgsql security definer set search_path = '' as $$
declare
	found_comment public.idea_comments;
	community uuid;
begin
	select c.* into found_comment from public.idea_comments c where c.id = comment and c.removed_at is null;
	community := (select i.community_id from public.service_ideas i where i.id = found_comment.idea_id);
	perform public.check_idea_moderator(community, coalesce(reason, ''));
	update public.idea_comments set removed_at = public.clock(), removal_reason = btrim(reason) where id = comment;
	insert into public.mod_log (community_id, action, actor_id, idea_id, reason)
	values (community, 'removed', (select auth.uid()), found_comment.idea_id, btrim(reason));
end;
$$;

revoke execute on function public.check_idea_participant(uuid), public.shown_idea_locked(uuid),
	public.check_idea_moderator(uuid, text) from public, anon, authenticated;
revoke execute on function public.propose_service_idea(uuid, text, text, uuid),
	public.support_service_idea(uuid, boolean), public.comment_on_service_idea(uuid, text, uuid),
	public.can_answer_idea(uuid), public.answer_service_idea(uuid, public.idea_state, text),
	public.remove_service_idea(uuid, text), public.restore_service_idea(uuid),
	public.remove_idea_comment(uuid, text) from public, anon;
grant execute on function public.propose_service_idea(uuid, text, text, uuid),
	public.support_service_idea(uuid, boolean), public.comment_on_service_idea(uuid, text, uuid),
	public.can_answer_idea(uuid), public.answer_service_idea(uuid, public.idea_state, text),
	public.remove_service_idea(uuid, text), public.restore_service_idea(uuid),
	public.remove_idea_comment(uuid, text) to authenticated;
