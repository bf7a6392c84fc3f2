-- Service ideas (Ideen): members of a community propose an improvement to a service or a
-- new offer; other members support it (one support per member) and comment on it; verified
-- counsellors serving the community (and admins) answer officially with a state and their
-- reasons (Stellungnahme), every answer kept, the newest one the idea's state. Supporters
-- and the author hear of every answer (notification idea_answered); an unanswered idea
-- that reaches its community's threshold of supports (communities.idea_support_threshold)
-- is put in front of the community's counsellors once (idea_threshold). Anchors: Decidim's
-- proposals with official answers, CONSUL's supports threshold.
-- Tables, policies and the triggers that keep counts and states are here; every change a
-- person makes goes through the functions of part 2 (20261125125110_service_idea_writing.sql).
-- Texts are markdown rendered by the app as posts are (set_body_html, …100700_rendered_html.sql).

-- An official answer's state. An idea without one is open (state null).
create type public.idea_state as enum ('under_review', 'accepted', 'in_progress', 'done', 'not_possible');

create table public.service_ideas (
	id uuid primary key default gen_random_uuid(),
	community_id uuid not null references public.communities (id) on delete cascade,
	-- Null once the author deleted their account ("deleted member").
	author_id uuid references public.members (id) on delete set null,
	title text not null check (char_length(title) between 10 and 150 and title !~ '[\u202A-\u202E\u2066-\u2069]'),
	body_markdown text not null check (char_length(btrim(body_markdown)) between 1 and 20000),
	body_html text not null,
	-- A form sent twice makes one idea.
	idempotency_key uuid,
	created_at timestamptz not null default public.clock(),
	-- Kept by the triggers below: the newest official answer's state and time, the supports.
	state public.idea_state,
	answered_at timestamptz,
	support_count integer not null default 0 check (support_count >= 0),
	-- When the supports first reached the community's threshold (its counsellors were told then).
	threshold_reached_at timestamptz,
	-- Removed by a moderator with a reason; kept, restorable, read by its author and moderators.
	removed_at timestamptz,
	removal_reason text check (char_length(removal_reason) <= 1000)
);
create index service_ideas_community_idx on public.service_ideas (community_id, created_at desc, id);
create index service_ideas_supports_idx on public.service_ideas (community_id, support_count desc, created_at desc);
create index service_ideas_author_idx on public.service_ideas (author_id);
create unique index service_ideas_idempotency_key on public.service_ideas (author_id, idempotency_key);
-- The counsellors' list: ideas past their threshold that wait for a statement.
create index service_ideas_awaiting_idx on public.service_ideas (community_id, threshold_reached_at)
	where state is null and threshold_reached_at is not null and removed_at is null;
create trigger set_body_html before insert on public.service_ideas
for each row execute function public.set_body_html();

-- One support per member and idea: the primary key says so.
create table public.idea_supports (
	idea_id uuid not null references public.service_ideas (id) on delete cascade,
	member_id uuid not null references public.members (id) on delete cascade,
	supported_at timestamptz not null default public.clock(),
	primary key (idea_id, member_id)
);
create index idea_supports_member_idx on public.idea_supports (member_id);

-- Comments are a table of their own, not posts: posts belong to threads and carry what
-- questions need (answers counted, accepted, escalated when unanswered, crisis holds),
-- none of which an idea's discussion has.
create table public.idea_comments (
	id uuid primary key default gen_random_uuid(),
	idea_id uuid not null references public.service_ideas (id) on delete cascade,
	author_id uuid references public.members (id) on delete set null,
	body_markdown text not null check (char_length(btrim(body_markdown)) between 1 and 20000),
	body_html text not null,
	idempotency_key uuid,
	created_at timestamptz not null default public.clock(),
	removed_at timestamptz,
	removal_reason text check (char_length(removal_reason) <= 1000)
);
create index idea_comments_idea_idx on public.idea_comments (idea_id, created_at, id);
create index idea_comments_author_idx on public.idea_comments (author_id);
create unique index idea_comments_idempotency_key on public.idea_comments (author_id, idempotency_key);
create trigger set_body_html before insert on public.idea_comments
for each row execute function public.set_body_html();

-- Every official answer, kept: who answered, when, with which state and reasons.
create table public.idea_answers (
	id bigint generated always as identity primary key,
	idea_id uuid not null references public.service_ideas (id) on delete cascade,
	state public.idea_state not null,
	reasons text not null check (char_length(btrim(reasons)) between 3 and 4000),
	answered_by uuid references public.members (id) on delete set null,
	answered_at timestamptz not null default public.clock(),
	-- The answerer's organisation when they answered (record_organisation, 20261125100250_organisations.sql).
	organisation_id uuid references public.organisations (id) on delete set null
);
create index idea_answers_idea_idx on public.idea_answers (idea_id, answered_at desc, id desc);
create index idea_answers_organisation_idx on public.idea_answers (organisation_id, answered_at desc)
	where organisation_id is not null;
