-- Verified counsellors: what the professional badge shows, which communities each
-- serves, the log of verifications, and the checks of who serves and who may look
-- after people's safety in a community. Escalations (the items counsellors work)
-- follow in 20261125120000_escalations.sql.

-- What the professional badge shows, and which communities a counsellor serves
-- (all of them, or those listed in counsellor_communities).
-- A duty lead ("Dienstleitung") is a counsellor an admin named to lead the service on
-- duty: they serve every community (serves_all), so they see and may work every queue,
-- take handed-over items, and are alerted when an item is overdue (escalation alerts,
-- 20261125150050_escalation_alerts.sql). Without a duty lead, admins get those alerts.
create table public.counsellor_profiles (
	member_id uuid primary key references public.members (id) on delete cascade,
	profession text not null check (char_length(btrim(profession)) between 2 and 80),
	-- The workplace the badge names, as the admin wrote it (e.g. "Erziehungsberatung Nord").
	organisation text not null check (char_length(btrim(organisation)) between 2 and 120),
	-- The verified organisation the counsellor belongs to (set_counsellor_organisation,
	-- 20261125100250_organisations.sql); kept when a verification is withdrawn and renewed.
	organisation_id uuid references public.organisations (id) on delete set null,
	serves_all boolean not null default false,
	duty_lead boolean not null default false,
	verified_by uuid references public.members (id) on delete set null,
	verified_at timestamptz not null default now(),
	-- Kept after withdrawal, so earlier professional answers still say who wrote them.
	withdrawn_at timestamptz,
	check (not duty_lead or serves_all)
);

create index counsellor_profiles_organisation_idx on public.counsellor_profiles (organisation_id)
	where organisation_id is not null;

create table public.counsellor_communities (
	member_id uuid not null references public.counsellor_profiles (member_id) on delete cascade,
	community_id uuid not null references public.communities (id) on delete cascade,
	primary key (member_id, community_id)
);
create index counsellor_communities_community_idx on public.counsellor_communities (community_id);

create type public.counsellor_verification_action as enum ('verified', 'withdrawn');
create table public.counsellor_verifications (
	id bigint generated always as identity primary key,
	member_id uuid not null references public.members (id) on delete cascade,
	action public.counsellor_verification_action not null,
	profession text,
	organisation text,
	serves_all boolean,
	duty_lead boolean,
	community_ids uuid[],
	-- Why a verification was withdrawn (withdraw_counsellor).
	reason text check (char_length(btrim(reason)) between 3 and 500),
	acted_by uuid references public.members (id) on delete set null,
	acted_at timestamptz not null default now()
);
create index counsellor_verifications_member_idx on public.counsellor_verifications (member_id, acted_at desc);

-- Check that the signed-in member is a verified counsellor serving the given community.
-- PL/pgSQL so its plan is kept (see session_is_active in 20261125100000_members.sql).
create function public.serves_community(community uuid) returns boolean
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

-- The communities the signed-in member serves as a verified counsellor (serves_community()
-- for all of them at once); empty for everyone else. The escalations' policies compare a
-- row's community with it once per statement, as with moderated_communities(): on a
-- thread page whose thread has an open item, on every queue. PL/pgSQL so its plan is
-- kept (as an SQL function it was planned on every call).
create function public.served_communities() returns uuid[]
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

-- Every verified counsellor serving the given community (serves_community() for each of
-- them): whom a new item or an alert concerns, and to whom an item may be handed.
create function public.serving_counsellors(community uuid) returns setof uuid
language sql stable security definer set search_path = '' as $$
	select p.member_id from public.counsellor_profiles p
	join public.members m on m.id = p.member_id and m.site_role = 'counsellor'
	where p.withdrawn_at is null
		and (p.serves_all or exists (
			select 1 from public.counsellor_communities cc where cc.member_id = p.member_id and cc.community_id = community
		));
$$;

