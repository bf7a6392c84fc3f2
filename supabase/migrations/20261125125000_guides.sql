-- Guides (Ratgeber): articles a community writes together from its threads. A member of
-- the community drafts one from one or more of its questions (cited, and each question
-- links back to the guide); members edit it, and every version is kept with its author
-- and time; a moderator brings an earlier version back as a new one; a verified
-- counsellor checks the newest version and signs it ("checked by a professional on …"),
-- and an edit after that shows that the newest version is not checked yet; readers mark
-- a guide helpful. Every change goes through the functions of part 2
-- (20261125125010_guide_writing.sql), which hold the rules; the texts' HTML comes from the
-- app's renderer as for posts (set_body_html, 20261125100700_rendered_html.sql), and edits
-- count against the same editing limit. Guides are as public as the community's questions;
-- members report them to the moderators as posts (flags, moderation items).

create table public.guides (
	id uuid primary key default gen_random_uuid(),
	community_id uuid not null references public.communities (id) on delete cascade,
	created_by uuid references public.members (id) on delete set null,
	created_at timestamptz not null default public.clock(),
	-- The newest version's number, title and time, for lists (kept by the functions below).
	version integer not null default 1,
	title text not null check (char_length(title) between 10 and 150),
	updated_at timestamptz not null default public.clock(),
	helpful_count integer not null default 0 check (helpful_count >= 0),
	-- Moderation, as for questions (20261125130000_moderation.sql): hidden by enough reports
	-- until a moderator decides (held_at), or removed by a moderator with a reason.
	held_at timestamptz,
	removed_at timestamptz,
	removal_reason text check (char_length(removal_reason) <= 1000)
);
create index guides_community_idx on public.guides (community_id, updated_at desc, id);

create table public.guide_versions (
	guide_id uuid not null references public.guides (id) on delete cascade,
	number integer not null check (number >= 1),
	title text not null check (char_length(title) between 10 and 150),
	body_markdown text not null check (char_length(btrim(body_markdown)) between 1 and 20000),
	body_html text not null,
	author_id uuid references public.members (id) on delete set null,
	written_at timestamptz not null default public.clock(),
	-- A moderator's revert: the version whose text this one brings back.
	reverted_to integer,
	-- The newest version, which search finds (a new version takes it over: keep_current_guide_version).
	current boolean not null default true,
	-- As a question's: the title weighs most (A), the text less (B), with compound parts.
	search_vector tsvector generated always as (
		setweight(to_tsvector('public.german_unaccent'::regconfig, title), 'A')
		|| setweight(to_tsvector('public.english_unaccent'::regconfig, title), 'A')
		|| setweight(to_tsvector('public.german_unaccent'::regconfig, body_markdown), 'B')
		|| setweight(to_tsvector('public.english_unaccent'::regconfig, body_markdown), 'B')
		|| public.compound_endings(to_tsvector('public.german_unaccent'::regconfig, title || ' ' || body_markdown))
	) stored,
	primary key (guide_id, number)
);
create index guide_versions_search_idx on public.guide_versions using gin (search_vector) where current;
create trigger set_body_html before insert on public.guide_versions
for each row execute function public.set_body_html();

-- A new version is the current one; the one before is kept, but no longer found.
create function public.keep_current_guide_version() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	update public.guide_versions set current = false where guide_id = new.guide_id and current;
	new.current := true;
	return new;
end;
$$;
create trigger keep_current_guide_version before insert on public.guide_versions
for each row execute function public.keep_current_guide_version();

-- The questions a guide was written from; a question's page names the guides citing it.
create table public.guide_threads (
	guide_id uuid not null references public.guides (id) on delete cascade,
	thread_id uuid not null references public.threads (id) on delete cascade,
	primary key (guide_id, thread_id)
);
create index guide_threads_thread_idx on public.guide_threads (thread_id);

-- A counsellor's check of one version.
create table public.guide_reviews (
	guide_id uuid not null,
	number integer not null,
	reviewer_id uuid references public.members (id) on delete set null,
	reviewed_at timestamptz not null default public.clock(),
	-- The reviewer's organisation when they signed (record_organisation, 20261125100250_organisations.sql).
	organisation_id uuid references public.organisations (id) on delete set null,
	primary key (guide_id, number),
	foreign key (guide_id, number) references public.guide_versions (guide_id, number) on delete cascade
);
create index guide_reviews_organisation_idx on public.guide_reviews (organisation_id, reviewed_at desc)
	where organisation_id is not null;
create trigger record_organisation before insert on public.guide_reviews
for each row execute function public.record_organisation('reviewer_id');

create table public.guide_helpful_marks (
	guide_id uuid not null references public.guides (id) on delete cascade,
	member_id uuid not null references public.members (id) on delete cascade,
	primary key (guide_id, member_id)
);
create index guide_helpful_marks_member_idx on public.guide_helpful_marks (member_id);

