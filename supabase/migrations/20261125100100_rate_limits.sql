-- Rate limits shared by every app server: hits kept in Postgres, counted per
-- bucket (what is limited) and subject (a member's id, or a hashed address or IP:
-- never an address in clear).

create table public.rate_limit_hits (
	bucket text not null,
	subject text not null,
	hit_at timestamptz not null default now()
);
create index rate_limit_hits_lookup_idx on public.rate_limit_hits (bucket, subject, hit_at);
create index rate_limit_hits_hit_at_idx on public.rate_limit_hits (hit_at);

-- No policies: only the function below, run by the server as service_role, touches it.
alter table public.rate_limit_hits enable row level security;
revoke all on public.rate_limit_hits from anon, authenticated;

-- Records one hit and answers whether it is still within max_hits per window.
-- The advisory lock makes concurrent hits on one subject count one after another.
create function public.take_rate_limit(bucket text, subject text, max_hits integer, time_window interval)
returns boolean
language plpgsql security definer set search_path = '' as $$
declare
	recent integer;
begin
	perform pg_advisory_xact_lock(hashtextextended(bucket || ':' || subject, 0));
	delete from public.rate_limit_hits h
	where h.bucket = take_rate_limit.bucket and h.subject = take_rate_limit.subject
		and h.hit_at < now() - time_window;
	-- Forget every subject after a day, so hashed addresses are not kept longer than needed.
	delete from public.rate_limit_hits h where h.hit_at < now() - interval '1 day';
	select count(*) into recent from public.rate_limit_hits h
	where h.bucket = take_rate_limit.bucket and h.subject = take_rate_limit.subject;
	if recent >= max_hits then
		return false;
	end if;
	insert into public.rate_limit_hits (bucket, subject) values (take_rate_limit.bucket, take_rate_limit.subject);
	return true;
end;
$$;
revoke execute on function public.take_rate_limit(text, text, integer, interval) from public, anon, authenticated;
grant execute on function public.take_rate_limit(text, text, integer, interval) to service_role;
