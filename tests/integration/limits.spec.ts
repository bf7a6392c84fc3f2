// limits.ts is the source of every length limit: this holds the database to it (the app's
// lists and the database's enums: enums.spec.ts). Each limit is written as the owner with triggers and
// foreign keys off (session_replication_role = replica), so only the table's own checks
// judge the value, in a transaction that is rolled back.
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { limits } from '$lib/limits';
import { owner } from './support';

const id = () => randomUUID();
/** A row each table accepts, its checked column to be set by the case. */
const rows: Record<string, () => Record<string, unknown>> = {
	members: () => ({ id: id(), pseudonym: `Grenze_${id().slice(0, 8)}` }),
	communities: () => ({ slug: `grenze-${id().slice(0, 8)}`, name: 'Grenzen', topic: 'Test' }),
	community_proposals: () => ({ name: 'Grenzen', description: 'Eine Beschreibung', topic: 'Test' }),
	counsellor_profiles: () => ({ member_id: id(), profession: 'Beraterin', organisation: 'Träger' }),
	counsellor_verifications: () => ({ member_id: id(), action: 'withdrawn', reason: 'Grund' }),
	threads: () => ({
		community_id: id(),
		title: 'Eine Frage mit Titel',
		body_markdown: 'Text',
		body_html: '<p>Text</p>'
	}),
	posts: () => ({
		thread_id: id(),
		is_anonymous: false,
		body_markdown: 'Text',
		body_html: '<p>Text</p>'
	}),
	flags: () => ({ community_id: id(), thread_id: id(), reason: 'spam' }),
	suspensions: () => ({ community_id: id(), member_id: id(), reason: 'Grund' }),
	watched_words: () => ({ community_id: id(), word: 'wort', action: 'flag' }),
	escalations: () => ({
		thread_id: id(),
		community_id: id(),
		priority: 'normal',
		due_at: new Date()
	}),
	escalation_notes: () => ({ escalation_id: id(), body: 'Notiz' }),
	author_reveals: () => ({
		community_id: id(),
		thread_id: id(),
		revealed_by: id(),
		revealer_pseudonym: 'Anna',
		reason: 'Ein Grund zum Aufdecken'
	}),
	helplines: () => ({ name_de: 'Telefon', phone: '0800 111 0 111' }),
	crisis_words: () => ({ word: 'wort', language: 'de', kind: 'harmless_phrase' }),
	service_ideas: () => ({
		community_id: id(),
		title: 'Eine Idee mit Titel',
		body_markdown: 'Text',
		body_html: '<p>Text</p>'
	}),
	idea_comments: () => ({ idea_id: id(), body_markdown: 'Text', body_html: '<p>Text</p>' }),
	idea_answers: () => ({ idea_id: id(), state: 'done', reasons: 'Grund' }),
	organisations: () => ({ name: `Träger ${id().slice(0, 8)}`, kind: 'other' }),
	shared_resources: () => ({ organisation_id: id(), kind: 'room', title: 'Ein Raum' }),
	resource_requests: () => ({ organisation_id: id(), kind: 'room', title: 'Ein Raum' }),
	resource_bookings: () => ({
		resource_id: id(),
		organisation_id: id(),
		span: '[2030-01-01 10:00+00,2030-01-01 12:00+00)'
	})
};

const letters = (n: number) => 'a'.repeat(n);
const digits = (n: number) => '1'.repeat(n);
const address = (n: number) => 'https://' + 'a'.repeat(n - 'https://'.length);
const tags = (n: number) => Array.from({ length: n }, (_, i) => `tag-${i}`);
const tag = (n: number) => [letters(n)];

