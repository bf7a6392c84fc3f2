-- Scheduled work: the same SQL functions on the same schedule everywhere, every minute.
-- Locally (and wherever the app's servers should do it) the app server's scheduler runs
-- them (src/lib/server/data/scheduler.ts); on hosted Supabase pg_cron does. Each job is
-- idempotent and safe beside another run of itself, so both may run at once.
--   open_unanswered_escalations()  questions no peer answered within the waiting time
--   alert_overdue_escalations()    items past their due time, once per due time
--   queue_digests()                the daily digests, due at 07:00 Berlin time
--   keep_queue_medians()           the counsellors' queue's 30-day medians
--   keep_topic_radar()             the topic radar's open figures, at most once an hour
--   queue_needs_summaries()        the needs signal's weekly summaries, due Mondays 07:00
--   ask_service_confirmations()    services last confirmed six months ago, once each
-- Where pg_cron is installed (hosted: Database > Extensions, before `supabase db push`;
-- enabled later, the calls of the README's hosted section) the jobs are scheduled here;
-- without it (the local stack, a plain Postgres) this does nothing.
do $$
begin
	if exists (select 1 from pg_catalog.pg_extension where extname = 'pg_cron') then
		execute $sql$select cron.schedule('ratnetz-unanswered-escalations', '* * * * *',
			'select public.open_unanswered_escalations()')$sql$;
		execute $sql$select cron.schedule('ratnetz-overdue-escalations', '* * * * *',
			'select public.alert_overdue_escalations()')$sql$;
		execute $sql$select cron.schedule('ratnetz-digests', '* * * * *', 'select public.queue_digests()')$sql$;
		execute $sql$select cron.schedule('ratnetz-queue-medians', '* * * * *',
			'select public.keep_queue_medians()')$sql$;
		execute $sql$select cron.schedule('ratnetz-topic-radar', '* * * * *',
			'select public.keep_topic_radar()')$sql$;
		execute $sql$select cron.schedule('ratnetz-needs-summaries', '* * * * *',
			'select public.queue_needs_summaries()')$sql$;
		execute $sql$select cron.schedule('ratnetz-service-confirmations', '* * * * *',
			'select public.ask_service_confirmations()')$sql$;
	end if;
end $$;
