-- Crisis words outside questions: a service idea, a post on one or a guide's version can say
-- that someone is in danger as a question can. There is no thread to open a queue item on,
-- so every counsellor serving the community (duty leads serve all) is alerted at once
-- (notification crisis_text, an alert: always mailed at once, never unsubscribed), the
-- admins when nobody serves it; the writer is shown the helplines (the app asks
-- mentions_crisis in the statement that writes, crisisIn in safeguarding/crisis-words.ts). As for answers, counsellors' own texts are not
-- checked, and a guide's version repeating what the one before said alerts nobody again.
create function public.alert_crisis_text() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	community uuid;
	idea uuid;
	guide uuid;
	finding public.crisis_finding;
	before public.crisis_finding;
	recipients uuid[];
begin
	if public.is_counsellor() then
		return null;
	end if;
	if tg_table_name = 'service_ideas' then
		community := new.community_id;
		idea := new.id;
		finding := public.find_crisis(new.title || E'\n' || new.body_markdown);
		if tg_op = 'UPDATE' then before := public.find_crisis(old.title || E'\n' || old.body_markdown); end if;
	elsif tg_table_name = 'idea_comments' then
		idea := new.idea_id;
		community := (select i.community_id from public.service_ideas i where i.id = new.idea_id);
		finding := public.find_crisis(new.body_markdown);
	else
		guide := new.guide_id;
		community := (select g.community_id from public.guides g where g.id = new.guide_id);
		finding := public.find_crisis(new.title || E'\n' || new.body_markdown);
		before := (select public.find_crisis(v.title || E'\n' || v.body_markdown) from public.guide_versions v
			where v.guide_id = new.guide_id and v.number = new.number - 1);
	end if;
	if not finding.crisis or (before.crisis and before.categories @> finding.categories) then
		return null;
	end if;
	recipients := array(select public.serving_counsellors(community));
	if cardinality(recipients) = 0 then
		recipients := array(select m.id from public.members m where m.site_role = 'admin');
	end if;
	insert into public.notifications (member_id, kind, community_id, idea_id, guide_id, reason)
	select r, 'crisis_text', community, idea, guide, left(array_to_string(finding.found, ', '), 1000)
	from unnest(recipients) r;
	return null;
end;
$$;
revoke execute on function public.alert_crisis_text() from public, anon, authenticated;

create trigger alert_crisis_text after insert or update of title, body_markdown on public.service_ideas
for each row execute function public.alert_crisis_text();
create trigger alert_crisis_text after insert on public.idea_comments
for each row execute function public.alert_crisis_text();
create trigger alert_crisis_text after insert on public.guide_versions
for each row execute function public.alert_crisis_text();
