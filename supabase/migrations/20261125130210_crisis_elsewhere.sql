-- Crisis words outside questions: a service idea, a post on one or a guide's version can say
-- that someone is in danger as a question can. Such a text opens an escalation about the
-- idea or guide, as detect_crisis does for a question (20261125130200_crisis.sql): urgent
-- for a crisis, alerting every counsellor serving the community at once (the admins where
-- nobody serves it) and again when overdue; for review, not urgent, for a crisis subject in
-- a harmless context. It is claimed, handed over and resolved in the counsellors' queue
-- like any item, and its resolution tells the writers (resolve_escalation). The writer is
-- shown the helplines (the app asks mentions_crisis in the statement that writes, crisisIn
-- in safeguarding/crisis-words.ts). Ideas and guides have no hold: their texts stay shown.
-- As for answers, counsellors' own texts are not checked, and a text repeating what it
-- said before (an idea's edit, a guide's next version) escalates nothing again.
create function public.escalate_crisis_text() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
	idea uuid;
	comment uuid;
	guide uuid;
	version integer;
	finding public.crisis_finding;
	before public.crisis_finding;
begin
	if public.is_counsellor() then
		return null;
	end if;
	if tg_table_name = 'service_ideas' then
		idea := new.id;
		finding := public.find_crisis(new.title || E'\n' || new.body_markdown);
		if tg_op = 'UPDATE' then before := public.find_crisis(old.title || E'\n' || old.body_markdown); end if;
	elsif tg_table_name = 'idea_comments' then
		idea := new.idea_id;
		comment := new.id;
		finding := public.find_crisis(new.body_markdown);
	else
		guide := new.guide_id;
		version := new.number;
		finding := public.find_crisis(new.title || E'\n' || new.body_markdown);
		before := (select public.find_crisis(v.title || E'\n' || v.body_markdown) from public.guide_versions v
			where v.guide_id = new.guide_id and v.number = new.number - 1);
	end if;
	if not (finding.crisis or finding.review)
		or ((before.crisis or not finding.crisis) and before.categories @> finding.categories) then
		return null;
	end if;
	perform public.open_escalation(null,
		case when finding.crisis then 'urgent' else 'normal' end::public.escalation_priority,
		case when finding.crisis then 'crisis' else 'crisis_review' end::public.escalation_trigger,
		array_to_string(finding.found, ', '), idea => idea, guide => guide, comment => comment, version => version);
	return null;
end;
$$;
revoke execute on function public.escalate_crisis_text() from public, anon, authenticated;

create trigger escalate_crisis_text after insert or update of title, body_markdown on public.service_ideas
for each row execute function public.escalate_crisis_text();
create trigger escalate_crisis_text after insert on public.idea_comments
for each row execute function public.escalate_crisis_text();
create trigger escalate_crisis_text after insert on public.guide_versions
for each row execute function public.escalate_crisis_text();
