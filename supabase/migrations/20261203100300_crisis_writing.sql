-- Crisis detection, part 3: what happens when a text is written or reported. A crisis
-- opens an urgent item (held where the community holds) and wins over a blocked watched
-- word; a crisis report goes to the counsellors alone, and a member who flagged a thread
-- for another reason can still report a crisis on it.

-- Writing ----------------------------------------------------------------------------
-- (Replaces detect_crisis of 20261125130200_flags_and_crisis.sql.) A crisis in new or
-- changed text opens an urgent item and holds the text where the community says so; a
-- crisis subject in a harmless context opens an item for review, not urgent, and the text
-- is published. What the text said before does not count again: an edit repeating it
-- escalates nothing. Professional answers are not checked: counsellors write about these
-- subjects.
create or replace function public.detect_crisis() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	thread uuid;
	post uuid;
	finding public.crisis_finding;
	before public.crisis_finding;
begin
	-- Only threads have a title, only posts a thread: each branch reads its own fields.
	if tg_table_name = 'threads' then
		thread := new.id;
		finding := public.find_crisis(new.title || E'\n' || new.body_markdown);
		if tg_op = 'UPDATE' then before := public.find_crisis(old.title || E'\n' || old.body_markdown); end if;
	else
		thread := new.thread_id;
		post := new.id;
		finding := public.find_crisis(new.body_markdown);
		if tg_op = 'UPDATE' then before := public.find_crisis(old.body_markdown); end if;
	end if;
	if not (finding.crisis or finding.review)
		or ((before.crisis or not finding.crisis) and before.categories @> finding.categories) then
		return null;
	end if;
	if not finding.crisis then
		perform public.open_escalation(thread, 'normal', 'crisis_review', array_to_string(finding.found, ', '), post);
		return null;
	end if;
	perform public.open_escalation(thread, 'urgent', 'crisis', array_to_string(finding.found, ', '), post);
	if (select c.crisis_policy from public.threads t join public.communities c on c.id = t.community_id
		where t.id = thread) = 'hold' then
		if tg_table_name = 'threads' then
			update public.threads set held_at = now() where id = new.id and held_at is null;
		else
			update public.posts set held_at = now() where id = new.id and held_at is null;
		end if;
	end if;
	return null;
end;
$$;

-- (Replaces protect_community of 20261125140100_automatic_protection.sql.) A crisis wins
-- over a blocked watched word: such a text is held for a moderator instead of refused, so
-- the writer still sees the helplines and the urgent item detect_crisis opened is kept,
-- while nobody else sees the word until a moderator approved or removed it.
create or replace function public.protect_community() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	thread uuid;
	post uuid;
	community uuid;
	body text;
	found_word record;
	hold_reason public.moderation_action;
	flag_word text;
begin
	-- Only threads have a title, only posts a thread: each branch reads its own fields.
	if tg_table_name = 'threads' then
		thread := new.id;
		body := new.title || E'\n' || new.body_markdown;
	else
		thread := new.thread_id;
		post := new.id;
		body := new.body_markdown;
	end if;
	community := (select t.community_id from public.threads t where t.id = thread);
	if new.author_id is null or exists (
		select 1 from public.community_moderators cm where cm.community_id = community and cm.member_id = new.author_id
	) then
		return null;
	end if;
	for found_word in select * from public.watched_words_in(community, body) loop
		if found_word.action = 'block' and not public.mentions_crisis(body) then
			raise exception 'Contains a blocked word' using errcode = '23514', hint = 'moderation_watched_word_blocked',
				detail = found_word.word;
		elsif found_word.action <> 'flag' and hold_reason is null then
			hold_reason := 'held_watched_word';
			flag_word := found_word.word;
		elsif flag_word is null then
			flag_word := found_word.word;
		end if;
	end loop;
	if tg_op = 'INSERT' and hold_reason is null and (select c.hold_first_posts from public.communities c where c.id = community)
		and not exists (select 1 from public.members m where m.id = new.author_id and m.site_role = 'counsellor')
		and not exists (
			select 1 from public.threads t
			where t.community_id = community and t.author_id = new.author_id and t.id <> new.id
				and t.held_at is null and t.removed_at is null)
		and not exists (
			select 1 from public.posts p join public.threads t on t.id = p.thread_id
			where t.community_id = community and p.author_id = new.author_id and p.id <> new.id
				and p.held_at is null and p.removed_at is null) then
		hold_reason := 'held_first_post';
	end if;
	if hold_reason is not null then
		if tg_table_name = 'threads' then
			update public.threads set held_at = public.clock() where id = new.id and held_at is null;
		else
			update public.posts set held_at = public.clock() where id = new.id and held_at is null;
		end if;
		perform public.open_moderation_item(thread, post, hold_reason, flag_word);
	elsif flag_word is not null then
		perform public.open_moderation_item(thread, post, 'flagged_watched_word', flag_word);
	end if;
	return null;
end;
$$;

-- Reporting ------------------------------------------------------------------------------
-- (Replaces the unique constraints of 20261125130200_flags_and_crisis.sql.) One flag per
-- member and thread or post, and besides it one crisis report: a member who flagged
-- "needs a professional" can still report that someone is in danger, which makes the
-- thread's item urgent.
alter table public.flags drop constraint flags_flagger_id_thread_id_key, drop constraint flags_flagger_id_post_id_key;
create unique index flags_one_per_member_and_thread on public.flags (flagger_id, thread_id, (reason = 'crisis'));
create unique index flags_one_per_member_and_post on public.flags (flagger_id, post_id, (reason = 'crisis'));

-- (Replaces moderate_flag and its trigger of 20261125140000_moderation.sql.) A crisis report
-- goes to the counsellors, urgent (escalate_flag), not to the moderators' queue, and never
-- counts towards hiding a post: a cry for help is not hidden because peers worried about it.
drop trigger moderate_flag on public.flags;
create or replace function public.moderate_flag() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	thread uuid := coalesce(new.thread_id, (select p.thread_id from public.posts p where p.id = new.post_id));
	threshold integer;
	undecided integer;
	item uuid;
begin
	item := public.open_moderation_item(thread, new.post_id, 'flagged', new.reason::text);
	select c.flag_hide_threshold into threshold
	from public.threads t join public.communities c on c.id = t.community_id where t.id = thread;
	select count(distinct f.flagger_id) into undecided from public.flags f
	where f.decision is null and f.reason not in ('needs_professional', 'crisis')
		and (f.post_id = new.post_id or (new.post_id is null and f.thread_id = new.thread_id));
	if undecided >= threshold then
		if new.post_id is not null then
			update public.posts set held_at = public.clock() where id = new.post_id and held_at is null;
		else
			update public.threads set held_at = public.clock() where id = new.thread_id and held_at is null;
		end if;
		if found then
			insert into public.moderation_events (item_id, action, note) values (item, 'auto_hidden', undecided::text);
		end if;
	end if;
	return null;
end;
$$;
create trigger moderate_flag after insert on public.flags
for each row when (new.reason not in ('needs_professional', 'crisis')) execute function public.moderate_flag();
