-- Notifications: what happened, for whom. Members read them in the app
-- (/notifications); each chooses per kind whether they also come by e-mail
-- (20261125150100_mail_delivery.sql). Other subjects write them too: the answer of a
-- professional (record_professional_answer), the moderation functions (removal,
-- warning, suspension, decided flags, new items for moderators).

create table public.notifications (
	id uuid primary key default gen_random_uuid(),
	member_id uuid not null references public.members (id) on delete cascade,
	kind text not null check (kind ~ '^[a-z_]{3,40}$'),
	thread_id uuid references public.threads (id) on delete cascade,
	post_id uuid references public.posts (id) on delete cascade,
	-- A guide's removal or restoring, or its item for moderators.
	guide_id uuid references public.guides (id) on delete cascade,
	-- A service idea's official answer, or its reaching the threshold (20261125125100_service_ideas.sql).
	idea_id uuid references public.service_ideas (id) on delete cascade,
	-- A booking asked for, confirmed, declined or withdrawn (20261125100360_resource_sharing_functions.sql).
	booking_id uuid references public.resource_bookings (id) on delete cascade,
	-- A resource offered in answer to an organisation's request (offer_resource).
	resource_id uuid references public.shared_resources (id) on delete cascade,
	-- A service whose confirmation is due (ask_service_confirmations, 20261125125200_services.sql).
	service_id uuid references public.services (id) on delete cascade,
	created_at timestamptz not null default now(),
	read_at timestamptz,
	-- Notifications about moderation carry the moderator's reason and the community.
	reason text check (char_length(reason) <= 1000),
	community_id uuid references public.communities (id) on delete cascade,
	-- Waiting for the member's daily digest, and the digest mail that carried it (its
	-- foreign key follows the outbox, 20261125150100_mail_delivery.sql).
	awaiting_digest boolean not null default false,
	digest_mail_id uuid
);
create index notifications_member_idx on public.notifications (member_id, created_at desc);
-- The unread count is read on every page of a signed-in member.
create index notifications_unread_idx on public.notifications (member_id) where read_at is null;
create index notifications_idea_idx on public.notifications (idea_id) where idea_id is not null;
create index notifications_booking_idx on public.notifications (booking_id) where booking_id is not null;
create index notifications_resource_idx on public.notifications (resource_id) where resource_id is not null;
create index notifications_service_idx on public.notifications (service_id) where service_id is not null;
create index notifications_awaiting_digest_idx on public.notifications (created_at) where awaiting_digest;
create index notifications_digest_mail_idx on public.notifications (digest_mail_id) where digest_mail_id is not null;

alter table public.notifications enable row level security;
create policy "Members read their own notifications" on public.notifications
	for select to authenticated using (member_id = (select auth.uid()));
create policy "Members mark their own notifications read" on public.notifications
	for update to authenticated using (member_id = (select auth.uid())) with check (member_id = (select auth.uid()));
revoke all on public.notifications from anon, authenticated;
grant select on public.notifications to authenticated;
grant update (read_at) on public.notifications to authenticated;

-- In-app notifications for peers: an answer to my question, a reply to my answer,
-- my answer marked helpful or accepted. (A professional's answer is announced by
-- record_professional_answer.) Nobody is notified of their own doing.
create function public.notify_about_post(post public.posts) returns void
language plpgsql security definer set search_path = '' as $$
declare
	recipient uuid;
begin
	-- As the post is now: detect_crisis, which fires before notify_on_post, may have held it.
	if exists (select 1 from public.posts p where p.id = post.id and p.held_at is not null) then
		return;
	end if;
	if post.parent_post_id is null then
		if post.is_professional then
			return;
		end if;
		select author_id into recipient from public.threads where id = post.thread_id;
		if recipient is not null and recipient <> post.author_id then
			insert into public.notifications (member_id, kind, thread_id, post_id)
			values (recipient, 'answer', post.thread_id, post.id);
		end if;
	else
		select author_id into recipient from public.posts where id = post.parent_post_id;
		if recipient is not null and recipient <> post.author_id then
			insert into public.notifications (member_id, kind, thread_id, post_id)
			values (recipient, 'reply', post.thread_id, post.id);
		end if;
	end if;
end;
$$;

create function public.notify_on_post() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	perform public.notify_about_post(new);
	return null;
end;
$$;
create trigger notify_on_post after insert on public.posts
for each row execute function public.notify_on_post();

-- A held answer or reply is not there for its readers yet: whoever it answers learns of it
-- when it is released, not before (a crisis post held for review must not send its asker
-- a mail about an answer they cannot read). A new post held by detect_crisis is not told
-- (notify_about_post reads it as it is); one held by protect_community, which fires after
-- notify_on_post, takes its notification and mail back in the same transaction, before
-- anyone saw them; an older one held later (flags) takes back the notification not yet
-- read. Released (and not removed or withdrawn), it is told once.
create function public.notify_on_hold_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	if old.held_at is null and new.held_at is not null then
		delete from public.notifications n
		where n.post_id = new.id and n.kind in ('answer', 'reply') and n.read_at is null;
	elsif old.held_at is not null and new.held_at is null and new.removed_at is null
		and new.withdrawn_at is null and not exists (
			select 1 from public.notifications n where n.post_id = new.id and n.kind in ('answer', 'reply')
		) then
		perform public.notify_about_post(new);
	end if;
	return null;
end;
$$;
create trigger notify_on_hold_change after update of held_at on public.posts
for each row execute function public.notify_on_hold_change();

create function public.notify_on_helpful_vote() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	insert into public.notifications (member_id, kind, thread_id, post_id)
	select p.author_id, 'helpful', p.thread_id, p.id
	from public.posts p where p.id = new.post_id and p.author_id is not null and p.author_id <> new.member_id;
	return null;
end;
$$;
create trigger notify_on_helpful_vote after insert on public.helpful_votes
for each row execute function public.notify_on_helpful_vote();

create function public.notify_on_accept() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	insert into public.notifications (member_id, kind, thread_id, post_id)
	select p.author_id, 'accepted', p.thread_id, p.id
	from public.posts p where p.id = new.accepted_post_id and p.author_id is not null and p.author_id <> new.author_id;
	return null;
end;
$$;
create trigger notify_on_accept after update of accepted_post_id on public.threads
for each row when (new.accepted_post_id is not null and new.accepted_post_id is distinct from old.accepted_post_id)
execute function public.notify_on_accept();

-- A new item in a queue I serve: every verified counsellor serving the community
-- (as serves_community decides for the signed-in counsellor) hears of it. An urgent
-- item is an alert instead, which nobody can turn off (escalation_alerts,
-- 20261125150050_escalation_alerts.sql).
create function public.notify_on_escalation() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	insert into public.notifications (member_id, kind, thread_id, idea_id, guide_id)
	select counsellor, 'escalation_item', new.thread_id, new.idea_id, new.guide_id
	from public.serving_counsellors(new.community_id) counsellor;
	return null;
end;
$$;
create trigger notify_on_escalation after insert on public.escalations
for each row when (new.priority <> 'urgent') execute function public.notify_on_escalation();

revoke execute on function public.notify_about_post(public.posts), public.notify_on_post(),
	public.notify_on_hold_change(), public.notify_on_helpful_vote(), public.notify_on_accept()
	from public, anon, authenticated;
revoke execute on function public.notify_on_escalation() from public, anon, authenticated;
