-- Staffed hours ("Sprechzeiten"): when the site's counselling service is staffed, one
-- window per weekday in Berlin time, set by admins. Outside them a family waiting for
-- a professional is told when someone will look, and shown the helplines. No hours set:
-- the site says nothing about them.

create table public.staffed_hours (
	-- ISO weekday: 1 Monday … 7 Sunday.
	weekday smallint primary key check (weekday between 1 and 7),
	opens time not null,
	closes time not null,
	check (opens < closes)
);

-- When the service is next staffed after `at`: null while it is staffed, or when no
-- hours are set. PL/pgSQL so its plan is kept (see session_is_active in
-- 20261125100000_members.sql): the thread page asks it for the asker.
create function public.next_staffed_at(at timestamptz default public.clock()) returns timestamptz
language plpgsql stable security definer set search_path = '' as $$
declare
	local timestamp := at at time zone 'Europe/Berlin';
begin
	if not exists (select 1 from public.staffed_hours)
		or exists (select 1 from public.staffed_hours h
			where h.weekday = extract(isodow from local) and local::time >= h.opens and local::time < h.closes) then
		return null;
	end if;
	return (
		select min((local::date + d + h.opens) at time zone 'Europe/Berlin')
		from generate_series(0, 7) d
		join public.staffed_hours h on h.weekday = extract(isodow from local::date + d)
		where (local::date + d + h.opens) at time zone 'Europe/Berlin' > at
	);
end;
$$;

alter table public.staffed_hours enable row level security;
create policy "Staffed hours are visible to everyone" on public.staffed_hours
	for select to anon, authenticated using (true);
create policy "Admins set staffed hours" on public.staffed_hours
	for insert to authenticated with check ((select public.is_admin()));
create policy "Admins change staffed hours" on public.staffed_hours
	for update to authenticated using ((select public.is_admin())) with check ((select public.is_admin()));
create policy "Admins remove staffed hours" on public.staffed_hours
	for delete to authenticated using ((select public.is_admin()));
revoke all on public.staffed_hours from anon, authenticated;
grant select on public.staffed_hours to anon, authenticated;
grant insert, update (opens, closes), delete on public.staffed_hours to authenticated;
-- Asked for the asker's own waiting thread only.
revoke all on function public.next_staffed_at(timestamptz) from public, anon;
grant execute on function public.next_staffed_at(timestamptz) to authenticated;
