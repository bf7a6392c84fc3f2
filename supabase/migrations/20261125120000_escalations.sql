-- Escalation to professionals, part 1: a clock tests can move, the escalations
-- themselves with their history and internal notes, and how a thread's escalation
-- opens or is raised. Verified counsellors and the communities they serve are in
-- 20261125100300_counsellors.sql, each community's due times in its settings
-- (20261125100200_communities.sql).

-- "Now" for due times, overdue items, waiting times and figures. Tests move it for
-- one transaction with `select set_config('ratnetz.clock', '<timestamptz>', true)`;
-- without that setting it is now(). Only the server runs SQL, so members cannot set it.
-- PL/pgSQL so its plan is kept (see session_is_active in 20261125100000_members.sql).
create function public.clock() returns timestamptz
language plpgsql stable set search_path = '' as $$
begin
	return coalesce(nullif(current_setting('ratnetz.clock', true), '')::timestamptz, now());
end;
$$;

-- Escalations --------------------------------------------------------------------
-- Enum order is queue order: urgent first.
create type public.escalation_priority as enum ('urgent', 'high', 'normal');
create type public.escalation_state as enum ('open', 'claimed', 'resolved');
-- crisis_review: a crisis subject in a harmless context (prevention, training, news), for a
-- counsellor to look at, not urgent (detect_crisis, 20261125130200_crisis.sql).
create type public.escalation_trigger as enum ('asker_request', 'flag', 'crisis', 'crisis_review', 'unanswered');
create type public.escalation_outcome as enum ('answered_publicly', 'referred', 'no_action', 'duplicate');
create type public.escalation_event_kind as enum (
	'opened', 'triggered', 'raised', 'claimed', 'released', 'reassigned', 'noted', 'answered',
	'resolved', 'reopened', 'content_released', 'alerted'
);

create table public.escalations (
	id uuid primary key default gen_random_uuid(),
	-- What the item is about: a question, or a service idea or a guide whose text holds
	-- crisis words (their foreign keys follow those tables: 20261125125000_guides.sql,
	-- 20261125125100_service_ideas.sql; escalate_crisis_text, 20261125130210_crisis_elsewhere.sql).
	thread_id uuid references public.threads (id) on delete cascade,
	idea_id uuid,
	guide_id uuid,
	-- The thread's community, kept here for policies and filters (follow_thread_community
	-- moves it with the thread).
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
	-- What the asker is told (asker_escalation, 20261125120100_escalation_workflow.sql):
	-- a referral's service and how to reach it, as the counsellor entered them, and why
	-- no professional action is needed.
	referred_service text check (char_length(referred_service) <= 200),
	referred_contact text check (char_length(referred_contact) <= 300),
	resolution_note text check (char_length(resolution_note) <= 1000),
	duplicate_of uuid references public.threads (id) on delete set null,
	-- The first claim, kept with the item (remember_first_claim), so the median time to
	-- claim reads the window's items by index instead of grouping every claim ever made.
	first_claimed_at timestamptz,
	-- The due time the overdue alert was sent for (alert_overdue_escalations): once per
	-- item and due time; a raise or a reopening sets a new due time, alerted again.
	overdue_alerted_for timestamptz,
	-- claimed_by becomes null when the counsellor's account is deleted; anyone may claim it then.
	check (num_nonnulls(thread_id, idea_id, guide_id) = 1),
	check (state <> 'claimed' or claimed_at is not null),
	check ((state = 'resolved') = (outcome is not null and resolved_at is not null)),
	check (outcome is distinct from 'referred' or char_length(btrim(referred_service)) > 0)
);
-- One open (or claimed) escalation per thread, idea or guide; further triggers add to it.
create unique index escalations_one_open_per_thread on public.escalations (thread_id) where state <> 'resolved';
create unique index escalations_one_open_per_idea on public.escalations (idea_id)
	where state <> 'resolved' and idea_id is not null;
create unique index escalations_one_open_per_guide on public.escalations (guide_id)
	where state <> 'resolved' and guide_id is not null;
