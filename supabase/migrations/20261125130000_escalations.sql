-- Escalation to professionals, part 1: a clock tests can move, verified counsellors
-- and the communities they serve, each community's escalation settings, and the
-- escalations themselves with their history and internal notes.

-- "Now" for due times, overdue items, waiting times and figures. Tests move it for
-- one transaction with `select set_config('ratnetz.clock', '<timestamptz>', true)`;
-- without that setting it is now(). Only the server runs SQL, so members cannot set it.
create function public.clock() returns timestamptz
language sql stable set search_path = '' as $$
	select coalesce(nullif(current_setting('ratnetz.clock', true), '')::timestamptz, now());
$$;

-- Counsellors ------------------------------------------------------------------
-- What the professional badge shows, and which communities a counsellor serves
-- (all of them, or those listed in counsellor_communities).
create table public.counsellor_profiles (
	member_id uuid primary key references public.members (id) on delete cascade,
	profession text not null check (char_length(btrim(profession)) between 2 and 80),
	organisation text not null check (char_length(btrim(organisation)) between 2 and 120),
	serves_all boolean not null default false,
	verified_by uuid references public.members (id) on delete set null,
	verified_at timestamptz not null default now(),
	-- Kept after withdrawal, so earlier professional answers still say who wrote them.
	withdrawn_at timestamptz
);

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
	community_ids uuid[],
	reason text,
	acted_by uuid references public.members (id) on delete set null,
	acted_at timestamptz not null default now()
);
create index counsellor_verifications_member_idx on public.counsellor_verifications (member_id, acted_at desc);

-- A verified counsellor: the site role that verify_counsellor sets (with a profile)
-- and withdraw_counsellor takes away.
create or replace function public.is_counsellor() returns boolean
language sql stable security definer set search_path = '' as $$
	select exists (
		select 1 from public.members where id = (select auth.uid()) and site_role = 'counsellor'
	);
$$;

-- Check that the signed-in member is a verified counsellor serving the given community.
create function public.serves_community(community uuid) returns boolean
language sql stable security definer set search_path = '' as $$
	select exists (
		select 1 from public.members m
		join public.counsellor_profiles p on p.member_id = m.id and p.withdrawn_at is null
		where m.id = (select auth.uid()) and m.site_role = 'counsellor'
			and (p.serves_all or exists (
				select 1 from public.counsellor_communities cc
				where cc.member_id = m.id and cc.community_id = community
			))
	);
$$;

-- Check that the signed-in member may look after people's safety in the given
-- community (reveal anonymous authors, release held posts): a counsellor serving
-- it or one of its moderators.
create function public.can_safeguard(community uuid) returns boolean
language sql stable security definer set search_path = '' as $$
	select public.serves_community(community) or public.is_moderator(community);
$$;

-- Community settings -------------------------------------------------------------
create type public.crisis_policy as enum ('publish', 'hold');
alter table public.communities
	add column escalation_waiting_time interval not null default '48 hours'
		check (escalation_waiting_time between interval '1 hour' and interval '30 days'),
	add column escalation_due_urgent interval not null default '1 hour'
		check (escalation_due_urgent between interval '5 minutes' and interval '30 days'),
	add column escalation_due_high interval not null default '24 hours'
		check (escalation_due_high between interval '5 minutes' and interval '30 days'),
	add column escalation_due_normal interval not null default '48 hours'
		check (escalation_due_normal between interval '5 minutes' and interval '30 days'),
	add column crisis_policy public.crisis_policy not null default 'publish';
-- The existing policy lets admins and the community's moderators change these.
grant update (escalation_waiting_time, escalation_due_urgent, escalation_due_high,
	escalation_due_normal, crisis_policy) on public.communities to authenticated;