create trigger record_organisation before insert on public.idea_answers
for each row execute function public.record_organisation('answered_by');

-- An idea whose text, or a post on it, holds crisis words has an escalation
-- (20261125120000_escalations.sql), whose history names the post.
alter table public.escalations add constraint escalations_idea_id_fkey
	foreign key (idea_id) references public.service_ideas (id) on delete cascade;
alter table public.escalation_events add constraint escalation_events_idea_comment_id_fkey
	foreign key (idea_comment_id) references public.idea_comments (id) on delete set null;

alter table public.service_ideas enable row level security;
alter table public.idea_supports enable row level security;
alter table public.idea_comments enable row level security;
alter table public.idea_answers enable row level security;
create policy "Ideas are public but removed ones" on public.service_ideas for select to anon
	using (removed_at is null);
-- A removed idea is read by its author (who is told why), its moderators and admins, and,
-- where it is a case (escalate_crisis_text), by the counsellors who see the case.
create policy "Removed ideas are read by their author and moderators" on public.service_ideas
	for select to authenticated
	using (removed_at is null or author_id = (select auth.uid())
		or community_id = any ((select public.moderated_communities())::uuid[]) or (select public.is_admin())
		or public.sees_case_of(idea => id));
-- Who supported stays private (as in CONSUL); the count is on the idea.
create policy "Members see their own supports" on public.idea_supports for select to authenticated
	using (member_id = (select auth.uid()));
create policy "Comments of the ideas one reads but removed ones" on public.idea_comments for select to anon
	using (removed_at is null and exists (select 1 from public.service_ideas i where i.id = idea_id));
create policy "Comments of the ideas one reads, removed ones for their author and moderators"
	on public.idea_comments for select to authenticated
	using (exists (select 1 from public.service_ideas i where i.id = idea_id and (idea_comments.removed_at is null
		or idea_comments.author_id = (select auth.uid())
		or i.community_id = any ((select public.moderated_communities())::uuid[])
		or public.sees_case_of(comment => idea_comments.id))));
create policy "Official answers of the ideas one reads" on public.idea_answers for select to anon, authenticated
	using (exists (select 1 from public.service_ideas i where i.id = idea_id));
-- Nobody writes these tables directly: part 2's functions do, and the triggers keep counts and states.
revoke all on public.service_ideas, public.idea_supports, public.idea_comments, public.idea_answers
	from anon, authenticated;
grant select on public.service_ideas, public.idea_comments, public.idea_answers to anon, authenticated;
-- Visitors read none (the policy is for members), but a page may ask.
grant select on public.idea_supports to anon, authenticated;

-- The support count, and the threshold: the first time an idea's supports reach its
-- community's threshold, the time is kept, and when no official answer came yet its
-- community's serving counsellors are told, once (the idea stays in their list until
-- answered). The idea's row lock orders concurrent supports, so exactly one crosses it.
create function public.count_idea_supports() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	idea public.service_ideas;
begin
	update public.service_ideas i set support_count = i.support_count + case when tg_op = 'INSERT' then 1 else -1 end
	where i.id = case when tg_op = 'INSERT' then new.idea_id else old.idea_id end
	returning * into idea;
	if tg_op = 'INSERT' and idea.threshold_reached_at is null and idea.support_count >= (
		select c.idea_support_threshold from public.communities c where c.id = idea.community_id
	) then
		update public.service_ideas set threshold_reached_at = public.clock() where id = idea.id;
		if idea.state is null and idea.removed_at is null then
			insert into public.notifications (member_id, kind, idea_id, community_id)
			select s, 'idea_threshold', idea.id, idea.community_id from public.serving_counsellors(idea.community_id) s;
		end if;
	end if;
	return null;
end;
$$;
create trigger count_idea_supports after insert or delete on public.idea_supports
for each row execute function public.count_idea_supports();

-- The newest official answer is the idea's state; its supporters and author hear of it
-- (as their settings say: idea_answered, 20261125150100_mail_delivery.sql), not the one
-- who answered. The notification carries the state as its reason.
create function public.apply_idea_answer() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	update public.service_ideas set state = new.state, answered_at = new.answered_at where id = new.idea_id;
	insert into public.notifications (member_id, kind, idea_id, community_id, reason)
	select told.member_id, 'idea_answered', i.id, i.community_id, new.state::text
	from public.service_ideas i
	cross join lateral (
		select s.member_id from public.idea_supports s where s.idea_id = i.id
		union select i.author_id
	) told
	where i.id = new.idea_id and told.member_id is not null and told.member_id is distinct from new.answered_by;
	return null;
end;
$$;
create trigger apply_idea_answer after insert on public.idea_answers
for each row execute function public.apply_idea_answer();

revoke execute on function public.count_idea_supports(), public.apply_idea_answer() from public, anon, authenticated;
