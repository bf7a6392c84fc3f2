-- Community moderation, part 2: the steps moderators take. Each function checks that
-- the signed-in member moderates the thread's community (begin_moderation), writes the
-- mod log and the item's history (record_moderation) and tells whom it concerns.
-- This part: the start of every action, and removing, restoring, editing and
-- dismissing; locks, pins, moves, suspensions and warnings follow in part 2b.

-- Acting ---------------------------------------------------------------------------------
-- The start of every action on a thread, post or guide: the signed-in member must moderate
-- its community; when acting from a queue item, the item must be as the moderator saw it.
create function public.begin_moderation(thread uuid, item uuid, seen_version integer, guide uuid default null)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	community uuid := coalesce((select g.community_id from public.guides g where g.id = guide),
		(select t.community_id from public.threads t where t.id = thread));
	current_version integer;
begin
	if community is null then
		raise exception 'No such thread' using errcode = '22023', hint = 'moderation_not_found';
	end if;
	if not public.is_moderator(community) then
		raise exception 'Only this community''s moderators can do that' using errcode = '42501', hint = 'moderation_not_moderator';
	end if;
	if item is not null then
		select i.version into current_version from public.moderation_items i
		where i.id = item and (i.thread_id = thread or i.guide_id = guide) for update;
		if current_version is null then
			raise exception 'No such item' using errcode = '22023', hint = 'moderation_not_found';
		end if;
		if seen_version is not null and seen_version <> current_version then
			raise exception 'Someone else handled this item meanwhile' using errcode = '40001', hint = 'moderation_already_handled';
		end if;
	end if;
	return community;
end;
$$;

-- The item an action on a thread or post belongs to: the one named, else the open one.
create function public.item_for(thread uuid, post uuid, item uuid) returns uuid
language sql stable security definer set search_path = '' as $$
	select coalesce(item, (select i.id from public.moderation_items i
		where i.thread_id = thread and i.post_id is not distinct from post and i.state = 'open'));
$$;

-- Closes the item with a resolution and decides its flags; flaggers are told.
create function public.resolve_moderation_item(item uuid, resolution public.moderation_resolution) returns void
language plpgsql security definer set search_path = '' as $$
declare
	target record;
begin
	update public.moderation_items
	set state = 'resolved', resolution = resolve_moderation_item.resolution, resolved_at = public.clock(),
		resolved_by = auth.uid(), first_action_at = coalesce(first_action_at, public.clock())
	where id = item and state = 'open'
	returning thread_id, post_id, guide_id, community_id into target;
	if target is null then
		return;
	end if;
	with decided as (
		update public.flags f set decision = resolution, decided_at = public.clock()
		where f.decision is null and f.reason <> 'needs_professional'
			and (f.post_id = target.post_id or f.guide_id = target.guide_id
				or (target.post_id is null and f.thread_id = target.thread_id))
		returning f.flagger_id
	)
	insert into public.notifications (member_id, kind, thread_id, post_id, guide_id, community_id, reason)
	select distinct d.flagger_id, 'flag_decided', target.thread_id, target.post_id, target.guide_id,
		target.community_id, resolution::text
	from decided d where d.flagger_id is not null;
end;
$$;

-- Dismiss: the thread, post or guide stays; a hold by flags or approval ends.
create function public.dismiss_moderation_item(item uuid, seen_version integer, note text default null) returns void
language plpgsql security definer set search_path = '' as $$
declare
	target record;
	community uuid;
begin
	select i.thread_id, i.post_id, i.guide_id, i.state into target from public.moderation_items i where i.id = item;
	if target is null then
		raise exception 'No such item' using errcode = '22023', hint = 'moderation_not_found';
	end if;
	community := public.begin_moderation(target.thread_id, item, seen_version, target.guide_id);
	if target.state <> 'open' then
		raise exception 'This item is already resolved' using errcode = '55000', hint = 'moderation_already_handled';
	end if;
	if target.guide_id is not null then
		update public.guides set held_at = null where id = target.guide_id;
	elsif target.post_id is null then
		update public.threads set held_at = null where id = target.thread_id;
	else
		update public.posts set held_at = null where id = target.post_id;
	end if;
	perform public.record_moderation(community, 'dismissed', target.thread_id, target.post_id, null, note, item,
		null, target.guide_id);
	perform public.resolve_moderation_item(item, 'dismissed');
end;
$$;

-- Remove with a reason: hidden from readers, kept for moderators; the author is told why.
create function public.remove_content(
	thread uuid, post uuid, reason text, item uuid default null, seen_version integer default null
) returns void
language plpgsql security definer set search_path = '' as $$
declare
	community uuid;
	author uuid;
begin
	thread := coalesce(thread, public.thread_of(post));
	community := public.begin_moderation(thread, item, seen_version);
	if char_length(btrim(coalesce(reason, ''))) < 3 then
		raise exception 'A removal needs a reason' using errcode = '23514', hint = 'moderation_reason_required';
	end if;
	if post is null then
		update public.threads set removed_at = public.clock(), removal_reason = btrim(reason), held_at = null
		where id = thread and removed_at is null;
	else
		update public.posts set removed_at = public.clock(), removal_reason = btrim(reason), held_at = null
		where id = post and thread_id = thread and removed_at is null;
	end if;
	if not found then
		raise exception 'Already removed' using errcode = '55000', hint = 'moderation_already_handled';
	end if;
	item := public.item_for(thread, post, item);
	perform public.record_moderation(community, 'removed', thread, post, null, reason, item);
	perform public.resolve_moderation_item(item, 'removed');
	author := public.author_of(thread, post);
	if author is not null then
		insert into public.notifications (member_id, kind, thread_id, post_id, community_id, reason)
		values (author, 'post_removed', thread, post, community, btrim(reason));
	end if;
