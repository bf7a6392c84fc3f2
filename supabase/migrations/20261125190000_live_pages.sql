-- Live pages: what changed is announced on the channel ratnetz_live, and each app server
-- process holds one LISTEN for it (src/lib/server/live.ts) and tells its open pages
-- (server-sent events), which read again through RLS. The payload names only what
-- changed, by id: a thread, a community's queue of escalations or of moderation items,
-- a member's notifications. Nothing else about the change leaves the database this way.
-- NOTIFY is sent on commit, once per distinct payload in a transaction, and reaches every
-- listening process, so several processes and servers side by side all hear it.

create function public.announce_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	topic text;
begin
	-- One statement a table: PL/pgSQL resolves a record's fields where they are read.
	if tg_table_name = 'threads' then
		topic := 'thread:' || new.id;
	elsif tg_table_name = 'escalations' then
		topic := 'escalations:' || new.community_id;
	elsif tg_table_name = 'moderation_items' then
		topic := 'moderation:' || new.community_id;
	elsif tg_op = 'DELETE' then
		topic := 'member:' || old.member_id;
	else
		topic := 'member:' || new.member_id;
	end if;
	perform pg_catalog.pg_notify('ratnetz_live', topic);
	return null;
end;
$$;
revoke execute on function public.announce_change() from public, anon, authenticated;

-- A thread's version rises with every change of it or its posts (20261125170000_page_versions.sql).
-- Not `update of version`: a trigger sets it, which such a trigger does not see.
create trigger announce_change after update on public.threads
for each row when (old.version is distinct from new.version) execute function public.announce_change();
create trigger announce_change after insert or update on public.escalations
for each row execute function public.announce_change();
create trigger announce_change after insert or update on public.moderation_items
for each row execute function public.announce_change();
-- New, read, and deleted notifications change the unread count.
create trigger announce_change after insert or update of read_at or delete on public.notifications
for each row execute function public.announce_change();