-- Escalations --------------------------------------------------------------------
-- Enum order is queue order: urgent first.
create type public.escalation_priority as enum ('urgent', 'high', 'normal');
create type public.escalation_state as enum ('open', 'claimed', 'resolved');
create type public.escalation_trigger as enum ('asker_request', 'flag', 'crisis', 'unanswered');
create type public.escalation_outcome as enum ('answered_publicly', 'referred', 'no_action', 'duplicate');
create type public.escalation_event_kind as enum (
	'opened', 'triggered', 'raised', 'claimed', 'released', 'noted', 'answered',
	'resolved', 'reopened', 'content_released'
);

create table public.escalations (
	id uuid primary key default gen_random_uuid(),
	thread_id uuid not null references public.threads (id) on delete cascade,
	-- The thread's community, kept here for policies and filters (see sync below).
	community_id uuid not null references public.communities (id) on delete cascade,
	priority public.escalation_priority not null,
	state public.escalation_state not null default 'open',
	opened_at timestamptz not null default public.clock(),
	due_at timestamptz not null,
	claimed_by uuid references public.members (id) on delete set null,
	claimed_at timestamptz,
	resolved_by uuid references public.members (id) on delete set null,
	resolved_at timestamptz,
	outcome public.escalation_outcome,
	referred_service text check (char_length(referred_service) <= 200),
	duplicate_of uuid references public.threads (id) on delete set null,
	-- claimed_by becomes null when the counsellor's account is deleted; anyone may claim it then.
	check (state <> 'claimed' or claimed_at is not null),
	check ((state = 'resolved') = (outcome is not null and resolved_at is not null)),
	check (outcome is distinct from 'referred' or char_length(btrim(referred_service)) > 0)
);
-- One open (or claimed) escalation per thread; further triggers add to it.
create unique index escalations_one_open_per_thread on public.escalations (thread_id) where state <> 'resolved';
create index escalations_queue_idx on public.escalations (community_id, state, priority, due_at);
create index escalations_claimed_by_idx on public.escalations (claimed_by) where claimed_by is not null;

-- Every step of an item: its triggers, claims, notes, answers, resolution.
create table public.escalation_events (
	id bigint generated always as identity primary key,
	escalation_id uuid not null references public.escalations (id) on delete cascade,
	kind public.escalation_event_kind not null,
	trigger public.escalation_trigger,
	priority public.escalation_priority,
	outcome public.escalation_outcome,
	-- The counsellor or moderator who acted; null for triggers, so the history never
	-- names the author of anonymous content or a member who flagged it.
	actor_id uuid references public.members (id) on delete set null,
	post_id uuid references public.posts (id) on delete set null,
	detail text check (char_length(detail) <= 2000),
	at timestamptz not null default public.clock()
);
create index escalation_events_escalation_idx on public.escalation_events (escalation_id, at, id);

-- Internal notes: for counsellors only, never for members.
create table public.escalation_notes (
	id bigint generated always as identity primary key,
	escalation_id uuid not null references public.escalations (id) on delete cascade,
	author_id uuid references public.members (id) on delete set null,
	body text not null check (char_length(btrim(body)) between 1 and 4000),
	created_at timestamptz not null default public.clock()
);
create index escalation_notes_escalation_idx on public.escalation_notes (escalation_id, created_at, id);

-- Threads are never moved without their escalations.
create function public.sync_escalation_community() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	update public.escalations set community_id = new.community_id where thread_id = new.id;
	return null;
end;
$$;
create trigger sync_escalation_community after update of community_id on public.threads
for each row when (old.community_id is distinct from new.community_id)
execute function public.sync_escalation_community();

-- How long a community gives its counsellors for an item of the given priority.
create function public.escalation_due(community uuid, priority public.escalation_priority) returns interval
language sql stable security definer set search_path = '' as $$
	select case priority
		when 'urgent' then c.escalation_due_urgent
		when 'high' then c.escalation_due_high
		else c.escalation_due_normal end
	from public.communities c where c.id = community;
$$;