type Case = {
	/** The limits in limits.ts this column holds: group.name of the maximum and the minimum. */
	max: string;
	min?: string;
	table: string;
	column: string;
	value?: (n: number) => unknown;
};
const cases: Case[] = [
	{ max: 'member.pseudonymMax', min: 'member.pseudonymMin', table: 'members', column: 'pseudonym' },
	{ max: 'member.bioMax', table: 'members', column: 'bio' },
	{ max: 'community.nameMax', min: 'community.nameMin', table: 'communities', column: 'name' },
	{ max: 'community.slugMax', table: 'communities', column: 'slug' },
	{ max: 'community.descriptionMax', table: 'communities', column: 'description' },
	{ max: 'community.rulesMax', table: 'communities', column: 'rules' },
	{ max: 'community.topicMax', min: 'community.topicMin', table: 'communities', column: 'topic' },
	{
		max: 'community.nameMax',
		min: 'community.nameMin',
		table: 'community_proposals',
		column: 'name'
	},
	{
		max: 'community.descriptionMax',
		min: 'community.descriptionMin',
		table: 'community_proposals',
		column: 'description'
	},
	{
		max: 'community.topicMax',
		min: 'community.topicMin',
		table: 'community_proposals',
		column: 'topic'
	},
	{ max: 'thread.titleMax', min: 'thread.titleMin', table: 'threads', column: 'title' },
	{ max: 'thread.tags', table: 'threads', column: 'tags', value: tags },
	{ max: 'thread.tagMax', min: 'thread.tagMin', table: 'threads', column: 'tags', value: tag },
	{ max: 'post.bodyMax', table: 'threads', column: 'body_markdown' },
	{ max: 'post.bodyMax', table: 'posts', column: 'body_markdown' },
	{ max: 'flag.noteMax', table: 'flags', column: 'note' },
	{
		max: 'moderation.reasonMax',
		min: 'moderation.reasonMin',
		table: 'suspensions',
		column: 'reason'
	},
	{ max: 'moderation.reasonMax', table: 'threads', column: 'removal_reason' },
	{ max: 'moderation.reasonMax', table: 'posts', column: 'removal_reason' },
	{
		max: 'moderation.watchedWordMax',
		min: 'moderation.watchedWordMin',
		table: 'watched_words',
		column: 'word'
	},
	{
		max: 'counsellor.professionMax',
		min: 'counsellor.professionMin',
		table: 'counsellor_profiles',
		column: 'profession'
	},
	{
		max: 'counsellor.organisationMax',
		min: 'counsellor.organisationMin',
		table: 'counsellor_profiles',
		column: 'organisation'
	},
	{
		max: 'counsellor.withdrawalReasonMax',
		min: 'counsellor.withdrawalReasonMin',
		table: 'counsellor_verifications',
		column: 'reason'
	},
	{ max: 'escalation.noteMax', table: 'escalation_notes', column: 'body' },
	...['shared_resources', 'resource_requests'].flatMap((table) => [
		{ max: 'sharing.titleMax', min: 'sharing.titleMin', table, column: 'title' },
		{ max: 'sharing.descriptionMax', table, column: 'description' }
	]),
	{ max: 'sharing.placeMax', table: 'shared_resources', column: 'place' },
	{ max: 'sharing.conditionsMax', table: 'shared_resources', column: 'conditions' },
	{ max: 'sharing.messageMax', table: 'resource_bookings', column: 'message' },
	{ max: 'sharing.reasonMax', table: 'resource_bookings', column: 'decline_reason' },
	{ max: 'escalation.referredServiceMax', table: 'escalations', column: 'referred_service' },
	{ max: 'escalation.referredContactMax', table: 'escalations', column: 'referred_contact' },
	{ max: 'escalation.resolutionNoteMax', table: 'escalations', column: 'resolution_note' },
	{
		max: 'escalation.revealReasonMax',
		min: 'escalation.revealReasonMin',
		table: 'author_reveals',
		column: 'reason'
	},
	{ max: 'helpline.nameMax', min: 'helpline.nameMin', table: 'helplines', column: 'name_de' },
	{ max: 'helpline.nameMax', table: 'helplines', column: 'name_en' },
	{
		max: 'helpline.phoneMax',
		min: 'helpline.phoneMin',
		table: 'helplines',
		column: 'phone',
		value: digits
	},
	{ max: 'helpline.descriptionMax', table: 'helplines', column: 'description_de' },
	{ max: 'helpline.descriptionMax', table: 'helplines', column: 'description_en' },
	{ max: 'helpline.hoursMax', table: 'helplines', column: 'hours_de' },
	{ max: 'helpline.hoursMax', table: 'helplines', column: 'hours_en' },
	{ max: 'helpline.onlineUrlMax', table: 'helplines', column: 'online_url', value: address },
	{ max: 'helpline.regionMax', min: 'helpline.regionMin', table: 'helplines', column: 'region' },
	{ max: 'crisisWord.wordMax', min: 'crisisWord.wordMin', table: 'crisis_words', column: 'word' },
	{ max: 'thread.titleMax', min: 'thread.titleMin', table: 'service_ideas', column: 'title' },
	{ max: 'post.bodyMax', table: 'service_ideas', column: 'body_markdown' },
	{ max: 'post.bodyMax', table: 'idea_comments', column: 'body_markdown' },
	{ max: 'idea.reasonsMax', min: 'idea.reasonsMin', table: 'idea_answers', column: 'reasons' },
	{
		max: 'organisation.nameMax',
		min: 'organisation.nameMin',
		table: 'organisations',
		column: 'name'
	},
	{ max: 'organisation.websiteMax', table: 'organisations', column: 'website', value: address },
	{
		max: 'idea.supportThresholdMax',
		min: 'idea.supportThresholdMin',
		table: 'communities',
		column: 'idea_support_threshold',
		value: (n) => n
	}
];

