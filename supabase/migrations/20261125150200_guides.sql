-- Guides (Ratgeber): articles a community writes together from its threads. A member of
-- the community drafts one from one or more of its questions (cited, and each question
-- links back to the guide); members edit it, and every version is kept with its author
-- and time; a moderator brings an earlier version back as a new one; a verified
-- counsellor checks the newest version and signs it ("checked by a professional on …"),
-- and an edit after that shows that the newest version is not checked yet; readers mark
-- a guide helpful. Every change goes through the functions below, which hold the rules;
-- the texts' HTML comes from the app's renderer as for posts (set_body_html,
-- 20261125100700_rendered_html.sql), and edits count against the same editing limit.
-- Guides are as public as the community's questions.

create table public.guides (
	id uuid primary key default gen_random_uuid(),
	community_id uuid not null references public.communities (id) on delete cascade,
	created_by uuid references public.members (id) on delete set null,
	created_at timestamptz not null default public.clock(),
	-- The newest version's number, title and time, for lists (kept by the functions below).
	version integer not null default 1,
	title text not null check (char_length(title) between 10 and 150),
	updated_at timestamptz not null default public.clock(),
	helpful_count integer not null default 0 check (helpful_count >= 0)
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
	primary key (guide_id, number),
	foreign key (guide_id, number) references public.guide_versions (guide_id, number) on delete cascade
);

create table public.guide_helpful_marks (
	guide_id uuid not null references public.guides (id) on delete cascade,
	member_id uuid not null references public.members (id) on delete cascade,
	primary key (guide_id, member_id)
);
create index guide_helpful_marks_member_idx on public.guide_helpful_marks (member_id);

alter table public.guides enable row level security;
alter table public.guide_versions enable row level security;
alter table public.guide_threads enable row level security;
alter table public.guide_reviews enable row level security;
alter table public.guide_helpful_marks enable row level security;
create policy "Guides are public" on public.guides for select to anon, authenticated using (true);
create policy "Guide versions are public" on public.guide_versions for select to anon, authenticated using (true);
create policy "Guide citations are public" on public.guide_threads for select to anon, authenticated using (true);
create policy "Guide checks are public" on public.guide_reviews for select to anon, authenticated using (true);
create policy "Members see their own helpful marks" on public.guide_helpful_marks
	for select to authenticated using (member_id = (select auth.uid()));
revoke all on public.guides, public.guide_versions, public.guide_threads, public.guide_reviews,
	public.guide_helpful_marks from anon, authenticated;
grant select on public.guides, public.guide_versions, public.guide_threads, public.guide_reviews to anon, authenticated;
-- Visitors read none (the policy is for members), but a page may ask.
grant select on public.guide_helpful_marks to anon, authenticated;

