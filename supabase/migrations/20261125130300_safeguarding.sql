-- Escalation to professionals, part 4: the helplines shown to a person in need,
-- revealing the author of anonymous content for safeguarding (always with a reason,
-- always logged), and the configuration every installation starts with: German
-- helplines (and the crisis words: 20261125130310_crisis_lexicon_de.sql and
-- …130320_crisis_lexicon_en.sql). These are data, not code: admins edit them afterwards.

-- Helplines ---------------------------------------------------------------------------
-- Each in German and English (English pages show English texts; an English text left
-- empty falls back to the German one), with its hours: around the clock is data
-- (always_open), which pages say in their language; other hours are text per language.
-- A chat or online service has its address; a region (a Land, a Kreis, a city) says
-- where it helps, none: everywhere.
create table public.helplines (
	id uuid primary key default gen_random_uuid(),
	name_de text not null check (char_length(btrim(name_de)) between 2 and 120),
	name_en text not null default '' check (char_length(name_en) <= 120),
	-- One number, or several separated by " / ".
	phone text not null check (char_length(btrim(phone)) between 3 and 120 and phone ~ '^[0-9 +/()-]+$'),
	description_de text not null default '' check (char_length(description_de) <= 500),
	description_en text not null default '' check (char_length(description_en) <= 500),
	always_open boolean not null default false,
	hours_de text not null default '' check (char_length(hours_de) <= 120),
	hours_en text not null default '' check (char_length(hours_en) <= 120),
	-- Only https: the link is shown to people in need, who must land where it says.
	online_url text check (online_url ~ '^https://[^[:space:]<>"]+$' and char_length(online_url) <= 300),
	region text check (char_length(btrim(region)) between 2 and 80),
	position integer not null default 0,
	updated_at timestamptz not null default now(),
	check (not always_open or (hours_de = '' and hours_en = ''))
);
create trigger touch_helplines before update on public.helplines
for each row execute function public.touch_updated_at();

alter table public.helplines enable row level security;
create policy "Helplines are visible to everyone" on public.helplines
	for select to anon, authenticated using (true);
create policy "Admins add helplines" on public.helplines
	for insert to authenticated with check ((select public.is_admin()));
create policy "Admins edit helplines" on public.helplines
	for update to authenticated using ((select public.is_admin())) with check ((select public.is_admin()));
create policy "Admins remove helplines" on public.helplines
	for delete to authenticated using ((select public.is_admin()));
revoke all on public.helplines from anon, authenticated;
grant select on public.helplines to anon, authenticated;
grant delete,
	insert (name_de, name_en, phone, description_de, description_en, always_open, hours_de, hours_en, online_url,
		region, position),
	update (name_de, name_en, phone, description_de, description_en, always_open, hours_de, hours_en, online_url,
		region, position)
	on public.helplines to authenticated;

-- Revealing authors --------------------------------------------------------------------
-- The audit log keeps who revealed even after that account is deleted: their id (no
-- foreign key, so it stays) and the pseudonym they revealed under.
create table public.author_reveals (
	id bigint generated always as identity primary key,
	community_id uuid not null references public.communities (id) on delete cascade,
	-- The thread, and the post when a post's author was revealed.
	thread_id uuid not null references public.threads (id) on delete cascade,
	post_id uuid references public.posts (id) on delete cascade,
	revealed_by uuid not null,
	revealer_pseudonym text not null,
	reason text not null check (char_length(btrim(reason)) between 10 and 500),
	revealed_at timestamptz not null default now()
);
create index author_reveals_revealed_at_idx on public.author_reveals (revealed_at desc);
create index author_reveals_revealed_by_idx on public.author_reveals (revealed_by, thread_id);

-- A counsellor serving the community or one of its moderators asks who wrote an
-- anonymous thread or post, with a reason: the reveal is written to the audit log
-- admins read, and its id returned. The name comes from revealed_author(), and only
-- once that log entry is committed: a caller who rolls back learns nothing.
create function public.reveal_author(thread uuid default null, post uuid default null, reason text default null)
returns bigint
language plpgsql security definer set search_path = '' as $$
declare
	community uuid;
	target_thread uuid;
	anonymous boolean;
	revealed bigint;
begin
	if num_nonnulls(thread, post) <> 1 then
		raise exception 'Name one thread or post' using errcode = '22023';
	end if;
	if thread is not null then
		select t.community_id, t.id, t.is_anonymous into community, target_thread, anonymous
		from public.threads t where t.id = thread;
	else
		select t.community_id, t.id, p.is_anonymous into community, target_thread, anonymous
		from public.posts p join public.threads t on t.id = p.thread_id where p.id = post;
	end if;
	if community is null then
		raise exception 'Post not found' using errcode = 'P0002';
	end if;
	if not public.can_safeguard(community) then
		raise exception 'Only counsellors serving this community and its moderators can reveal authors'
			using errcode = '42501', hint = 'escalation_reveal_not_allowed';
	end if;
	if not anonymous then
		raise exception 'This post is not anonymous' using errcode = '55000', hint = 'escalation_not_anonymous';
	end if;
	if char_length(btrim(coalesce(reason, ''))) < 10 then
		raise exception 'Give a reason of at least 10 characters' using errcode = '23514', hint = 'escalation_reason_required';
	end if;
	insert into public.author_reveals (community_id, thread_id, post_id, revealed_by, revealer_pseudonym, reason)
	select community, target_thread, post, m.id, m.pseudonym, btrim(reason)
	from public.members m where m.id = (select auth.uid())
	returning id into revealed;
	return revealed;
end;
$$;