/** Limits the database does not hold, and why (README, "Limits"). */
const appOnly = [
	// Auth keeps e-mail addresses and passwords; a typed current password is only compared.
	'member.emailMax',
	'member.passwordMin',
	'member.passwordMax',
	'member.currentPasswordMax',
	// A community's description may be empty until its moderators write one (seed, admins'
	// tools); what people write through the forms has the minimum.
	'community.descriptionMin',
	// Only the app renders markdown.
	'markdown.elements',
	'markdown.tableColumns',
	'markdown.nesting',
	'markdown.emphasisMarks',
	// Read to find something, never stored.
	'escalation.duplicateAddressMax',
	'search.queryMax',
	'search.communityQueryMax',
	// Checked by public.check_handover_reason (tested below): the history's detail holds more.
	'escalation.handoverReasonMin',
	'escalation.handoverReasonMax',
	// Checked by public.decide_booking (bookings.spec.ts): only a decline needs a reason.
	'sharing.reasonMin'
];

const figure = (name: string) => {
	const [group, key] = name.split('.');
	return (limits as unknown as Record<string, Record<string, number>>)[group][key];
};

/** The error the database gives for the row with the column set to the value, or null. */
async function attempt(sql: postgres.TransactionSql, table: string, row: Record<string, unknown>) {
	try {
		await sql.savepoint((sp) => sp`insert into ${sp('public.' + table)} ${sp(row as never)}`);
		return null;
	} catch (error) {
		return error as postgres.PostgresError;
	}
}

/** Runs the check as the owner with triggers and foreign keys off, then rolls back. */
async function rolledBack(check: (sql: postgres.TransactionSql) => Promise<void>) {
	const done = new Error('rolled back');
	await owner
		.begin(async (sql) => {
			await sql`set local session_replication_role = replica`;
			await check(sql);
			throw done;
		})
		.catch((error) => {
			if (error !== done) throw error;
		});
}

describe('limits.ts holds the database', () => {
	it('names every limit either in a check of the database or as the app’s alone', () => {
		const all = Object.entries(limits).flatMap(([group, values]) =>
			Object.keys(values).map((key) => `${group}.${key}`)
		);
		const held = cases.flatMap((c) => [c.max, ...(c.min ? [c.min] : [])]);
		expect(new Set([...held, ...appOnly])).toEqual(new Set(all));
	});

	for (const c of cases) {
		const range = c.min ? `${figure(c.min)}–${figure(c.max)}` : `≤ ${figure(c.max)}`;
		it(`${c.table}.${c.column}: ${range} (${c.min ? c.min + ', ' : ''}${c.max})`, async () => {
			const value = c.value ?? letters;
			const probe = (n: number, sql: postgres.TransactionSql) =>
				attempt(sql, c.table, { ...rows[c.table](), [c.column]: value(n) });
			await rolledBack(async (sql) => {
				const max = figure(c.max);
				expect(await probe(max, sql), `${max} accepted`).toBeNull();
				expect(await probe(max + 1, sql), `${max + 1} refused`).toMatchObject({
					code: '23514',
					table_name: c.table
				});
				if (!c.min) return;
				const min = figure(c.min);
				expect(await probe(min, sql), `${min} accepted`).toBeNull();
				expect(await probe(min - 1, sql), `${min - 1} refused`).toMatchObject({
					code: '23514',
					table_name: c.table
				});
			});
		});
	}

	it('a handover reason: the history keeps escalation.handoverReasonMin–Max', async () => {
		const { handoverReasonMin: min, handoverReasonMax: max } = limits.escalation;
		// Someone else's claimed item: taking it needs a reason.
		const item = JSON.stringify({ state: 'claimed', claimed_by: id() });
		const check = (reason: string) =>
			owner`select public.check_handover_reason(jsonb_populate_record(null::public.escalations, ${item}::text::jsonb), ${reason})`;
		await expect(check(letters(max))).resolves.toBeDefined();
		await expect(check(letters(min))).resolves.toBeDefined();
		await expect(check(letters(max + 1))).rejects.toMatchObject({ code: '23514' });
		await expect(check(letters(min - 1))).rejects.toMatchObject({ code: '23514' });
	});
});
