-- A community's description and rules: its moderators and admins edit them (the policy
-- "Admins and the community's moderators edit it" and the column grants in
-- 20261125100200_communities.sql), and every change lands in the community's mod log,
-- written here so that no path around the app escapes it. The log says what changed, not
-- the texts: the community page shows the current ones.

create function public.log_community_texts() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
	if new.description is distinct from old.description then
		insert into public.mod_log (community_id, action, actor_id) values (new.id, 'description_changed', auth.uid());
	end if;
	if new.rules is distinct from old.rules then
		insert into public.mod_log (community_id, action, actor_id) values (new.id, 'rules_changed', auth.uid());
	end if;
	return null;
end;
$$;
create trigger log_community_texts after update of description, rules on public.communities
for each row when ((old.description, old.rules) is distinct from (new.description, new.rules))
execute function public.log_community_texts();

revoke execute on function public.log_community_texts() from public, anon, authenticated;
