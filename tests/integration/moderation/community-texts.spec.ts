// A community's description and rules: its moderators and admins edit them, nobody else
// (not a member, not a moderator of another community, not a visitor), and every change
// lands in the community's mod log, which its members read: who, when, what changed.
import { beforeAll, describe, expect, it } from 'vitest';
import * as communities from '$lib/server/communities';
import { NotAllowed } from '$lib/server/db-errors';
import { transaction } from '$lib/server/db';
import * as moderation from '$lib/server/moderation';
import { community, member, moderator, owner, type TestMember } from './support';
import { anAdmin } from '../escalations/support';

let home: string;
let mod: TestMember;
let otherMod: TestMember;
let peer: TestMember;
let admin: TestMember;

beforeAll(async () => {
	const other = await community();
	home = await community();
	[mod, otherMod, peer, admin] = await Promise.all([
		moderator(home),
		moderator(other),
		member(home),
		anAdmin()
	]);
	await owner`update public.communities set mod_log_names_moderators = true where id = ${home}`;
});

const texts = async () =>
	(
		await owner<{ description: string; rules: string }[]>`
		select description, rules from public.communities where id = ${home}`
	)[0];

describe('editing the description and rules', () => {
	it('is the community’s moderators’ and admins’, each change in the mod log', async () => {
		const start = new Date();
		await communities.updateTexts(mod.claims, home, {
			description: 'Eltern von Kindern mit Autismus tauschen sich über Schule aus.',
			rules: '1. Freundlich bleiben.\n2. Keine Namen von Schulen.'
		});
		expect(await texts()).toEqual({
			description: 'Eltern von Kindern mit Autismus tauschen sich über Schule aus.',
			rules: '1. Freundlich bleiben.\n2. Keine Namen von Schulen.'
		});
		// Only the rules change: one entry, by the admin.
		await communities.updateTexts(admin.claims, home, {
			description: 'Eltern von Kindern mit Autismus tauschen sich über Schule aus.',
			rules: '1. Freundlich bleiben.'
		});
		// Saved unchanged: nothing to log.
		await communities.updateTexts(admin.claims, home, {
			description: 'Eltern von Kindern mit Autismus tauschen sich über Schule aus.',
			rules: '1. Freundlich bleiben.'
		});

		const entries = (await moderation.log(peer.claims, home)).entries.filter((entry) =>
			['description_changed', 'rules_changed'].includes(entry.action)
		);
		expect(entries.map(({ action, moderator }) => ({ action, moderator }))).toEqual([
			{ action: 'rules_changed', moderator: admin.pseudonym },
			{ action: 'rules_changed', moderator: mod.pseudonym },
			{ action: 'description_changed', moderator: mod.pseudonym }
		]);
		for (const entry of entries) {
			expect(entry.at.getTime()).toBeGreaterThanOrEqual(start.getTime() - 1000);
			// What changed, not the texts themselves: the community page shows those.
			expect(entry.reason).toBeNull();
		}
	});

	for (const [who, claims] of [
		['a member', () => peer.claims],
		['a moderator of another community', () => otherMod.claims]
	] as const) {
		it(`is refused to ${who}, and nothing is logged`, async () => {
			const before = await texts();
			const logged = (await moderation.log(mod.claims, home)).entries.length;
			await expect(
				communities.updateTexts(claims(), home, {
					description: 'Hier schreibt jemand ohne Recht dazu.',
					rules: 'Keine.'
				})
			).rejects.toBeInstanceOf(NotAllowed);
			expect(await texts()).toEqual(before);
			expect((await moderation.log(mod.claims, home)).entries).toHaveLength(logged);
		});
	}

	it('is refused to visitors', async () => {
		await expect(
			transaction(
				null,
				(tx) =>
					tx`update public.communities set description = 'Von außen geändert.' where id = ${home}`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('keeps the limits in the database too', async () => {
		await expect(
			communities.updateTexts(mod.claims, home, {
				description: 'Eine gültige Beschreibung.',
				rules: 'x'.repeat(4001)
			})
		).rejects.toMatchObject({ code: '23514' });
		await expect(
			communities.updateTexts(mod.claims, home, {
				description: 'x'.repeat(1001),
				rules: ''
			})
		).rejects.toMatchObject({ code: '23514' });
	});

	it('is logged however the row is changed, naming nobody where the community says so', async () => {
		await owner`update public.communities set mod_log_names_moderators = false where id = ${home}`;
		// Straight through SQL as the moderator, as the Data API would run it, one text at a time.
		await transaction(
			mod.claims,
			(tx) =>
				tx`update public.communities set description = 'Direkt geändert, auch protokolliert.' where id = ${home}`
		);
		await transaction(
			mod.claims,
			(tx) =>
				tx`update public.communities set rules = 'Direkt geänderte Regeln.' where id = ${home}`
		);
		const [rules, description] = (await moderation.log(peer.claims, home)).entries;
		expect(description).toMatchObject({ action: 'description_changed', moderator: null });
		expect(rules).toMatchObject({ action: 'rules_changed', moderator: null });
		await owner`update public.communities set mod_log_names_moderators = true where id = ${home}`;
	});
});