end;
$$;

create function public.restore_content(
	thread uuid, post uuid, reason text default null, item uuid default null, seen_version integer default null
) returns void
language plpgsql security definer set search_path = '' as $$
declare
	community uuid;
	author uuid;
begin
	thread := coalesce(thread, public.thread_of(post));
	community := public.begin_moderation(thread, item, seen_version);
	if post is null then
		update public.threads set removed_at = null, removal_reason = null where id = thread and removed_at is not null;
	else
		update public.posts set removed_at = null, removal_reason = null
		where id = post and thread_id = thread and removed_at is not null;
	end if;
	if not found then
		raise exception 'Not removed' using errcode = '55000', hint = 'moderation_not_removed';
	end if;
	item := coalesce(item, (select i.id from public.moderation_items i
		where i.thread_id = thread and i.post_id is not distinct from post order by i.opened_at desc limit 1));
	perform public.record_moderation(community, 'restored', thread, post, null, reason, item);
	update public.moderation_items set resolution = 'restored' where id = item and state = 'resolved';
	author := public.author_of(thread, post);
	if author is not null then
		insert into public.notifications (member_id, kind, thread_id, post_id, community_id, reason)
		values (author, 'post_restored', thread, post, community, nullif(btrim(reason), ''));
	end if;
end;
$$;

-- Edit out personal data: the previous text is kept in revisions (authors and moderators
-- read them). The new text's HTML is the one the app rendered for it (set_body_html).
create function public.edit_content(
	thread uuid, post uuid, new_title text, new_markdown text, reason text,
	item uuid default null, seen_version integer default null
) returns void
language plpgsql security definer set search_path = '' as $$
declare
	community uuid;
begin
	thread := coalesce(thread, public.thread_of(post));
	community := public.begin_moderation(thread, item, seen_version);
	if char_length(btrim(coalesce(reason, ''))) < 3 then
		raise exception 'An edit needs a reason' using errcode = '23514', hint = 'moderation_reason_required';
	end if;
	if post is null then
		update public.threads
		set title = coalesce(new_title, title), body_markdown = new_markdown,
			moderator_edited_at = public.clock(), held_at = null
		where id = thread and withdrawn_at is null;
	else
		update public.posts
		set body_markdown = new_markdown, moderator_edited_at = public.clock(), held_at = null
		where id = post and thread_id = thread and withdrawn_at is null;
	end if;
	if not found then
		raise exception 'Nothing to edit' using errcode = '55000', hint = 'moderation_not_found';
	end if;
	item := public.item_for(thread, post, item);
	perform public.record_moderation(community, 'edited', thread, post, null, reason, item);
	perform public.resolve_moderation_item(item, 'edited');
end;
$$;

-- Remove a guide with a reason: hidden from readers with its versions and citations, kept
-- for moderators; its first writer is told why. A guide that is wrong in places is better
-- brought back to an earlier version (revert_guide, 20261125125010_guide_writing.sql).
create function public.remove_guide(guide uuid, reason text, item uuid default null, seen_version integer default null)
returns void
language plpgsql security definer set search_path = '' as $$
declare
	community uuid := public.begin_moderation(null, item, seen_version, guide);
	writer uuid;
begin
	if char_length(btrim(coalesce(reason, ''))) < 3 then
		raise exception 'A removal needs a reason' using errcode = '23514', hint = 'moderation_reason_required';
	end if;
	update public.guides set removed_at = public.clock(), removal_reason = btrim(reason), held_at = null
	where id = guide and removed_at is null
	returning created_by into writer;
	if not found then
		raise exception 'Already removed' using errcode = '55000', hint = 'moderation_already_handled';
	end if;
	item := coalesce(item, public.open_item_of(null, null, guide));
	perform public.record_moderation(community, 'removed', null, null, null, reason, item, null, guide);
	perform public.resolve_moderation_item(item, 'removed');
	if writer is not null then
		insert into public.notifications (member_id, kind, guide_id, community_id, reason)
		values (writer, 'guide_removed', guide, community, btrim(reason));
	end if;
end;
$$;

create function public.restore_guide(guide uuid, reason text default null, item uuid default null, seen_version integer default null)
returns void
language plpgsql security definer set search_path = '' as $$
declare
	community uuid := public.begin_moderation(null, item, seen_version, guide);
	writer uuid;
begin
	update public.guides set removed_at = null, removal_reason = null where id = guide and removed_at is not null
	returning created_by into writer;
	if not found then
		raise exception 'Not removed' using errcode = '55000', hint = 'moderation_not_removed';
	end if;
	item := coalesce(item, (select i.id from public.moderation_items i
		where i.guide_id = guide order by i.opened_at desc limit 1));
	perform public.record_moderation(community, 'restored', null, null, null, reason, item, null, guide);
	update public.moderation_items set resolution = 'restored' where id = item and state = 'resolved';
	if writer is not null then
		insert into public.notifications (member_id, kind, guide_id, community_id, reason)
		values (writer, 'guide_restored', guide, community, nullif(btrim(reason), ''));
	end if;
end;
$$;

revoke execute on function public.begin_moderation(uuid, uuid, integer, uuid), public.item_for(uuid, uuid, uuid),
	public.resolve_moderation_item(uuid, public.moderation_resolution)
	from public, anon, authenticated;
-- Moderators' steps: nothing for visitors (each checks the moderator, too).
revoke execute on function public.dismiss_moderation_item(uuid, integer, text),
	public.remove_content(uuid, uuid, text, uuid, integer), public.restore_content(uuid, uuid, text, uuid, integer),
	public.edit_content(uuid, uuid, text, text, text, uuid, integer),
	public.remove_guide(uuid, text, uuid, integer), public.restore_guide(uuid, text, uuid, integer)
	from public, anon;
