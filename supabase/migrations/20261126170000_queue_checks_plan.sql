-- The communities a reader serves or moderates, asked once per statement by the
-- escalations' and flags' policies: on a thread page whose thread has an open item, on
-- every queue. As SQL functions with a search_path of their own they were planned on
-- every call (359 µs under load on the member's thread page); PL/pgSQL keeps the plan
-- (as 20261126090000_checks_at_scale.sql). What they answer is unchanged.
create or replace function public.served_communities() returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
begin
	return coalesce((
		select case when p.serves_all then array(select c.id from public.communities c)
			else array(select cc.community_id from public.counsellor_communities cc where cc.member_id = m.id) end
		from public.members m
		join public.counsellor_profiles p on p.member_id = m.id and p.withdrawn_at is null
		where m.id = (select auth.uid()) and m.site_role = 'counsellor'
	), '{}');
end;
$$;

create or replace function public.moderated_communities() returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
begin
	return array(select cm.community_id from public.community_moderators cm where cm.member_id = (select auth.uid()));
end;
$$;
