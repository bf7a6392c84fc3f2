-- Community moderation, part 2b: what moderators do to a thread (lock, and a locked thread
-- refuses answers; pin, move) and to an author (suspend, lift a suspension, warn), through
-- begin_moderation and record_moderation of part 2 (20261125140100_moderation_actions.sql).

-- A locked thread takes no answers, except from the community's moderators.
create function public.refuse_locked() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	if exists (select 1 from public.threads t where t.id = new.thread_id and t.locked_at is not null
		and not public.is_moderator(t.community_id)) then
		raise exception 'This thread is locked' using errcode = '42501', hint = 'moderation_thread_locked';
	end if;
	return new;
end;
$$;
create trigger refuse_locked before insert on public.posts
for each row execute function public.refuse_locked();
revoke execute on function public.refuse_locked() from public, anon, authenticated;

create function public.set_thread_locked(
	thread uuid, locked boolean, reason text default null, item uuid default null, seen_version integer default null
) returns void
language plpgsql security definer set search_path = '' as $$
declare
	community uuid := public.begin_moderation(thread, item, seen_version);
begin
	update public.threads set locked_at = case when locked then public.clock() end
	where id = thread and (locked_at is null) = locked;
	if not found then
		raise exception 'Already so' using errcode = '55000', hint = 'moderation_already_handled';
	end if;
	perform public.record_moderation(community, case when locked then 'locked' else 'unlocked' end::public.moderation_action,
		thread, null, null, reason, public.item_for(thread, null, item));
end;
$$;

create function public.set_thread_pinned(
	thread uuid, pinned boolean, reason text default null, item uuid default null, seen_version integer default null
) returns void
language plpgsql security definer set search_path = '' as $$
declare
	community uuid := public.begin_moderation(thread, item, seen_version);
begin
	update public.threads set pinned_at = case when pinned then public.clock() end
	where id = thread and (pinned_at is null) = pinned;
	if not found then
		raise exception 'Already so' using errcode = '55000', hint = 'moderation_already_handled';
	end if;
	perform public.record_moderation(community, case when pinned then 'pinned' else 'unpinned' end::public.moderation_action,
		thread, null, null, reason, public.item_for(thread, null, item));
end;
$$;

-- Move: only into another community the moderator moderates too; written to the logs
-- of both communities; the thread's items follow it.
create function public.move_thread(
	thread uuid, target_community uuid, reason text default null, item uuid default null, seen_version integer default null
) returns void
language plpgsql security definer set search_path = '' as $$
declare
	community uuid := public.begin_moderation(thread, item, seen_version);
begin
	if not exists (select 1 from public.communities c where c.id = target_community) or target_community = community then
		raise exception 'Choose another community' using errcode = '22023', hint = 'moderation_move_target';
	end if;
	if not public.is_moderator(target_community) then
		raise exception 'Only this community''s moderators can do that' using errcode = '42501', hint = 'moderation_not_moderator';
	end if;
	-- Both communities' counts follow (count_shown_threads).
	update public.threads set community_id = target_community where id = thread;
	update public.moderation_items set community_id = target_community where thread_id = thread;
	perform public.record_moderation(community, 'moved', thread, null, null, reason, public.item_for(thread, null, item));
	insert into public.mod_log (community_id, action, actor_id, thread_id, reason)
	values (target_community, 'moved', auth.uid(), thread, nullif(btrim(reason), ''));
end;
$$;

-- Suspend the author of a thread or post from the community; null duration: permanent.
create function public.suspend_author(
	thread uuid, post uuid, duration interval, reason text, item uuid default null, seen_version integer default null
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	community uuid;
	author uuid;
	anonymous boolean;
	suspension uuid;
begin
	thread := coalesce(thread, public.thread_of(post));
	community := public.begin_moderation(thread, item, seen_version);
	if char_length(btrim(coalesce(reason, ''))) < 3 then
		raise exception 'A suspension needs a reason' using errcode = '23514', hint = 'moderation_reason_required';
	end if;
	if duration is not null and duration not in ('24 hours', '72 hours', '7 days', '30 days') then
		raise exception 'Unknown duration' using errcode = '22023', hint = 'moderation_duration';
	end if;
	author := public.author_of(thread, post);
	if author is null then
		raise exception 'The author deleted their account' using errcode = '55000', hint = 'moderation_no_author';
	end if;
	if exists (select 1 from public.community_moderators cm where cm.community_id = community and cm.member_id = author) then
		raise exception 'Moderators are not suspended' using errcode = '42501', hint = 'moderation_not_for_moderators';
	end if;
	anonymous := coalesce((select p.is_anonymous from public.posts p where p.id = post),
		(select t.is_anonymous from public.threads t where t.id = thread));
	insert into public.suspensions (community_id, member_id, reason, ends_at, created_by, thread_id, post_id, anonymous)
	values (community, author, btrim(reason), public.clock() + duration, auth.uid(), thread, post, anonymous)
	returning id into suspension;
	-- The log names the member only when the post was not anonymous.
	perform public.record_moderation(community, 'suspended', thread, post, case when anonymous then null else author end,
		reason, public.item_for(thread, post, item), public.clock() + duration);
	insert into public.notifications (member_id, kind, thread_id, post_id, community_id, reason)
	values (author, 'suspension', thread, post, community, btrim(reason));
	return suspension;
end;
$$;

create function public.lift_suspension(suspension uuid, reason text default null) returns void
language plpgsql security definer set search_path = '' as $$
declare
	s public.suspensions;
begin
	select * into s from public.suspensions where id = suspension for update;
	if s.id is null or not public.is_moderator(s.community_id) then
		raise exception 'Only this community''s moderators can do that' using errcode = '42501', hint = 'moderation_not_moderator';
	end if;
	if s.lifted_at is not null then
		raise exception 'Already lifted' using errcode = '55000', hint = 'moderation_already_handled';
	end if;
	update public.suspensions set lifted_at = public.clock(), lifted_by = auth.uid() where id = suspension;
	-- As the suspension was logged: for an anonymous post, by its post, never by name.
	perform public.record_moderation(s.community_id, 'suspension_lifted', s.thread_id, s.post_id,
		case when s.anonymous then null else s.member_id end, reason, null);
end;
$$;

create function public.warn_author(
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
		raise exception 'A warning needs a reason' using errcode = '23514', hint = 'moderation_reason_required';
	end if;
	author := public.author_of(thread, post);
	if author is null then
		raise exception 'The author deleted their account' using errcode = '55000', hint = 'moderation_no_author';
	end if;
	perform public.record_moderation(community, 'warned', thread, post, null, reason, public.item_for(thread, post, item));
	insert into public.notifications (member_id, kind, thread_id, post_id, community_id, reason)
	values (author, 'warning', thread, post, community, btrim(reason));
end;
$$;

-- Moderators' steps: nothing for visitors (each checks the moderator, too).
revoke execute on function public.set_thread_locked(uuid, boolean, text, uuid, integer),
	public.set_thread_pinned(uuid, boolean, text, uuid, integer), public.move_thread(uuid, uuid, text, uuid, integer),
	public.suspend_author(uuid, uuid, interval, text, uuid, integer), public.lift_suspension(uuid, text),
	public.warn_author(uuid, uuid, text, uuid, integer)
	from public, anon;