-- Opens the thread's escalation, or adds the trigger to the open one and raises its
-- priority (and brings its due time forward) when the new trigger is more urgent.
-- Only triggers call this; concurrent triggers on one thread meet at the unique index.
create function public.open_escalation(
	target_thread uuid, wanted public.escalation_priority, cause public.escalation_trigger,
	detail text default null, post uuid default null
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	existing public.escalations;
	community uuid;
	opened uuid;
begin
	select t.community_id into community from public.threads t where t.id = target_thread;
	loop
		select * into existing from public.escalations e
		where e.thread_id = target_thread and e.state <> 'resolved' for update;
		if found then
			if wanted < existing.priority then
				update public.escalations e
				set priority = wanted, due_at = least(e.due_at, public.clock() + public.escalation_due(community, wanted))
				where e.id = existing.id;
			end if;
			insert into public.escalation_events (escalation_id, kind, trigger, priority, post_id, detail)
			values (existing.id, case when wanted < existing.priority then 'raised' else 'triggered' end
				::public.escalation_event_kind, cause, least(wanted, existing.priority), post, detail);
			return existing.id;
		end if;
		insert into public.escalations (thread_id, community_id, priority, due_at)
		values (target_thread, community, wanted, public.clock() + public.escalation_due(community, wanted))
		on conflict (thread_id) where state <> 'resolved' do nothing
		returning id into opened;
		if opened is not null then
			insert into public.escalation_events (escalation_id, kind, trigger, priority, post_id, detail)
			values (opened, 'opened', cause, wanted, post, detail);
			return opened;
		end if;
	end loop;
end;
$$;

-- The asker asked for a professional.
create function public.escalate_asker_request() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	perform public.open_escalation(new.id, 'high', 'asker_request');
	return null;
end;
$$;
create trigger escalate_asker_request after insert on public.threads
for each row when (new.wants_professional) execute function public.escalate_asker_request();

-- Policies --------------------------------------------------------------------------
alter table public.counsellor_profiles enable row level security;
alter table public.counsellor_communities enable row level security;
alter table public.counsellor_verifications enable row level security;
alter table public.escalations enable row level security;
alter table public.escalation_events enable row level security;
alter table public.escalation_notes enable row level security;

create policy "Counsellor badges are visible to everyone" on public.counsellor_profiles
	for select to anon, authenticated using (true);
create policy "Who serves which community is visible to everyone" on public.counsellor_communities
	for select to anon, authenticated using (true);
create policy "Admins read the verification log" on public.counsellor_verifications
	for select to authenticated using ((select public.is_admin()));

create policy "Counsellors serving the community see its escalations" on public.escalations
	for select to authenticated using (public.serves_community(community_id));
create policy "Counsellors serving the community see the history" on public.escalation_events
	for select to authenticated using (exists (
		select 1 from public.escalations e where e.id = escalation_id and public.serves_community(e.community_id)
	));
create policy "Counsellors serving the community read internal notes" on public.escalation_notes
	for select to authenticated using (exists (
		select 1 from public.escalations e where e.id = escalation_id and public.serves_community(e.community_id)
	));

-- Everything changes through the functions of the next migrations.
revoke all on public.counsellor_profiles, public.counsellor_communities, public.counsellor_verifications,
	public.escalations, public.escalation_events, public.escalation_notes from anon, authenticated;
grant select on public.counsellor_profiles, public.counsellor_communities to anon, authenticated;
grant select on public.counsellor_verifications, public.escalations, public.escalation_events,
	public.escalation_notes to authenticated;
-- Pages ask every viewer whether a thread has an open escalation; visitors see none.
grant select on public.escalations to anon;

revoke execute on function public.sync_escalation_community(), public.escalate_asker_request(),
	public.open_escalation(uuid, public.escalation_priority, public.escalation_trigger, text, uuid),
	public.escalation_due(uuid, public.escalation_priority)
	from public, anon, authenticated;
