-- Community proposals: members propose a community, admins approve (creating it,
-- with the proposer as its first moderator) or reject.

create type public.proposal_status as enum ('pending', 'approved', 'rejected');
create table public.community_proposals (
	id uuid primary key default gen_random_uuid(),
	proposed_by uuid references public.members (id) on delete set null,
	name text not null check (char_length(name) between 3 and 80),
	description text not null check (char_length(description) between 10 and 1000),
	topic text not null check (char_length(topic) between 2 and 60),
	region text references public.regions (ags),
	status public.proposal_status not null default 'pending',
	decided_by uuid references public.members (id) on delete set null,
	decided_at timestamptz,
	community_id uuid references public.communities (id) on delete set null,
	created_at timestamptz not null default now()
);
create index community_proposals_pending_idx on public.community_proposals (created_at) where status = 'pending';

alter table public.community_proposals enable row level security;

create policy "Proposers and admins read proposals" on public.community_proposals
	for select to authenticated using (proposed_by = (select auth.uid()) or (select public.is_admin()));
-- A proposal starts undecided: members write what they propose, the decision is the admins'.
create policy "Members propose communities" on public.community_proposals
	for insert to authenticated with check (
		proposed_by = (select auth.uid()) and status = 'pending'
		and decided_by is null and decided_at is null and community_id is null
	);
revoke all on public.community_proposals from anon, authenticated;
grant select, insert (proposed_by, name, description, topic, region) on public.community_proposals to authenticated;

-- An admin turns a proposal into a community, with the proposer as first moderator.
create function public.approve_community_proposal(proposal uuid, slug text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	p public.community_proposals;
	created uuid;
begin
	if not public.is_admin() then
		raise exception 'Only admins can approve communities' using errcode = '42501';
	end if;
	select * into p from public.community_proposals where id = proposal and status = 'pending' for update;
	if not found then
		raise exception 'This proposal was already decided' using errcode = 'P0002';
	end if;
	insert into public.communities (slug, name, description, topic, region)
	values (slug, p.name, p.description, p.topic, p.region) returning id into created;
	if p.proposed_by is not null then
		insert into public.community_members (community_id, member_id) values (created, p.proposed_by);
		insert into public.community_moderators (community_id, member_id, appointed_by)
		values (created, p.proposed_by, (select auth.uid()));
	end if;
	update public.community_proposals
	set status = 'approved', decided_by = (select auth.uid()), decided_at = now(), community_id = created
	where id = proposal;
	return created;
end;
$$;

create function public.reject_community_proposal(proposal uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
	if not public.is_admin() then
		raise exception 'Only admins can reject communities' using errcode = '42501';
	end if;
	update public.community_proposals
	set status = 'rejected', decided_by = (select auth.uid()), decided_at = now()
	where id = proposal and status = 'pending';
	if not found then
		raise exception 'This proposal was already decided' using errcode = 'P0002';
	end if;
end;
$$;

revoke execute on function public.approve_community_proposal(uuid, text), public.reject_community_proposal(uuid) from public, anon;