-- Who may write in the community: a member of it, not suspended there. Edits count against
-- the editing limit of questions and answers (limit_edits, …_questions_and_answers.sql).
create function public.check_guide_writer(community uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
	if (select auth.uid()) is null or not public.is_community_member(community) then
		raise exception 'Only members of the community write its guides' using errcode = '42501', hint = 'guide_members_only';
	end if;
	if (public.suspension_in(community)).id is not null then
		raise exception 'Suspended in this community' using errcode = '42501', hint = 'moderation_suspended';
	end if;
	if not public.take_rate_limit('edit', (select auth.uid())::text, 20, interval '10 minutes') then
		raise exception 'rate_limited: too many edits' using errcode = 'P0001', hint = 'rate_limited_edits';
	end if;
end;
$$;

-- A new guide from one to five questions of one community that readers see; returns its id.
create function public.draft_guide(thread_ids uuid[], title text, body text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	community uuid;
	created uuid;
begin
	if cardinality(thread_ids) not between 1 and 5 or (
		select count(distinct t.community_id) <> 1 or count(*) <> cardinality(thread_ids)
		from public.threads t
		where t.id = any (thread_ids) and t.held_at is null and t.removed_at is null and t.withdrawn_at is null
	) then
		raise exception 'A guide cites one to five shown questions of one community'
			using errcode = '22023', hint = 'guide_threads_invalid';
	end if;
	select t.community_id into community from public.threads t where t.id = thread_ids[1];
	perform public.check_guide_writer(community);
	-- A guide carries its writer's name: citing a question one asked anonymously would say who asked it.
	if exists (
		select 1 from public.threads t
		where t.id = any (thread_ids) and t.is_anonymous and t.author_id = (select auth.uid())
	) then
		raise exception 'A guide under one''s name cannot cite one''s own anonymous question'
			using errcode = '42501', hint = 'guide_own_anonymous';
	end if;
	insert into public.guides (community_id, created_by, title)
	values (community, (select auth.uid()), draft_guide.title) returning id into created;
	insert into public.guide_versions (guide_id, number, title, body_markdown, author_id)
	values (created, 1, draft_guide.title, body, (select auth.uid()));
	insert into public.guide_threads (guide_id, thread_id)
	select created, t from unnest(thread_ids) t on conflict do nothing;
	return created;
end;
$$;

-- The guide's next version, by the signed-in member, as its newest (the HTML from the app's
-- renderer: set_body_html); returns its number. For edit_guide and revert_guide, which lock
-- the guide and check who may first.
create function public.add_guide_version(g public.guides, title text, body text, reverted_to integer default null)
returns integer
language plpgsql security definer set search_path = '' as $$
begin
	insert into public.guide_versions (guide_id, number, title, body_markdown, author_id, reverted_to)
	values (g.id, g.version + 1, add_guide_version.title, body, (select auth.uid()), add_guide_version.reverted_to);
	update public.guides set version = g.version + 1, title = add_guide_version.title, updated_at = public.clock()
	where id = g.id;
	return g.version + 1;
end;
$$;

-- The next version, written on the version the writer read (based_on): another edit in
-- between is refused, so nobody overwrites what they did not see. The same text again
-- makes no version. Returns the newest version's number.
create function public.edit_guide(guide uuid, based_on integer, title text, body text) returns integer
language plpgsql security definer set search_path = '' as $$
declare
	g public.guides;
	now_text public.guide_versions;
begin
	select * into g from public.guides where id = guide for update;
	if not found then
		raise exception 'No such guide' using errcode = 'P0002', hint = 'guide_not_found';
	end if;
	perform public.check_guide_writer(g.community_id);
	if g.version <> based_on then
		raise exception 'The guide changed meanwhile' using errcode = '40001', hint = 'guide_changed';
	end if;
	select * into now_text from public.guide_versions v where v.guide_id = guide and v.number = g.version;
	if now_text.title = edit_guide.title and now_text.body_markdown = body then
		-- Nothing to write: the HTML handed over for this text is not needed either.
		delete from public.rendered_markdown r
		where r.markdown_sha256 = pg_catalog.sha256(pg_catalog.convert_to(body, 'UTF8'));
		return g.version;
	end if;
	return public.add_guide_version(g, edit_guide.title, body);
end;
$$;

-- A moderator of the community brings an earlier version's text back, as a new version.
create function public.revert_guide(guide uuid, to_number integer) returns integer
language plpgsql security definer set search_path = '' as $$
declare
	g public.guides;
	earlier public.guide_versions;
begin
	select * into g from public.guides where id = guide for update;
	if not found or not public.is_moderator(g.community_id) then
		raise exception 'Only the community''s moderators revert guides' using errcode = '42501', hint = 'moderation_not_moderator';
	end if;
	select * into earlier from public.guide_versions v where v.guide_id = guide and v.number = to_number;
	if not found or to_number = g.version then
		raise exception 'No earlier version with that number' using errcode = '22023', hint = 'guide_version_invalid';
	end if;
	return public.add_guide_version(g, earlier.title, earlier.body_markdown, to_number);
end;
$$;

-- A verified counsellor checks the newest version (the one they read: number).
create function public.review_guide(guide uuid, number integer) returns void
language plpgsql security definer set search_path = '' as $$
declare
	g public.guides;
begin
	if not exists (
		select 1 from public.counsellor_profiles p
		where p.member_id = (select auth.uid()) and p.withdrawn_at is null
	) or not public.is_counsellor() then
		raise exception 'Only verified professionals check guides' using errcode = '42501', hint = 'guide_professionals_only';
	end if;
	select * into g from public.guides where id = guide for update;
	if not found then
		raise exception 'No such guide' using errcode = 'P0002', hint = 'guide_not_found';
	end if;
	if g.version <> review_guide.number then
		raise exception 'The guide changed meanwhile' using errcode = '40001', hint = 'guide_changed';
	end if;
	insert into public.guide_reviews (guide_id, number, reviewer_id)
	values (guide, review_guide.number, (select auth.uid())) on conflict do nothing;
end;
$$;

-- A signed-in reader marks a guide helpful, or takes the mark back; one mark per member.
create function public.mark_guide_helpful(guide uuid, helpful boolean) returns void
language plpgsql security definer set search_path = '' as $$
declare
	community uuid;
	changed integer;
begin
	select g.community_id into community from public.guides g where g.id = guide for update;
	if (select auth.uid()) is null or community is null then
		raise exception 'Only members mark guides helpful' using errcode = '42501';
	end if;
	if (public.suspension_in(community)).id is not null then
		raise exception 'Suspended in this community' using errcode = '42501', hint = 'moderation_suspended';
	end if;
	if helpful then
		insert into public.guide_helpful_marks (guide_id, member_id) values (guide, (select auth.uid()))
		on conflict do nothing;
	else
		delete from public.guide_helpful_marks m where m.guide_id = guide and m.member_id = (select auth.uid());
	end if;
	get diagnostics changed = row_count;
	update public.guides set helpful_count = helpful_count + case when helpful then changed else -changed end
	where id = guide;
end;
$$;

revoke execute on function public.check_guide_writer(uuid), public.draft_guide(uuid[], text, text),
	public.edit_guide(uuid, integer, text, text), public.revert_guide(uuid, integer),
	public.review_guide(uuid, integer), public.mark_guide_helpful(uuid, boolean) from public, anon;
revoke execute on function public.check_guide_writer(uuid),
	public.add_guide_version(public.guides, text, text, integer) from public, anon, authenticated;
grant execute on function public.draft_guide(uuid[], text, text), public.edit_guide(uuid, integer, text, text),
	public.revert_guide(uuid, integer), public.review_guide(uuid, integer),
	public.mark_guide_helpful(uuid, boolean) to authenticated;

-- A question's page names the guides citing it, checked or not: a new citation, a guide's
-- new title or version and a check are new versions of those pages
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
create trigger raise_version_of_guides_threads after update of title, version on public.guides
for each row execute function public.raise_version_of_guides_threads();
create trigger raise_version_of_guides_threads after insert on public.guide_reviews
for each row execute function public.raise_version_of_guides_threads();
revoke execute on function public.raise_version_of_guides_threads(), public.keep_current_guide_version()
	from public, anon, authenticated;

-- The asker hears that their question helped write a guide (the question's page names it),
-- unless they wrote the guide themselves. Delivered as their settings say (digest by default).
insert into public.notification_kinds (kind, default_delivery, audience, position, alert) values
	('guide_written', 'digest', 'member', 45, false);
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
