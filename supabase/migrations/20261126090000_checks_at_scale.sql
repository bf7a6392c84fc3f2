-- The checks every page and policy asks, often many times per request (README,
-- "Performance"). An SQL function that cannot be inlined (security definer, or a
-- search_path of its own) is planned anew on every call in Postgres 17; PL/pgSQL keeps
-- each statement's plan for the connection. What each check answers is unchanged.

create or replace function public.clock() returns timestamptz
language plpgsql stable set search_path = '' as $$
begin
	return coalesce(nullif(current_setting('ratnetz.clock', true), '')::timestamptz, now());
end;
$$;

create or replace function public.session_is_active() returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return exists (
		select 1 from auth.sessions
		where id = nullif((select auth.jwt()) ->> 'session_id', '')::uuid
			and user_id = (select auth.uid())
			and (not_after is null or not_after > now())
	);
end;
$$;

create or replace function public.is_moderator(community uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return exists (
		select 1 from public.community_moderators
		where community_id = community and member_id = (select auth.uid())
	);
end;
$$;

create or replace function public.is_community_member(community uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return exists (
		select 1 from public.community_members
		where community_id = community and member_id = (select auth.uid())
	);
end;
$$;

create or replace function public.is_thread_author(thread uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return exists (select 1 from public.threads where id = thread and author_id = (select auth.uid()));
end;
$$;

create or replace function public.is_post_author(post uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return exists (select 1 from public.posts where id = post and author_id = (select auth.uid()));
end;
$$;

create or replace function public.serves_community(community uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return exists (
		select 1 from public.members m
		join public.counsellor_profiles p on p.member_id = m.id and p.withdrawn_at is null
		where m.id = (select auth.uid()) and m.site_role = 'counsellor'
			and (p.serves_all or exists (
				select 1 from public.counsellor_communities cc
				where cc.member_id = m.id and cc.community_id = community
			))
	);
end;
$$;

create or replace function public.can_safeguard(community uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return public.serves_community(community) or public.is_moderator(community);
end;
$$;

create or replace function public.can_review_held(thread uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return exists (select 1 from public.threads t where t.id = thread and public.can_safeguard(t.community_id));
end;
$$;

-- The signed-in member's posts in a thread: asked once per page, not once per post.
create function public.my_posts_in(thread uuid) returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
begin
	return array(select id from public.posts where thread_id = thread and author_id = (select auth.uid()));
end;
$$;