-- A deleted idea or guide takes its items with it.
create index escalations_idea_idx on public.escalations (idea_id) where idea_id is not null;
create index escalations_guide_idx on public.escalations (guide_id) where guide_id is not null;
-- Deleting a member sets claimed_by to null in every item they ever held.
create index escalations_claimed_by_idx on public.escalations (claimed_by) where claimed_by is not null;
-- Indexes the pages need once the forum is large (found with EXPLAIN on the data
-- set of `npm run seed:large`; tests/integration/query-plans.spec.ts keeps them used).
-- "Has this thread ever had an escalation?" (open_unanswered_escalations, on every
-- read of the counsellors' queue): the unique index covers only unresolved ones.
create index escalations_thread_idx on public.escalations (thread_id);
-- The queues on a large forum: every read is proportional to what the queue shows or
-- to the last 30 days, never to the whole history. The counsellors' figures over the
-- last 30 days:
create index escalations_first_claim_idx on public.escalations (first_claimed_at) include (community_id, opened_at)
	where first_claimed_at is not null;
create index escalations_resolved_idx on public.escalations (resolved_at) include (community_id, opened_at)
	where state = 'resolved';
-- The queue's order (urgent first, then by due time) for the items still to work on.
create index escalations_active_idx on public.escalations (priority, due_at, id) include (community_id)
	where state <> 'resolved';
-- The same per community: a filtered queue, the heading's count and the open items per
-- community (figures) read the items still to work on of the reader's communities only,
-- never the resolved history (24 000 items on the large forum, 1 600 of them active).
create index escalations_queue_idx on public.escalations (community_id, priority, due_at, id)
	where state <> 'resolved';
-- Each counsellor's load (counsellor_loads): the items they hold now, not all they ever held.
create index escalations_held_idx on public.escalations (claimed_by) include (id, priority, due_at)
	where state = 'claimed';
-- The overdue alerts' job reads only the items not yet alerted for their due time.
create index escalations_overdue_idx on public.escalations (due_at)
	where state <> 'resolved' and overdue_alerted_for is distinct from due_at;
-- The safeguarding figures, per month an item was opened.
create index escalations_opened_idx on public.escalations (opened_at) include (community_id);

-- Every step of an item: its triggers, claims, notes, answers, resolution.
create table public.escalation_events (
	id bigint generated always as identity primary key,
	escalation_id uuid not null references public.escalations (id) on delete cascade,
	kind public.escalation_event_kind not null,
	trigger public.escalation_trigger,
	priority public.escalation_priority,
	outcome public.escalation_outcome,
	-- The counsellor or moderator who acted; null for triggers and scheduled jobs, so the
	-- history never names the author of anonymous content or a member who flagged it.
	actor_id uuid references public.members (id) on delete set null,
	-- A handover: who held the item before and who holds it after (release, reassign).
	previous_holder_id uuid references public.members (id) on delete set null,
	new_holder_id uuid references public.members (id) on delete set null,
	post_id uuid references public.posts (id) on delete set null,
	-- Which text of an idea or guide raised it: a post on the idea (else the idea itself),
	-- a guide's version by number.
	idea_comment_id uuid,
	guide_version integer,
	detail text check (char_length(detail) <= 2000),
	at timestamptz not null default public.clock()
);
create index escalation_events_escalation_idx on public.escalation_events (escalation_id, at, id);
create index escalation_events_idea_comment_idx on public.escalation_events (idea_comment_id)
	where idea_comment_id is not null;

-- Internal notes: for counsellors only, never for members.
create table public.escalation_notes (
	id bigint generated always as identity primary key,
	escalation_id uuid not null references public.escalations (id) on delete cascade,
	author_id uuid references public.members (id) on delete set null,
	body text not null check (char_length(btrim(body)) between 1 and 4000),
	created_at timestamptz not null default public.clock()
);
create index escalation_notes_escalation_idx on public.escalation_notes (escalation_id, created_at, id);

-- How long a community gives its counsellors for an item of the given priority.
create function public.escalation_due(community uuid, priority public.escalation_priority) returns interval
language sql stable security definer set search_path = '' as $$
	select case priority
		when 'urgent' then c.escalation_due_urgent
		when 'high' then c.escalation_due_high
		else c.escalation_due_normal end
	from public.communities c where c.id = community;
$$;

-- Opens the escalation of a thread (or of an idea or a guide: crisis words outside
-- questions), or adds the trigger to the open one and raises its priority (and brings
-- its due time forward) when the new trigger is more urgent. Only triggers call this;
-- concurrent triggers on one subject meet at its unique index. The raising text is a
-- post of the thread, a post on the idea (comment) or a guide's version.
create function public.open_escalation(
	target_thread uuid, wanted public.escalation_priority, cause public.escalation_trigger,
	detail text default null, post uuid default null,
	idea uuid default null, guide uuid default null, comment uuid default null, version integer default null
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	existing public.escalations;
	community uuid;
	opened uuid;
begin
	-- Ideas and guides are created after this file; PL/pgSQL resolves them when called.
	community := coalesce(
		(select t.community_id from public.threads t where t.id = target_thread),
		(select i.community_id from public.service_ideas i where i.id = idea),
		(select g.community_id from public.guides g where g.id = guide));
	loop
		select * into existing from public.escalations e
		where (e.thread_id = target_thread or e.idea_id = idea or e.guide_id = guide) and e.state <> 'resolved'
		for update;
		if found then
			if wanted < existing.priority then
				update public.escalations e
				set priority = wanted, due_at = least(e.due_at, public.clock() + public.escalation_due(community, wanted))
				where e.id = existing.id;
			end if;
			insert into public.escalation_events (escalation_id, kind, trigger, priority, post_id, idea_comment_id,
				guide_version, detail)
			values (existing.id, case when wanted < existing.priority then 'raised' else 'triggered' end
				::public.escalation_event_kind, cause, least(wanted, existing.priority), post, comment, version, detail);
			return existing.id;
		end if;
		insert into public.escalations (thread_id, idea_id, guide_id, community_id, priority, due_at)
		values (target_thread, idea, guide, community, wanted, public.clock() + public.escalation_due(community, wanted))
		on conflict do nothing
		returning id into opened;
		if opened is not null then
			insert into public.escalation_events (escalation_id, kind, trigger, priority, post_id, idea_comment_id,
				guide_version, detail)
			values (opened, 'opened', cause, wanted, post, comment, version, detail);
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
-- Fires after detect_crisis (triggers of one event run in name order): a new question
-- with crisis words opens its escalation as urgent, and the request is added to it.
create trigger escalate_asker_request after insert on public.threads
for each row when (new.wants_professional) execute function public.escalate_asker_request();

-- The unanswered trigger opens an item only for a question that never had one; a flag
-- kept by the escalations themselves lets an index hold just the questions that are
-- unanswered and never escalated (threads.escalated), so reading the queue looks at
-- what is new only.
create function public.mark_thread_escalated() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	update public.threads set escalated = true where id = new.thread_id and not escalated;
	return null;
end;
$$;
create trigger mark_thread_escalated after insert on public.escalations
	for each row when (new.thread_id is not null) execute function public.mark_thread_escalated();

-- The first claim of each item (escalations.first_claimed_at); handing an open item to
-- someone (reassign_escalation) is a claim too.
create function public.remember_first_claim() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	update public.escalations set first_claimed_at = new.at
	where id = new.escalation_id and (first_claimed_at is null or first_claimed_at > new.at);
	return null;
end;
$$;
create trigger remember_first_claim after insert on public.escalation_events
	for each row when (new.kind in ('claimed', 'reassigned')) execute function public.remember_first_claim();

-- Whether the reader sees a case about this idea, post on an idea or guide (a counsellor
-- serving its community): its texts stay readable to them after a moderator removed or
-- hid them (the policies of 20261125125000_guides.sql and …125100_service_ideas.sql).
-- A function, not a subquery in those policies: a subquery there became a hashed plan over
-- every item in every read of ideas and guides, the counsellors' queue among them.
create function public.sees_case_of(idea uuid default null, guide uuid default null, comment uuid default null)
returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
	mine uuid[] := public.served_communities();
begin
	return cardinality(mine) > 0 and (
		exists (select 1 from public.escalations e
			where (e.idea_id = idea or e.guide_id = guide) and e.community_id = any (mine))
		or exists (select 1 from public.escalation_events ev join public.escalations e on e.id = ev.escalation_id
			where ev.idea_comment_id = comment and e.community_id = any (mine)));
end;
$$;
revoke execute on function public.sees_case_of(uuid, uuid, uuid) from public, anon;

-- Policies --------------------------------------------------------------------------
alter table public.escalations enable row level security;
alter table public.escalation_events enable row level security;
alter table public.escalation_notes enable row level security;

-- Policies compare a row's community with the reader's served communities, computed
-- once per statement (served_communities()), not with a function call per row.
create policy "Counsellors serving the community see its escalations" on public.escalations
	for select to authenticated using (community_id = any ((select public.served_communities())::uuid[]));
create policy "Counsellors serving the community see the history" on public.escalation_events
	for select to authenticated using (exists (
		select 1 from public.escalations e
		where e.id = escalation_id and e.community_id = any ((select public.served_communities())::uuid[])
	));
create policy "Counsellors serving the community read internal notes" on public.escalation_notes
	for select to authenticated using (exists (
		select 1 from public.escalations e
		where e.id = escalation_id and e.community_id = any ((select public.served_communities())::uuid[])
	));

-- Everything changes through the functions of the escalation workflow.
revoke all on public.escalations, public.escalation_events, public.escalation_notes from anon, authenticated;
grant select on public.escalations, public.escalation_events, public.escalation_notes to authenticated;
-- Pages ask every viewer whether a thread has an open escalation; visitors see none.
grant select on public.escalations to anon;

revoke execute on function public.escalate_asker_request(), public.mark_thread_escalated(), public.remember_first_claim(),
	public.open_escalation(uuid, public.escalation_priority, public.escalation_trigger, text, uuid, uuid, uuid, uuid, integer),
	public.escalation_due(uuid, public.escalation_priority)
	from public, anon, authenticated;
