-- What the Supabase Postgres image provides before any migration: the API roles,
-- the extensions schema and Supabase's default grants (RLS is the only guard).
-- Roles are cluster-wide, so this file is idempotent across `db reset`.
do $$
declare
	r record;
begin
	for r in select * from (values
		('anon', 'nologin inherit'),
		('authenticated', 'nologin inherit'),
		('service_role', 'nologin inherit bypassrls'),
		('authenticator', 'login noinherit'),
		('supabase_auth_admin', 'login noinherit createrole'),
		('ratnetz_server', 'login noinherit')
	) as t(name, options) loop
		if not exists (select from pg_roles where rolname = r.name) then
			execute format('create role %I %s', r.name, r.options);
		end if;
	end loop;
end
$$;

alter role authenticator password 'authenticator-local';
alter role supabase_auth_admin password 'supabase-local-auth';
alter role ratnetz_server password 'ratnetz-local-server';
grant anon, authenticated, service_role to authenticator;
-- The app's login role (see README): it can do nothing until it switches to an API role.
grant anon, authenticated, service_role to ratnetz_server;

alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
alter role authenticator set statement_timeout = '8s';
alter role supabase_auth_admin set search_path = auth;
alter role postgres set search_path = "$user", public, extensions;
alter role authenticator set search_path = public, extensions;
alter role ratnetz_server set search_path = public, extensions;

create schema if not exists extensions;
create extension if not exists pgcrypto with schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;
grant usage on schema public, extensions to postgres, anon, authenticated, service_role;
grant all on schema public to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to postgres, anon, authenticated, service_role;

create publication supabase_realtime;
