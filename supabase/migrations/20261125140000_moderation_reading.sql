-- Community moderation, part 1b: what moderators and members read — the author's
-- history with the community's moderators, the author's suspension, the mod log as
-- members see it, and the moderators' figures. Tables and policies are in part 1
-- (20261125130000_moderation.sql).

-- What moderators did about the author of an item in this community lately: removals,
-- edits and warnings of their posts, suspensions. The author stays unnamed.
create function public.moderation_author_history(item uuid)
returns table (action public.moderation_action, at timestamptz, reason text, thread_id uuid, post_id uuid)
language plpgsql stable security definer set search_path = '' as $$
declare
	target record;
	author uuid;
begin
	select i.community_id, i.thread_id, i.post_id into target from public.moderation_items i where i.id = item;
	if target is null or not public.is_moderator(target.community_id) then
		raise exception 'Only this community''s moderators can do that' using errcode = '42501', hint = 'moderation_not_moderator';
	end if;
	author := public.author_of(target.thread_id, target.post_id);
	if author is null then
		return;
	end if;
	return query
	select l.action, l.at, l.reason, l.thread_id, l.post_id
	from public.mod_log l
	left join public.threads t on t.id = l.thread_id and l.post_id is null
	left join public.posts p on p.id = l.post_id
	where l.community_id = target.community_id
		and l.action in ('removed', 'edited', 'warned', 'suspended', 'suspension_lifted')
		and (l.member_id = author or t.author_id = author or p.author_id = author)
	order by l.at desc
	limit 20;
end;
$$;

-- Until when the author of an item is suspended in its community: null when not,
-- 'infinity' when permanently.
create function public.moderation_author_suspended_until(item uuid) returns timestamptz
language sql stable security definer set search_path = '' as $$
	select coalesce(s.ends_at, 'infinity')
	from public.moderation_items i
	cross join lateral public.suspension_in(i.community_id, public.author_of(i.thread_id, i.post_id)) s
	where i.id = item and public.is_moderator(i.community_id) and s.id is not null;
$$;

-- The mod log as members see it: targets they may see, moderators named only where the
-- community says so; suspended members are named to moderators only (and never for anonymous posts).
create function public.community_mod_log(community uuid, before_at timestamptz default null, before_id bigint default null, page_size integer default 50)
returns table (id bigint, action public.moderation_action, at timestamptz, reason text, moderator text,
	member text, thread_id uuid, thread_title text, post_id uuid, suspended_until timestamptz)
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
		l.thread_id,
		case when t.removed_at is null and t.held_at is null or moderates then t.title end,
		l.post_id, l.suspended_until
	from public.mod_log l
	left join public.members actor on actor.id = l.actor_id
	left join public.members target_member on target_member.id = l.member_id
	left join public.threads t on t.id = l.thread_id
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
