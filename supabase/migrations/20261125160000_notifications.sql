-- In-app notifications for peers: an answer to my question, a reply to my answer,
-- my answer marked helpful or accepted. (A professional's answer is announced by
-- record_professional_answer.) Nobody is notified of their own doing.

create function public.notify_on_post() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	recipient uuid;
begin
	if new.parent_post_id is null then
		if new.is_professional then
			return null;
		end if;
		select author_id into recipient from public.threads where id = new.thread_id;
		if recipient is not null and recipient <> new.author_id then
			insert into public.notifications (member_id, kind, thread_id, post_id)
			values (recipient, 'answer', new.thread_id, new.id);
		end if;
	else
		select author_id into recipient from public.posts where id = new.parent_post_id;
		if recipient is not null and recipient <> new.author_id then
			insert into public.notifications (member_id, kind, thread_id, post_id)
			values (recipient, 'reply', new.thread_id, new.id);
		end if;
	end if;
	return null;
end;
$$;
create trigger notify_on_post after insert on public.posts
for each row execute function public.notify_on_post();

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

-- The unread count is read on every page of a signed-in member.
create index notifications_unread_idx on public.notifications (member_id) where read_at is null;

revoke execute on function public.notify_on_post(), public.notify_on_helpful_vote(), public.notify_on_accept()
	from public, anon, authenticated;
