-- A member's thread page keeps its answers as rendered, by the thread's page version
-- (src/lib/server/rendered-answers.ts); the page's answer query reads that version in
-- the same statement, so it is exactly as new as the answers it keeps.
grant execute on function public.thread_page_version(uuid) to authenticated;

-- The answers' reading order (posts.readPage) from the index alone: a long thread's
-- answers are ordered on every page without reading each one from the table.
create index posts_answer_order_idx on public.posts (thread_id)
	include (id, is_professional, helpful_count, created_at, held_at, removed_at, author_id)
	where parent_post_id is null;
