-- What the API roles get on what the later migrations create. Supabase's default
-- privileges give anon and authenticated every privilege on new tables and sequences
-- in public; row-level security then decides which rows. Some privileges are never a
-- member's to hold, whatever the policies say: TRUNCATE empties a table past every
-- policy (and fires no row trigger, so counters go wrong), TRIGGER and REFERENCES let
-- a role attach its own code or keys to our tables, and UPDATE on a sequence resets
-- it. Identity columns need no privilege on their sequence. So new tables come
-- without those three, sequences without any; each table's file grants what its
-- readers and writers need. (Functions: each file revokes what anon may not call;
-- tests/integration/security/privileges.spec.ts lists what remains.)
alter default privileges in schema public revoke truncate, trigger, references on tables from anon, authenticated;
alter default privileges in schema public revoke all on sequences from anon, authenticated;
