// The order in which triggers fire. Postgres fires the triggers of one table, timing and
// event in the order of their names, so a new or renamed trigger can change what another
// one sees. Where the order matters for threads and posts is written down at the top of
// supabase/migrations/20261125100500_threads.sql; this list holds every table's order, so
// that a change to it is made on purpose and that comment kept true.
import { describe, expect, it } from 'vitest';
import { owner } from './support';

/** "table timing event": the triggers in the order they fire, where there is more than one. */
const order: Record<string, string[]> = {
	'communities after update': [
		'audit_community_settings',
		'log_community_texts',
		'log_moderation_settings',
		'raise_page_generation'
	],
	'crisis_words after delete': ['audit_crisis_words', 'compile_crisis_lexicon'],
	'crisis_words after insert': ['audit_crisis_words', 'compile_crisis_lexicon'],
	'crisis_words after update': ['audit_crisis_words', 'compile_crisis_lexicon'],
	'escalation_events after insert': ['alert_on_escalation_event', 'remember_first_claim'],
	'escalations after insert': ['announce_change', 'mark_thread_escalated', 'notify_on_escalation'],
	'escalations after update': ['alert_on_escalation_move', 'announce_change'],
	'flags after insert': ['escalate_flag', 'moderate_flag'],
	'flags before insert': ['limit_flagging', 'refuse_suspended', 'set_flag_community'],
	// The newest version takes over "current" before its HTML is set; neither reads the other.
	'guide_threads after insert': ['notify_on_guide_citation', 'raise_version_of_guides_threads'],
	'guide_versions before insert': ['keep_current_guide_version', 'set_body_html'],
	'helpful_votes after insert': ['count_helpful_votes', 'notify_on_helpful_vote'],
	'notifications after insert': ['announce_change', 'queue_notification_mail'],
	'posts after delete': ['count_posts', 'count_shown_answers'],
	'posts after insert': [
		'count_posts',
		'count_shown_answers',
		'detect_crisis',
		'notify_on_post',
		'protect_community',
		'record_professional_answer',
		'track_peer_answer'
	],
	'posts after update': [
		'count_shown_answers',
		'detect_crisis',
		'forget_withdrawn_answer',
		'notify_on_hold_change',
		'protect_community',
		'raise_version_of_posts_thread',
		'track_peer_answer'
	],
	'posts before insert': [
		'apply_thread_defaults',
		'check_reply_parent',
		'limit_posting',
		'mark_professional_post',
		'refuse_locked',
		'refuse_suspended',
		'set_body_html'
	],
	'posts before update': ['limit_editing', 'set_body_html', 'track_text_changes'],
	'threads after delete': ['count_shown_threads', 'keep_title_words'],
	'threads after insert': [
		'count_shown_threads',
		'detect_crisis',
		'escalate_asker_request',
		'keep_title_words',
		'protect_community'
	],
	'threads after update': [
		'announce_change',
		'count_shown_threads',
		'detect_crisis',
		'follow_thread_community',
		'hide_posts_with_thread',
		'keep_title_words',
		'notify_on_accept',
		'protect_community'
	],
	'threads before insert': ['limit_posting', 'refuse_suspended', 'set_body_html'],
	'threads before update': [
		'check_accepted_post',
		'limit_editing',
		'raise_thread_version',
		'set_body_html',
		'track_text_changes'
	]
};

describe('trigger order', () => {
	it('is the order listed here, for every table, timing and event with several triggers', async () => {
		const rows = await owner<{ key: string; names: string[] }[]>`
			with event(bit, name) as (values (4, 'insert'), (16, 'update'), (8, 'delete'))
			select c.relname || ' ' || case when t.tgtype & 2 = 2 then 'before' else 'after' end || ' ' || e.name as key,
				array_agg(t.tgname::text order by t.tgname) as names
			from pg_trigger t
			join pg_class c on c.oid = t.tgrelid
			join pg_namespace n on n.oid = c.relnamespace
			join event e on t.tgtype & e.bit = e.bit
			where n.nspname = 'public' and not t.tgisinternal
			group by c.relname, t.tgtype & 2, e.name
			having count(*) > 1`;
		expect(Object.fromEntries(rows.map((row) => [row.key, row.names]))).toEqual(order);
	});
});
