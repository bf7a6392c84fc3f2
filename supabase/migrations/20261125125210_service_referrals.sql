-- A referral that names a service of the help directory (20261125125200_services.sql): a
-- counsellor resolving an item as "referred" picks the service from the directory or
-- writes one in (resolve_escalation, 20261125120100_escalation_workflow.sql). The
-- service's name and contact become the referral's words where the counsellor wrote none,
-- so the asker's notification keeps them when the entry changes later; the asker's page
-- shows the entry itself with its opening hours (asker_escalation). A service is
-- withdrawn, never deleted, so a referral keeps its service. The topic radar counts the
-- referrals per service (20261125180120_topic_radar.sql), by this index.
alter table public.escalations add column referred_service_id uuid references public.services (id);
alter table public.escalations add check (outcome = 'referred' or referred_service_id is null);
create index escalations_referred_service_idx on public.escalations (referred_service_id)
	where referred_service_id is not null;
