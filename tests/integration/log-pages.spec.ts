// The logs a page at a time (keyset, cursor.ts): the community's mod log, a member's own
// flags, and the admins' reveal and verification logs. Entries are written microseconds
// apart within one millisecond (which a Date cannot tell apart), many at the same
// instant: every entry comes once, in the database's order.
import { beforeAll, describe, expect, it } from 'vitest';
import * as counsellors from '$lib/server/counsellors';
import * as moderation from '$lib/server/moderation';
import * as ownFlags from '$lib/server/own-flags';
import * as safeguarding from '$lib/server/safeguarding';
import { community, member, moderator, question, type TestMember } from './escalations/support';
import { allPages, createMember, owner } from './support';
import * as threads from '$lib/server/threads';

// Within one millisecond: n % 7 + 1 microseconds after it.
const instant = (base: string) =>
	owner`${base}::timestamptz + interval '1 microsecond' * (n % 7 + 1)`;

let home: string;
let mod: TestMember;
let threadId: string;
beforeAll(async () => {
	home = await community();
	mod = await moderator(home);
	threadId = (await threads.ask(mod.claims, home, question())).id;
});

describe('the mod log', () => {
	it('comes 50 entries a page, each once, newest first', async () => {
		await owner`
			insert into public.mod_log (community_id, action, actor_id, thread_id, reason, at)
			select ${home}, 'locked', ${mod.id}, ${threadId}, 'Eintrag ' || n, ${instant('2026-11-20 12:00:00.123')}
			from generate_series(1, 60) n`;
		const pages = await allPages((after) => moderation.log(mod.claims, home, after));
		const [all] = await owner<{ ids: string[] }[]>`
			select array_agg(id::text order by at desc, id desc) as ids from public.mod_log
			where community_id = ${home}`;
		expect(pages.flatMap((page) => page.entries.map((entry) => entry.id))).toEqual(all.ids);
		expect(pages[0].entries).toHaveLength(50);
	});
});

describe("a member's own flags", () => {
	it('come 50 a page, each once, newest first', async () => {
		const flagger = await member(home);
		// Written as they stand, without the triggers that would act on them.
		await owner.begin(async (tx) => {
			await tx`set local session_replication_role = replica`;
			// One flag per thread and member: sixty threads.
			await tx`
				with asked as (
					insert into public.threads (community_id, author_id, title, body_markdown, body_html)
					select ${home}, ${mod.id}, 'Gemeldet ' || n, 'Text', '<p>Text</p>'
					from generate_series(1, 60) n
					returning id, substring(title from '\\d+$')::int as n
				)
				insert into public.flags (flagger_id, thread_id, community_id, reason, created_at)
				select ${flagger.id}, id, ${home}, 'spam', ${instant('2026-11-20 12:00:00.123')}
				from asked`;
		});
		const pages = await allPages((after) => ownFlags.myFlags(flagger.claims, after));
		const [all] = await owner<{ ids: string[] }[]>`
			select array_agg(id order by created_at desc, id desc) as ids from public.flags
			where flagger_id = ${flagger.id}`;
		expect(pages.map((page) => page.flags.length)).toEqual([50, 10]);
		expect(pages.flatMap((page) => page.flags.map((flag) => flag.id))).toEqual(all.ids);
	});
});

/** Of all entries seen, those the test wrote come once each, in the database's order. */
function expectOnceInOrder(seen: string[], written: string[]) {
	expect(new Set(seen).size).toBe(seen.length);
	expect(seen.filter((id) => written.includes(id))).toEqual(written);
}

describe("the admins' logs", () => {
	// Shared by every test file: entries written long ago, so other files' newer entries
	// come before them; of all entries, these come once and in the database's order.
	let admin: TestMember;
	beforeAll(async () => {
		admin = await createMember({ role: 'admin' });
	});

	it('page the reveals: each once, newest first', async () => {
		const rows = await owner<{ id: string }[]>`
			insert into public.author_reveals (community_id, thread_id, revealed_by, revealer_pseudonym, reason, revealed_at)
			select ${home}, ${threadId}, ${admin.id}, ${admin.pseudonym}, 'Krise in der Familie ' || n,
				${instant('2020-01-01 12:00:00.123')}
			from generate_series(1, 60) n
			returning id::text`;
		const pages = await allPages((after) => safeguarding.revealLog(admin.claims, after));
		const [written] = await owner<{ ids: string[] }[]>`
			select array_agg(id::text order by revealed_at desc, id desc) as ids from public.author_reveals
			where id = any(${rows.map((row) => row.id)}::bigint[])`;
		expectOnceInOrder(
			pages.flatMap((page) => page.entries.map((entry) => entry.id)),
			written.ids
		);
		expect(pages[0].entries).toHaveLength(50);
	});

	it('page the verifications: each once, newest first', async () => {
		const expert = await createMember();
		const rows = await owner<{ id: string }[]>`
			insert into public.counsellor_verifications (member_id, action, profession, organisation, serves_all, acted_by, acted_at)
			select ${expert.id}, 'verified', 'Sozialpädagogin', 'Beratungsstelle', true, ${admin.id},
				${instant('2020-01-01 12:00:00.123')}
			from generate_series(1, 60) n
			returning id::text`;
		const pages = await allPages((after) => counsellors.log(admin.claims, after));
		const [written] = await owner<{ ids: string[] }[]>`
			select array_agg(id::text order by acted_at desc, id desc) as ids from public.counsellor_verifications
			where id = any(${rows.map((row) => row.id)}::bigint[])`;
		expectOnceInOrder(
			pages.flatMap((page) => page.entries.map((entry) => entry.id)),
			written.ids
		);
		expect(pages[0].entries).toHaveLength(50);
	});
});
