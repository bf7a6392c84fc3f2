-- Community moderation, part 1b: what moderators and members read — the author's
-- history with the community's moderators, the author's suspension, the mod log as
-- members see it, and the moderators' figures. Tables and policies are in part 1
-- (20261125130000_moderation.sql).

-- Whether moderators see the author of an item only as "an anonymous author": its
-- thread or post is anonymous and the signed-in moderator has not revealed who wrote it
-- (an audited reveal, reveal_author). What they read about that author then stays on the
-- same side: the author's history and suspensions from their anonymous posts only, and
-- for a named item nothing from the anonymous ones, so that no entry, date or count
-- links an anonymous post to its author's named ones.
create function public.item_author_unnamed(thread uuid, post uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return coalesce((select p.is_anonymous from public.posts p where p.id = post),
			(select t.is_anonymous from public.threads t where t.id = thread), false)
		and not public.revealed_to_me(thread, post);
end;
$$;

-- What moderators did about the author of an item in this community lately: removals,
-- edits and warnings of their posts, suspensions, as item_author_unnamed allows. The
-- author stays unnamed.
create function public.moderation_author_history(item uuid)
returns table (action public.moderation_action, at timestamptz, reason text, thread_id uuid, post_id uuid)
language plpgsql stable security definer set search_path = '' as $$
declare
	target record;
	author uuid;
	unnamed boolean;
	revealed boolean;
begin
	select i.community_id, i.thread_id, i.post_id into target from public.moderation_items i where i.id = item;
	if target is null or not public.is_moderator(target.community_id) then
		raise exception 'Only this community''s moderators can do that' using errcode = '42501', hint = 'moderation_not_moderator';
	end if;
	author := public.author_of(target.thread_id, target.post_id);
	if author is null then
		return;
	end if;
	unnamed := public.item_author_unnamed(target.thread_id, target.post_id);
	revealed := public.revealed_to_me(target.thread_id, target.post_id);
	return query
	select l.action, l.at, l.reason, l.thread_id, l.post_id
	from public.mod_log l
	left join public.threads t on t.id = l.thread_id and l.post_id is null
	left join public.posts p on p.id = l.post_id
	where l.community_id = target.community_id
		and l.action in ('removed', 'edited', 'warned', 'suspended', 'suspension_lifted')
		and (l.member_id = author or t.author_id = author or p.author_id = author)
		and (revealed or coalesce(p.is_anonymous, t.is_anonymous, false) = unnamed)
	order by l.at desc
	limit 20;
end;
$$;

-- Until when the author of an item is suspended in its community: null when not,
-- 'infinity' when permanently; only suspensions on the item's side (item_author_unnamed).
create function public.moderation_author_suspended_until(item uuid) returns timestamptz
language plpgsql stable security definer set search_path = '' as $$
declare
	target record;
	unnamed boolean;
	revealed boolean;
begin
	select i.community_id, i.thread_id, i.post_id into target from public.moderation_items i where i.id = item;
	if target is null or not public.is_moderator(target.community_id) then
		return null;
	end if;
	unnamed := public.item_author_unnamed(target.thread_id, target.post_id);
	revealed := public.revealed_to_me(target.thread_id, target.post_id);
	return (
		select coalesce(s.ends_at, 'infinity') from public.suspensions s
		where s.community_id = target.community_id
			and s.member_id = public.author_of(target.thread_id, target.post_id)
			and s.lifted_at is null and s.starts_at <= public.clock()
			and (s.ends_at is null or s.ends_at > public.clock())
			and (revealed or s.anonymous = unnamed)
		order by s.ends_at desc nulls first
		limit 1
	);
end;
$$;

-- The suspensions in force in a community, for its moderators: a suspension for an
-- anonymous post names nobody, unless the moderator revealed who wrote it.
create function public.community_suspensions(community uuid)
returns table (id uuid, member text, reason text, starts_at timestamptz, ends_at timestamptz)
language plpgsql stable security definer set search_path = '' as $$
begin
	if not public.is_moderator(community) then
		raise exception 'Only this community''s moderators can do that' using errcode = '42501', hint = 'moderation_not_moderator';
	end if;
	return query
	select s.id, case when not s.anonymous or public.revealed_to_me(s.thread_id, s.post_id) then m.pseudonym end,
		s.reason, s.starts_at, s.ends_at
	from public.suspensions s join public.members m on m.id = s.member_id
	where s.community_id = community and s.lifted_at is null and (s.ends_at is null or s.ends_at > public.clock())
	order by s.starts_at desc;
end;
$$;

-- The mod log as members see it: targets they may see, moderators named only where the
-- community says so; suspended members are named to moderators only, and never for
-- anonymous posts: there moderators read of "an anonymous author" (anonymous_author).
create function public.community_mod_log(community uuid, before_at timestamptz default null, before_id bigint default null, page_size integer default 50)
returns table (id bigint, action public.moderation_action, at timestamptz, reason text, moderator text,
	member text, anonymous_author boolean, thread_id uuid, thread_title text, post_id uuid, suspended_until timestamptz,
	guide_id uuid, guide_title text, idea_id uuid, idea_title text)
language plpgsql stable security definer set search_path = '' as $$
declare
	moderates boolean := public.is_moderator(community);
	names boolean;
begin
	if not (moderates or public.is_community_member(community)) then
		raise exception 'Only members of this community read its log' using errcode = '42501', hint = 'moderation_log_members_only';
	end if;
	select c.mod_log_names_moderators into names from public.communities c where c.id = community;
	return query
	select l.id, l.action, l.at, l.reason,
		case when moderates or names then actor.pseudonym end,
		-- Who was suspended stays between the member and the moderators; moderators are public.
		case when moderates or l.action in ('moderator_appointed', 'moderator_removed') then target_member.pseudonym end,
		moderates and l.member_id is null and l.action in ('suspended', 'suspension_lifted', 'warned')
			and coalesce(p.is_anonymous, t.is_anonymous, false),
		l.thread_id,
		case when t.removed_at is null and t.held_at is null or moderates then t.title end,
		l.post_id, l.suspended_until,
		l.guide_id, case when g.removed_at is null and g.held_at is null or moderates then g.title end,
		l.idea_id, case when i.removed_at is null or moderates then i.title end
	from public.mod_log l
	left join public.members actor on actor.id = l.actor_id
	left join public.members target_member on target_member.id = l.member_id
	left join public.threads t on t.id = l.thread_id
	left join public.posts p on p.id = l.post_id
	left join public.guides g on g.id = l.guide_id
	left join public.service_ideas i on i.id = l.idea_id
	where l.community_id = community
		and (before_at is null or (l.at, l.id) < (before_at, before_id))
	order by l.at desc, l.id desc
	limit least(page_size, 100);
end;
$$;

-- Figures per community for its moderators.
create function public.moderation_figures(community uuid)
returns table (open_items integer, overdue_items integer, median_minutes_to_first_action double precision,
	actions jsonb)
language plpgsql stable security definer set search_path = '' as $$
begin
	if not public.is_moderator(community) then
		raise exception 'Only this community''s moderators can do that' using errcode = '42501', hint = 'moderation_not_moderator';
	end if;
	return query select
		(select count(*)::integer from public.moderation_items i where i.community_id = community and i.state = 'open'),
		(select count(*)::integer from public.moderation_items i where i.community_id = community and i.state = 'open'
			and i.opened_at < public.clock() - interval '48 hours'),
		(select round(percentile_cont(0.5) within group (order by extract(epoch from i.first_action_at - i.opened_at) / 60))
			from public.moderation_items i
			where i.community_id = community and i.first_action_at is not null
				and i.opened_at > public.clock() - interval '30 days'),
		(select coalesce(jsonb_object_agg(a.action, a.n), '{}'::jsonb) from (
			select l.action, count(*) as n from public.mod_log l
			where l.community_id = community and l.at > public.clock() - interval '30 days'
				and l.action not in ('moderator_appointed', 'moderator_removed')
			group by l.action) a);
end;
$$;

-- Moderators and members only.
revoke execute on function public.item_author_unnamed(uuid, uuid), public.moderation_author_history(uuid), public.moderation_author_suspended_until(uuid),
	public.community_suspensions(uuid), public.community_mod_log(uuid, timestamptz, bigint, integer),
	public.moderation_figures(uuid)
	from public, anon;