-- The revealed author's pseudonym (null when they deleted their account), for the one
-- who revealed, in a transaction that began after the reveal's: a reveal this
-- transaction wrote (or any of its savepoints) is not yet committed and could still be
-- rolled back, leaving no log entry. revealed_at is the revealing transaction's start.
create function public.revealed_author(reveal bigint) returns text
language plpgsql stable security definer set search_path = '' as $$
declare
	r public.author_reveals;
begin
	select * into r from public.author_reveals a where a.id = reveal and a.revealed_by = (select auth.uid());
	if r.id is null then
		raise exception 'Only who revealed an author learns the name' using errcode = '42501',
			hint = 'escalation_reveal_not_allowed';
	end if;
	if r.revealed_at >= pg_catalog.transaction_timestamp() then
		raise exception 'A reveal names the author only once it is logged' using errcode = '55000',
			hint = 'escalation_reveal_not_committed';
	end if;
	return (select m.pseudonym from public.members m
		where m.id = case when r.post_id is null
			then (select t.author_id from public.threads t where t.id = r.thread_id)
			else (select p.author_id from public.posts p where p.id = r.post_id) end);
end;
$$;

-- Whether the signed-in member revealed the author of this thread (post null) or post.
create function public.revealed_to_me(thread uuid, post uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
	return exists (
		select 1 from public.author_reveals a
		where a.revealed_by = (select auth.uid()) and a.thread_id = thread and a.post_id is not distinct from post
	);
end;
$$;

alter table public.author_reveals enable row level security;
create policy "Admins read the reveal log" on public.author_reveals
	for select to authenticated using ((select public.is_admin()));
revoke all on public.author_reveals from anon, authenticated;
grant select on public.author_reveals to authenticated;
revoke execute on function public.reveal_author(uuid, uuid, text), public.revealed_author(bigint)
	from public, anon;
revoke execute on function public.revealed_to_me(uuid, uuid) from public, anon, authenticated;

-- Helplines of the product brief, in the order a person in need should see them.
-- Sources, as the services publish them: telefonseelsorge.de, online.telefonseelsorge.de
-- (TelefonSeelsorge: around the clock; chat and mail online); nummergegenkummer.de and
-- the Federal Family Ministry (bmfsfj.de: Kinder- und Jugendtelefon Mo–Sa 14–20 Uhr,
-- Elterntelefon Mo–Fr 9–17 Uhr, Tue and Thu until 19 Uhr; online counselling);
-- hilfetelefon.de (around the clock, all year, 18 languages; instant and booked chat,
-- mail); the Independent Commissioner for Child Sexual Abuse Issues, May 2024, and
-- hilfe-telefon-missbrauch.online (Mon, Wed, Fri 9–14 Uhr, Tue and Thu 15–20 Uhr;
-- online counselling). Hours change: admins keep them current.
insert into public.helplines (name_de, name_en, phone, description_de, description_en, always_open, hours_de, hours_en,
	online_url, position) values
	('Notruf', 'Emergency', '112', 'Rettungsdienst und Feuerwehr bei akuter Lebensgefahr.',
	 'Ambulance and fire brigade when a life is in danger.', true, '', '', null, 10),
	('Polizei', 'Police', '110', 'Wenn jemand in Gefahr ist oder bedroht wird.',
	 'When someone is in danger or being threatened.', true, '', '', null, 20),
	('TelefonSeelsorge', 'TelefonSeelsorge (crisis line)', '0800 111 0 111 / 0800 111 0 222 / 116 123',
	 'Anonym und kostenlos: wenn Sorgen zu groß werden, auch bei Gedanken an Suizid. Auch per Chat und Mail.',
	 'Anonymous and free: when worries grow too big, also with thoughts of suicide. In German; chat and mail too.',
	 true, '', '', 'https://online.telefonseelsorge.de', 30),
	('Nummer gegen Kummer: Kinder- und Jugendtelefon', 'Nummer gegen Kummer: line for children and young people',
	 '116 111', 'Für Kinder und Jugendliche, anonym und kostenlos. Auch Online-Beratung.',
	 'For children and young people, anonymous and free. Online counselling too.',
	 false, 'Mo–Sa 14–20 Uhr', 'Mon–Sat 2–8 pm', 'https://www.nummergegenkummer.de', 40),
	('Nummer gegen Kummer: Elterntelefon', 'Nummer gegen Kummer: line for parents', '0800 111 0 550',
	 'Für Eltern und Erziehende, anonym und kostenlos.', 'For parents and carers, anonymous and free.',
	 false, 'Mo–Fr 9–17 Uhr, Di und Do bis 19 Uhr', 'Mon–Fri 9 am–5 pm, Tue and Thu until 7 pm',
	 'https://www.nummergegenkummer.de', 50),
	('Hilfetelefon Gewalt gegen Frauen', 'Violence against Women Support Hotline', '116 016',
	 'Für Frauen, die Gewalt erleben, und ihr Umfeld; in 18 Sprachen, auch per Chat und Mail.',
	 'For women who experience violence, and the people around them; in 18 languages, by chat and mail too.',
	 true, '', '', 'https://www.hilfetelefon.de', 60),
	('Hilfetelefon Sexueller Missbrauch', 'Sexual Abuse Helpline', '0800 22 55 530',
	 'Für Betroffene, Angehörige und Fachkräfte, anonym und kostenlos. Auch Online-Beratung.',
	 'For those affected, their families and professionals, anonymous and free. Online counselling too.',
	 false, 'Mo, Mi, Fr 9–14 Uhr; Di, Do 15–20 Uhr', 'Mon, Wed, Fri 9 am–2 pm; Tue, Thu 3–8 pm',
	 'https://www.hilfe-telefon-missbrauch.online', 70);