-- Check that the signed-in member may look after people's safety in the given
-- community (reveal anonymous authors, release held posts): a counsellor serving
-- it or one of its moderators.
create function public.can_safeguard(community uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return public.serves_community(community) or public.is_moderator(community);
end;
$$;

-- Verification ---------------------------------------------------------------------
-- An admin verifies a member as counsellor, with what the badge shows and the
-- communities served (null: all), perhaps as duty lead (who serves all). Verifying
-- again changes profile, communities and duty.
create function public.verify_counsellor(
	target uuid, profession text, organisation text, communities uuid[] default null, duty_lead boolean default false
) returns void
language plpgsql security definer set search_path = '' as $$
declare
	previous public.site_role;
begin
	if not public.is_admin() then
		raise exception 'Only admins can verify counsellors' using errcode = '42501';
	end if;
	select site_role into previous from public.members where id = target for update;
	if not found then
		raise exception 'Member not found' using errcode = 'P0002';
	end if;
	if previous = 'admin' then
		raise exception 'An admin cannot be verified as counsellor' using errcode = '42501';
	end if;
	if duty_lead then
		communities := null;
	end if;
	if communities is not null and cardinality(communities) = 0 then
		raise exception 'Choose the communities the counsellor serves, or all of them'
			using errcode = '23514', hint = 'escalation_communities_required';
	end if;
	insert into public.counsellor_profiles as p (member_id, profession, organisation, serves_all, duty_lead, verified_by)
	values (target, btrim(profession), btrim(organisation), communities is null, duty_lead, (select auth.uid()))
	on conflict (member_id) do update
	set profession = excluded.profession, organisation = excluded.organisation, serves_all = excluded.serves_all,
		duty_lead = excluded.duty_lead, verified_by = excluded.verified_by, verified_at = now(), withdrawn_at = null;
	delete from public.counsellor_communities where member_id = target;
	insert into public.counsellor_communities (member_id, community_id)
	select distinct target, c from unnest(communities) as c;
	if previous <> 'counsellor' then
		update public.members set site_role = 'counsellor' where id = target;
		insert into public.site_role_changes (member_id, changed_by, old_role, new_role)
		values (target, (select auth.uid()), previous, 'counsellor');
	end if;
	insert into public.counsellor_verifications
		(member_id, action, profession, organisation, serves_all, duty_lead, community_ids, acted_by)
	values (target, 'verified', btrim(profession), btrim(organisation), communities is null, duty_lead, communities,
		(select auth.uid()));
end;
$$;

-- An admin withdraws a verification, with a reason. The badge stays on earlier
-- answers; items the counsellor held go back to the queue.
-- (PL/pgSQL bodies are checked when first run, so this one may release the items of
-- 20261125120000_escalations.sql, created later.)
create function public.withdraw_counsellor(target uuid, reason text) returns void
language plpgsql security definer set search_path = '' as $$
begin
	if not public.is_admin() then
		raise exception 'Only admins can withdraw a verification' using errcode = '42501';
	end if;
	if char_length(btrim(coalesce(reason, ''))) < 3 then
		raise exception 'Give a reason' using errcode = '23514', hint = 'escalation_reason_required';
	end if;
	update public.members set site_role = 'member' where id = target and site_role = 'counsellor';
	if not found then
		raise exception 'This member is not a verified counsellor' using errcode = 'P0002';
	end if;
	insert into public.site_role_changes (member_id, changed_by, old_role, new_role)
	values (target, (select auth.uid()), 'counsellor', 'member');
	update public.counsellor_profiles set withdrawn_at = now() where member_id = target;
	with released as (
		update public.escalations set state = 'open', claimed_by = null, claimed_at = null
		where claimed_by = target and state = 'claimed' returning id
	)
	insert into public.escalation_events (escalation_id, kind, actor_id, previous_holder_id, detail)
	select id, 'released', (select auth.uid()), target, 'Verification withdrawn' from released;
	insert into public.counsellor_verifications (member_id, action, reason, acted_by)
	values (target, 'withdrawn', btrim(reason), (select auth.uid()));
end;
$$;

alter table public.counsellor_profiles enable row level security;
alter table public.counsellor_communities enable row level security;
alter table public.counsellor_verifications enable row level security;

create policy "Counsellor badges are visible to everyone" on public.counsellor_profiles
	for select to anon, authenticated using (true);
create policy "Who serves which community is visible to everyone" on public.counsellor_communities
	for select to anon, authenticated using (true);
create policy "Admins read the verification log" on public.counsellor_verifications
	for select to authenticated using ((select public.is_admin()));

-- Everything changes through verify_counsellor and withdraw_counsellor.
revoke all on public.counsellor_profiles, public.counsellor_communities, public.counsellor_verifications
	from anon, authenticated;
grant select on public.counsellor_profiles, public.counsellor_communities to anon, authenticated;
grant select on public.counsellor_verifications to authenticated;

revoke execute on function public.serving_counsellors(uuid) from public, anon, authenticated;
revoke all on function public.served_communities(), public.serves_community(uuid) from public, anon;
grant execute on function public.served_communities(), public.serves_community(uuid) to authenticated;
revoke execute on function public.verify_counsellor(uuid, text, text, uuid[], boolean), public.withdraw_counsellor(uuid, text)
	from public, anon;
