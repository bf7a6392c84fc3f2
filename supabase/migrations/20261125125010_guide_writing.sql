-- Guides, part 2: writing them. Every change to a guide goes through these functions,
-- which hold the rules; the tables, their policies and triggers are in part 1
-- (20261125125000_guides.sql).

-- Who may write in the community: a member of it, not suspended there. Edits count against
-- the editing limit of questions and answers (limit_edits, …_questions_and_answers.sql).
create function public.check_guide_writer(community uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
	if (select auth.uid()) is null or not public.is_community_member(community) then
		raise exception 'Only members of the community write its guides' using errcode = '42501', hint = 'guide_members_only';
	end if;
	if (public.suspension_in(community)).id is not null then
		raise exception 'Suspended in this community' using errcode = '42501', hint = 'moderation_suspended';
	end if;
	if not public.take_rate_limit('edit', (select auth.uid())::text, 20, interval '10 minutes') then
		raise exception 'rate_limited: too many edits' using errcode = 'P0001', hint = 'rate_limited_edits';
	end if;
end;
$$;

-- The guide an edit or a check is written on, locked against another at the same time;
-- none when it is hidden or removed (its moderators revert it instead).
create function public.shown_guide_locked(guide uuid) returns public.guides
language plpgsql security definer set search_path = '' as $$
declare
	g public.guides;
begin
	select * into g from public.guides where id = guide and held_at is null and removed_at is null for update;
	if not found then
		raise exception 'No such guide' using errcode = 'P0002', hint = 'guide_not_found';
	end if;
	return g;
end;
$$;

-- A new guide from one to five questions of one community that readers see; returns its id.
create function public.draft_guide(thread_ids uuid[], title text, body text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	community uuid;
	created uuid;
begin
	if cardinality(thread_ids) not between 1 and 5 or (
		select count(distinct t.community_id) <> 1 or count(*) <> cardinality(thread_ids)
		from public.threads t
		where t.id = any (thread_ids) and t.held_at is null and t.removed_at is null and t.withdrawn_at is null
	) then
		raise exception 'A guide cites one to five shown questions of one community'
			using errcode = '22023', hint = 'guide_threads_invalid';
	end if;
	select t.community_id into community from public.threads t where t.id = thread_ids[1];
	perform public.check_guide_writer(community);
	-- A guide carries its writer's name: citing a question one asked anonymously would say who asked it.
	if exists (
		select 1 from public.threads t
		where t.id = any (thread_ids) and t.is_anonymous and t.author_id = (select auth.uid())
	) then
		raise exception 'A guide under one''s name cannot cite one''s own anonymous question'
			using errcode = '42501', hint = 'guide_own_anonymous';
	end if;
	insert into public.guides (community_id, created_by, title)
	values (community, (select auth.uid()), draft_guide.title) returning id into created;
	insert into public.guide_versions (guide_id, number, title, body_markdown, author_id)
	values (created, 1, draft_guide.title, body, (select auth.uid()));
	insert into public.guide_threads (guide_id, thread_id)
	select created, t from unnest(thread_ids) t on conflict do nothing;
	return created;
end;
$$;

-- The guide's next version, by the signed-in member, as its newest (the HTML from the app's
-- renderer: set_body_html); returns its number. For edit_guide and revert_guide, which lock
-- the guide and check who may first.
create function public.add_guide_version(g public.guides, title text, body text, reverted_to integer default null)
returns integer
language plpgsql security definer set search_path = '' as $$
begin
	insert into public.guide_versions (guide_id, number, title, body_markdown, author_id, reverted_to)
	values (g.id, g.version + 1, add_guide_version.title, body, (select auth.uid()), add_guide_version.reverted_to);
	update public.guides set version = g.version + 1, title = add_guide_version.title, updated_at = public.clock()
	where id = g.id;
	return g.version + 1;
end;
$$;

-- The next version, written on the version the writer read (based_on): another edit in
-- between is refused, so nobody overwrites what they did not see. The same text again
-- makes no version. Returns the newest version's number.
create function public.edit_guide(guide uuid, based_on integer, title text, body text) returns integer
language plpgsql security definer set search_path = '' as $$
declare
	g public.guides;
	now_text public.guide_versions;
begin
	g := public.shown_guide_locked(guide);
	perform public.check_guide_writer(g.community_id);
	if g.version <> based_on then
		raise exception 'The guide changed meanwhile' using errcode = '40001', hint = 'guide_changed';
	end if;
	select * into now_text from public.guide_versions v where v.guide_id = guide and v.number = g.version;
	if now_text.title = edit_guide.title and now_text.body_markdown = body then
		-- Nothing to write: the HTML handed over for this text is not needed either.
		perform public.discard_rendered(body);
		return g.version;
	end if;
	return public.add_guide_version(g, edit_guide.title, body);
end;
$$;

-- A moderator of the community brings an earlier version's text back, as a new version.
create function public.revert_guide(guide uuid, to_number integer) returns integer
language plpgsql security definer set search_path = '' as $$
declare
	g public.guides;
	earlier public.guide_versions;
begin
	select * into g from public.guides where id = guide for update;
	if not found or not public.is_moderator(g.community_id) then
		raise exception 'Only the community''s moderators revert guides' using errcode = '42501', hint = 'moderation_not_moderator';
	end if;
	select * into earlier from public.guide_versions v where v.guide_id = guide and v.number = to_number;
	if not found or to_number = g.version then
		raise exception 'No earlier version with that number' using errcode = '22023', hint = 'guide_version_invalid';
	end if;
	return public.add_guide_version(g, earlier.title, earlier.body_markdown, to_number);
end;
$$;

-- A verified counsellor checks the newest version (the one they read: number).
create function public.review_guide(guide uuid, number integer) returns void
language plpgsql security definer set search_path = '' as $$
declare
	g public.guides;
begin
	if not exists (
		select 1 from public.counsellor_profiles p
		where p.member_id = (select auth.uid()) and p.withdrawn_at is null
	) or not public.is_counsellor() then
		raise exception 'Only verified professionals check guides' using errcode = '42501', hint = 'guide_professionals_only';
	end if;
	g := public.shown_guide_locked(guide);
	if g.version <> review_guide.number then
		raise exception 'The guide changed meanwhile' using errcode = '40001', hint = 'guide_changed';
	end if;
	insert into public.guide_reviews (guide_id, number, reviewer_id)
	values (guide, review_guide.number, (select auth.uid())) on conflict do nothing;
end;
$$;

-- A signed-in reader marks a guide helpful, or takes the mark back; one mark per member.
create function public.mark_guide_helpful(guide uuid, helpful boolean) returns void
language plpgsql security definer set search_path = '' as $$
declare
	community uuid;
	changed integer;
begin
	select g.community_id into community from public.guides g
	where g.id = guide and g.held_at is null and g.removed_at is null for update;
	if (select auth.uid()) is null or community is null then
		raise exception 'Only members mark guides helpful' using errcode = '42501';
	end if;
	if (public.suspension_in(community)).id is not null then
		raise exception 'Suspended in this community' using errcode = '42501', hint = 'moderation_suspended';
	end if;
	if helpful then
		insert into public.guide_helpful_marks (guide_id, member_id) values (guide, (select auth.uid()))
		on conflict do nothing;
	else
		delete from public.guide_helpful_marks m where m.guide_id = guide and m.member_id = (select auth.uid());
	end if;
	get diagnostics changed = row_count;
	update public.guides set helpful_count = helpful_count + case when helpful then changed else -changed end
	where id = guide;
end;
$$;

revoke execute on function public.check_guide_writer(uuid), public.draft_guide(uuid[], text, text),
	public.edit_guide(uuid, integer, text, text), public.revert_guide(uuid, integer),
	public.review_guide(uuid, integer), public.mark_guide_helpful(uuid, boolean) from public, anon;
revoke execute on function public.check_guide_writer(uuid), public.shown_guide_locked(uuid),
	public.add_guide_version(public.guides, text, text, integer) from public, anon, authenticated;
grant execute on function public.draft_guide(uuid[], text, text), public.edit_guide(uuid, integer, text, text),
	public.revert_guide(uuid, integer), public.review_guide(uuid, integer),
	public.mark_guide_helpful(uuid, boolean) to authenticated;
