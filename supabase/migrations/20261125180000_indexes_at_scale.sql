-- Indexes the pages need once the forum is large (found with EXPLAIN on the data
-- set of `npm run seed:large`; tests/integration/query-plans.spec.ts keeps them used).

-- "Has this thread ever had an escalation?" (open_unanswered_escalations, on every
-- read of the counsellors' queue): the unique index covers only unresolved ones.
create index escalations_thread_idx on public.escalations (thread_id);
