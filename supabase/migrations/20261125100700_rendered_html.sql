-- Rendered HTML: what pages show of a thread or post comes only from the app's
-- sanitising renderer (src/lib/server/forum/markdown.ts), never from a member's token. The
-- renderer runs in the app, so the database cannot render; instead the app hands it
-- the HTML of a text as a role no member can take (ratnetz_renderer, granted only to
-- the app's login role), and the text's own write takes it: the HTML is always that
-- of the markdown stored, so an edit changes both or neither, and every change of the
-- text passes the same triggers (edit mark and revision, crisis words, watched words,
-- the posting and editing limits), however it was sent.

-- The role the app's server takes for one statement to hand over rendered HTML. Roles
-- belong to the whole cluster, so it may exist already (another database, a reset).
-- The app's login role (README, "A hosted Supabase project") is granted it here when
-- it exists; PostgREST's authenticator never is, so no token reaches it.
do $$
begin
	if not exists (select from pg_roles where rolname = 'ratnetz_renderer') then
		create role ratnetz_renderer nologin noinherit;
	end if;
	if exists (select from pg_roles where rolname = 'ratnetz_server') then
		grant ratnetz_renderer to ratnetz_server;
	end if;
end
$$;
grant usage on schema public to ratnetz_renderer;

-- HTML the app rendered, by the text it was rendered from, until that text's write in
-- the same transaction takes it (set_body_html deletes it), so nothing stays behind.
create table public.rendered_markdown (
	markdown_sha256 bytea primary key,
	html text not null
);
alter table public.rendered_markdown enable row level security;
revoke all on public.rendered_markdown from anon, authenticated;

create function public.store_rendered(markdown text, html text) returns void
language sql security definer set search_path = '' as $$
	insert into public.rendered_markdown (markdown_sha256, html)
	values (pg_catalog.sha256(pg_catalog.convert_to(markdown, 'UTF8')), html)
	on conflict (markdown_sha256) do update set html = excluded.html;
$$;
revoke execute on function public.store_rendered(text, text) from public, anon, authenticated, service_role;
grant execute on function public.store_rendered(text, text) to ratnetz_renderer;

-- HTML handed over for a text that is not written after all (the same form sent twice, an
-- edit that changes nothing): taken back, so nothing stays behind.
create function public.discard_rendered(markdown text) returns void
language sql security definer set search_path = '' as $$
	delete from public.rendered_markdown
	where markdown_sha256 = pg_catalog.sha256(pg_catalog.convert_to(markdown, 'UTF8'));
$$;
revoke execute on function public.discard_rendered(text) from public, anon, authenticated;

-- Whether the statement runs for a member or visitor (the API roles), inside security
-- definer functions too: those change the user, not the role the request took. The
-- database owner arranging data (seeds, tests) and system jobs are not.
create function public.acting_for_member() returns boolean
language sql stable set search_path = '' as $$
	select pg_catalog.current_setting('role', true) in ('anon', 'authenticated');
$$;

-- A new or changed text takes the HTML the app rendered for it. For a member, a text
-- the app did not render is refused, and the HTML never changes without its text.
create function public.set_body_html() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	rendered text;
begin
	delete from public.rendered_markdown r
	where r.markdown_sha256 = pg_catalog.sha256(pg_catalog.convert_to(new.body_markdown, 'UTF8'))
	returning r.html into rendered;
	if rendered is not null then
		new.body_html := rendered;
	elsif not public.acting_for_member() then
		return new;
	elsif tg_op = 'UPDATE' and new.body_markdown is not distinct from old.body_markdown then
		new.body_html := old.body_html;
	else
		raise exception 'Write texts through the app, which renders them'
			using errcode = '42501', hint = 'render_required';
	end if;
	return new;
end;
$$;
create trigger set_body_html before insert or update of body_markdown, body_html on public.threads
for each row execute function public.set_body_html();
create trigger set_body_html before insert or update of body_markdown, body_html on public.posts
for each row execute function public.set_body_html();

revoke execute on function public.set_body_html(), public.acting_for_member() from public, anon, authenticated;
