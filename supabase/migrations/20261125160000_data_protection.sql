-- Data protection: a member's own data as one JSON document. Security definer
-- because authorship is not readable through the API roles; it only ever
-- reads rows of auth.uid().
-- The export holds the forum's data (export_my_forum_data), then the notification
-- settings, the mails sent and the member's suspensions.

create function public.export_my_forum_data() returns jsonb
language sql stable security definer set search_path = '' as $$
	select jsonb_build_object(
		'exported_at', now(),
		'account', (select jsonb_build_object('email', u.email, 'created_at', u.created_at, 'last_sign_in_at', u.last_sign_in_at)
			from auth.users u where u.id = (select auth.uid())),
		'profile', (select jsonb_build_object('pseudonym', m.pseudonym, 'bio', m.bio, 'site_role', m.site_role, 'created_at', m.created_at)
			from public.members m where m.id = (select auth.uid())),
		'settings', (select jsonb_build_object('locale', s.locale, 'region', s.region, 'show_region', s.show_region) from public.member_settings s where s.member_id = (select auth.uid())),
		'communities', coalesce((select jsonb_agg(jsonb_build_object('community', c.name, 'joined_at', cm.joined_at) order by cm.joined_at)
			from public.community_members cm join public.communities c on c.id = cm.community_id
			where cm.member_id = (select auth.uid())), '[]'),
		'questions', coalesce((select jsonb_agg(jsonb_build_object('id', t.id, 'community', c.name, 'title', t.title,
				'text', t.body_markdown, 'tags', t.tags, 'anonymous', t.is_anonymous, 'wants_professional', t.wants_professional,
				'created_at', t.created_at, 'edited_at', t.edited_at, 'withdrawn_at', t.withdrawn_at) order by t.created_at)
			from public.threads t join public.communities c on c.id = t.community_id
			where t.author_id = (select auth.uid())), '[]'),
		'answers', coalesce((select jsonb_agg(jsonb_build_object('id', p.id, 'thread', p.thread_id, 'reply_to', p.parent_post_id,
				'text', p.body_markdown, 'created_at', p.created_at, 'edited_at', p.edited_at, 'withdrawn_at', p.withdrawn_at) order by p.created_at)
			from public.posts p where p.author_id = (select auth.uid())), '[]'),
		'previous_versions', coalesce((select jsonb_agg(jsonb_build_object('thread', r.thread_id, 'post', r.post_id,
				'title', r.title, 'text', r.body_markdown, 'written_at', r.written_at, 'replaced_at', r.replaced_at) order by r.replaced_at)
			from public.revisions r
			left join public.threads t on t.id = r.thread_id
			left join public.posts p on p.id = r.post_id
			where coalesce(t.author_id, p.author_id) = (select auth.uid())), '[]'),
		'helpful_votes', coalesce((select jsonb_agg(jsonb_build_object('post', v.post_id, 'at', v.created_at) order by v.created_at)
			from public.helpful_votes v where v.member_id = (select auth.uid())), '[]'),
		'me_toos', coalesce((select jsonb_agg(jsonb_build_object('thread', x.thread_id, 'at', x.created_at) order by x.created_at)
			from public.me_toos x where x.member_id = (select auth.uid())), '[]'),
		'follows', coalesce((select jsonb_agg(jsonb_build_object('thread', f.thread_id, 'at', f.created_at) order by f.created_at)
			from public.thread_follows f where f.member_id = (select auth.uid())), '[]'),
		'guide_versions', coalesce((select jsonb_agg(jsonb_build_object('guide', v.guide_id, 'number', v.number,
				'title', v.title, 'text', v.body_markdown, 'written_at', v.written_at) order by v.written_at)
			from public.guide_versions v where v.author_id = (select auth.uid())), '[]'),
		'guide_checks', coalesce((select jsonb_agg(jsonb_build_object('guide', r.guide_id, 'number', r.number,
				'at', r.reviewed_at, 'organisation', o.name) order by r.reviewed_at)
			from public.guide_reviews r left join public.organisations o on o.id = r.organisation_id
			where r.reviewer_id = (select auth.uid())), '[]'),
		'guides_marked_helpful', coalesce((select jsonb_agg(h.guide_id order by h.guide_id)
			from public.guide_helpful_marks h where h.member_id = (select auth.uid())), '[]'),
		'needs_summaries', coalesce((select jsonb_agg(jsonb_build_object('community', c.name, 'since', s.created_at) order by s.created_at)
			from public.needs_subscriptions s join public.communities c on c.id = s.community_id
			where s.member_id = (select auth.uid())), '[]'),
		'service_ideas', coalesce((select jsonb_agg(jsonb_build_object('idea', i.id, 'community', i.community_id,
				'title', i.title, 'text', i.body_markdown, 'created_at', i.created_at) order by i.created_at)
			from public.service_ideas i where i.author_id = (select auth.uid())), '[]'),
		'ideas_supported', coalesce((select jsonb_agg(jsonb_build_object('idea', s.idea_id, 'at', s.supported_at) order by s.supported_at)
			from public.idea_supports s where s.member_id = (select auth.uid())), '[]'),
		'idea_posts', coalesce((select jsonb_agg(jsonb_build_object('idea', c.idea_id, 'text', c.body_markdown,
				'created_at', c.created_at) order by c.created_at)
			from public.idea_comments c where c.author_id = (select auth.uid())), '[]'),
		'idea_official_answers', coalesce((select jsonb_agg(jsonb_build_object('idea', a.idea_id, 'state', a.state,
				'reasons', a.reasons, 'at', a.answered_at, 'organisation', o.name) order by a.answered_at)
			from public.idea_answers a left join public.organisations o on o.id = a.organisation_id
			where a.answered_by = (select auth.uid())), '[]'),
		'community_proposals', coalesce((select jsonb_agg(jsonb_build_object('name', cp.name, 'status', cp.status, 'created_at', cp.created_at) order by cp.created_at)
			from public.community_proposals cp where cp.proposed_by = (select auth.uid())), '[]'),
		'flags', coalesce((select jsonb_agg(jsonb_build_object('thread', f.thread_id, 'post', f.post_id, 'guide', f.guide_id, 'reason', f.reason,
				'note', f.note, 'created_at', f.created_at) order by f.created_at)
			from public.flags f where f.flagger_id = (select auth.uid())), '[]'),
		'notifications', coalesce((select jsonb_agg(to_jsonb(n) - 'member_id' order by n.created_at)
			from public.notifications n where n.member_id = (select auth.uid())), '[]'),
		'counsellor_profile', (select jsonb_build_object('profession', cp.profession, 'organisation', cp.organisation,
				'member_of', o.name, 'verified_at', cp.verified_at, 'withdrawn_at', cp.withdrawn_at)
			from public.counsellor_profiles cp left join public.organisations o on o.id = cp.organisation_id
			where cp.member_id = (select auth.uid())),
		-- Organisations the member recorded or verified as an admin (their own acts, not others' data).
		'organisations_kept', coalesce((select jsonb_agg(jsonb_build_object('organisation', o.name, 'action', e.action,
				'at', e.acted_at) order by e.acted_at)
			from public.organisation_events e join public.organisations o on o.id = e.organisation_id
			where e.acted_by = (select auth.uid()) and e.action in ('created', 'verified')), '[]')
	)
	where (select auth.uid()) is not null;
$$;
revoke execute on function public.export_my_forum_data() from public, anon, authenticated;

create function public.export_my_data() returns jsonb
language sql stable security definer set search_path = '' as $$
	select public.export_my_forum_data() || jsonb_build_object(
		'notification_settings', coalesce((select jsonb_agg(jsonb_build_object('kind', s.kind, 'delivery', s.delivery,
				'updated_at', s.updated_at) order by s.kind)
			from public.notification_settings s where s.member_id = (select auth.uid())), '[]'),
		'mails', coalesce((select jsonb_agg(jsonb_build_object('notification', o.notification_id,
				'digest', o.notification_id is null, 'created_at', o.created_at, 'sent_at', o.sent_at,
				'failed_at', o.failed_at) order by o.created_at)
			from public.mail_outbox o where o.member_id = (select auth.uid())), '[]'),
		-- Moderation about the member: their suspensions (who decided stays with the moderators).
		'suspensions', coalesce((select jsonb_agg(jsonb_build_object('community', c.name, 'reason', su.reason,
				'starts_at', su.starts_at, 'ends_at', su.ends_at, 'lifted_at', su.lifted_at) order by su.starts_at)
			from public.suspensions su join public.communities c on c.id = su.community_id
			where su.member_id = (select auth.uid())), '[]')
	)
	where (select auth.uid()) is not null;
$$;
revoke execute on function public.export_my_data() from public, anon;