-- A guide whose text holds crisis words has an escalation (20261125120000_escalations.sql).
alter table public.escalations add constraint escalations_guide_id_fkey
	foreign key (guide_id) references public.guides (id) on delete cascade;

alter table public.guides enable row level security;
alter table public.guide_versions enable row level security;
alter table public.guide_threads enable row level security;
alter table public.guide_reviews enable row level security;
alter table public.guide_helpful_marks enable row level security;
-- A hidden or removed guide, its versions, citations and checks are read by the
-- community's moderators (who decide), its first writer (who is told why) and, where it
-- is a case (escalate_crisis_text), the counsellors who see the case alone.
create policy "Guides are public" on public.guides for select to anon
	using (held_at is null and removed_at is null);
create policy "Guides are public but hidden ones" on public.guides for select to authenticated
	using (held_at is null and removed_at is null or created_by = (select auth.uid())
		or community_id = any ((select public.moderated_communities())::uuid[])
		or public.sees_case_of(guide => id));
create policy "Versions of the guides one reads" on public.guide_versions for select to anon, authenticated
	using (exists (select 1 from public.guides g where g.id = guide_id));
create policy "Citations of the guides one reads" on public.guide_threads for select to anon, authenticated
	using (exists (select 1 from public.guides g where g.id = guide_id));
create policy "Checks of the guides one reads" on public.guide_reviews for select to anon, authenticated
	using (exists (select 1 from public.guides g where g.id = guide_id));
create policy "Members see their own helpful marks" on public.guide_helpful_marks
	for select to authenticated using (member_id = (select auth.uid()));
revoke all on public.guides, public.guide_versions, public.guide_threads, public.guide_reviews,
	public.guide_helpful_marks from anon, authenticated;
grant select on public.guides, public.guide_versions, public.guide_threads, public.guide_reviews to anon, authenticated;
-- Visitors read none (the policy is for members), but a page may ask.
grant select on public.guide_helpful_marks to anon, authenticated;

-- Search reads guides through this view, as questions through visible_threads
-- (20261125100600_threads_access.sql): under the versions' policy the planner may not use
-- the GIN index for @@ and read every guide's newest version (20 ms on the large forum for
-- a word no guide holds). Owned by the tables' owner, it holds the newest version of every
-- guide shown to all; hidden and removed guides are found by nobody, moderators included.
create view public.searchable_guides as
	select v.guide_id, g.community_id, v.search_vector
	from public.guide_versions v join public.guides g on g.id = v.guide_id
	where v.current and g.held_at is null and g.removed_at is null;
revoke all on public.searchable_guides from anon, authenticated;
grant select on public.searchable_guides to anon, authenticated;

-- A question's page names the guides citing it, checked or not: a new citation, a guide's
-- new title or version, its hiding or removal and a check are new versions of those pages
-- (20261125170000_page_versions.sql), so kept visitors' pages show them at once.
create function public.raise_version_of_guides_threads() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	guide uuid;
begin
	if tg_table_name = 'guide_threads' then
		update public.threads set version = version + 1
		where id = case when tg_op = 'DELETE' then old.thread_id else new.thread_id end;
		return null;
	elsif tg_table_name = 'guides' then
		guide := new.id;
	else
		guide := new.guide_id;
	end if;
	update public.threads t set version = t.version + 1
	from public.guide_threads gt
	where gt.guide_id = guide and t.id = gt.thread_id;
	return null;
end;
$$;
create trigger raise_version_of_guides_threads after insert or delete on public.guide_threads
for each row execute function public.raise_version_of_guides_threads();
create trigger raise_version_of_guides_threads after update of title, version, held_at, removed_at on public.guides
for each row execute function public.raise_version_of_guides_threads();
create trigger raise_version_of_guides_threads after insert on public.guide_reviews
for each row execute function public.raise_version_of_guides_threads();
revoke execute on function public.raise_version_of_guides_threads(), public.keep_current_guide_version()
	from public, anon, authenticated;

-- The asker hears that their question helped write a guide (the question's page names it),
-- unless they wrote the guide themselves. Delivered as their settings say (digest by default:
-- the kind guide_written, 20261125150100_mail_delivery.sql).
create function public.notify_on_guide_citation() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	insert into public.notifications (member_id, kind, thread_id)
	select t.author_id, 'guide_written', t.id
	from public.threads t join public.guides g on g.id = new.guide_id
	where t.id = new.thread_id and t.author_id is not null and t.author_id is distinct from g.created_by;
	return null;
end;
$$;
create trigger notify_on_guide_citation after insert on public.guide_threads
for each row execute function public.notify_on_guide_citation();
revoke execute on function public.notify_on_guide_citation() from public, anon, authenticated;
