// The safeguarding audit: every change of crisis policy, due times, waiting time, crisis
// words, helplines and staffed hours is logged with who and when and the old and new
// values, read by admins only, and keeps naming whoever made it after their account is gone.
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction, type Claims } from '$lib/server/db';
import * as crisisWords from '$lib/server/crisis-words';
import * as settings from '$lib/server/escalation-settings';
import * as helplines from '$lib/server/helplines';
import * as privacy from '$lib/server/privacy';
import * as audit from '$lib/server/safeguarding-audit';
import * as staffedHours from '$lib/server/staffed-hours';
import { createMember } from '../support';
import {
	anAdmin,
	community,
	counsellor,
	member,
	moderator,
	owner,
	type TestMember
} from './support';

let admin: TestMember;
let served: string;

beforeAll(async () => {
	admin = await anAdmin();
	served = await community();
});

/** The newest entries about a label, as the admins' page reads them. */
async function entriesAbout(label: string) {
	const { entries } = await audit.log(admin.claims);
	return entries.filter((entry) => entry.label === label);
}

describe('a community’s escalation settings', () => {
	it('are logged with who changed which from what to what', async () => {
		// An admin changes them here (moderators may too), and later deletes the account.
		const mod = await createMember({ role: 'admin' });
		const [{ name }] = await owner<{ name: string }[]>`
			select name from public.communities where id = ${served}`;
		await settings.update(mod.claims, served, {
			waitingMinutes: 48 * 60,
			dueMinutes: { urgent: 24 * 60, high: 24 * 60, normal: 48 * 60 },
			crisisPolicy: 'hold'
		});
		const [entry] = await entriesAbout(name);
		expect(entry).toMatchObject({
			actor: mod.pseudonym,
			subject: 'community_settings',
			action: 'changed',
			oldValue: { crisis_policy: 'publish', due_urgent_minutes: 60 },
			newValue: { crisis_policy: 'hold', due_urgent_minutes: 24 * 60 }
		});
		expect(entry.at).toBeInstanceOf(Date);
		// Saving the same again logs nothing.
		await settings.update(mod.claims, served, {
			waitingMinutes: 48 * 60,
			dueMinutes: { urgent: 24 * 60, high: 24 * 60, normal: 48 * 60 },
			crisisPolicy: 'hold'
		});
		expect(await entriesAbout(name)).toHaveLength(1);

		// The account goes; the entry still says who it was.
		await privacy.deleteAccount(mod.claims);
		const [kept] = await entriesAbout(name);
		expect(kept).toMatchObject({ id: entry.id, actor: mod.pseudonym });
	});
});

describe('crisis words, helplines and staffed hours', () => {
	it('are logged when added, changed and removed', async () => {
		const word = `Testkrise${Date.now()}`;
		const wordId = await crisisWords.add(admin.claims, {
			word,
			language: 'de',
			kind: 'risk',
			category: 'suicide'
		});
		await crisisWords.remove(admin.claims, wordId);
		expect(
			(await entriesAbout(word)).map((e) => [e.action, e.actor, e.oldValue, e.newValue])
		).toEqual([
			['removed', admin.pseudonym, expect.objectContaining({ word }), null],
			[
				'added',
				admin.pseudonym,
				null,
				expect.objectContaining({ word, language: 'de', kind: 'risk', category: 'suicide' })
			]
		]);

		const name = `Sorgentelefon Test ${Date.now()}`;
		const line = {
			nameDe: name,
			nameEn: '',
			phone: '0341 111',
			descriptionDe: '',
			descriptionEn: '',
			alwaysOpen: false,
			hoursDe: 'Mo 9–12 Uhr',
			hoursEn: '',
			onlineUrl: null,
			region: null,
			position: 900
		};
		const id = await helplines.add(admin.claims, line);
		await helplines.update(admin.claims, id, { ...line, alwaysOpen: true });
		await helplines.remove(admin.claims, id);
		const [removed, changed, added] = await entriesAbout(name);
		expect(added).toMatchObject({ action: 'added', newValue: { phone: '0341 111' } });
		expect(changed).toMatchObject({
			action: 'changed',
			oldValue: { always_open: false, hours_de: 'Mo 9–12 Uhr' },
			newValue: { always_open: true, hours_de: '' }
		});
		expect(removed).toMatchObject({ action: 'removed', actor: admin.pseudonym });
	});

	it('staffed hours are logged per day, only when a day changes', async () => {
		const before = await staffedHours.read(admin.claims);
		try {
			await staffedHours.save(admin.claims, { ...before, 6: { opens: '10:00', closes: '12:00' } });
			await staffedHours.save(admin.claims, { ...before, 6: { opens: '10:00', closes: '12:00' } });
			const saturday = (await entriesAbout('6')).filter((e) => e.subject === 'staffed_hours');
			expect(saturday[0]).toMatchObject({
				action: 'added',
				actor: admin.pseudonym,
				newValue: { opens: '10:00:00', closes: '12:00:00' }
			});
			expect(saturday.filter((e) => e.at >= saturday[0].at)).toHaveLength(1);
		} finally {
			await staffedHours.save(admin.claims, before);
		}
	});
});

describe('the audit', () => {
	const read = (claims: Claims | null) =>
		transaction(claims, (tx) => tx`select * from public.safeguarding_audit`);

	it('is read by admins only, and written by nobody', async () => {
		expect((await read(admin.claims)).length).toBeGreaterThan(0);
		const [someone, mod, professional] = await Promise.all([
			member(served),
			moderator(served),
			counsellor([served])
		]);
		for (const who of [someone, mod, professional]) {
			expect(await read(who.claims)).toEqual([]);
			await expect(
				transaction(
					who.claims,
					(tx) => tx`insert into public.safeguarding_audit (subject, action, label)
						values ('helpline', 'added', 'gefälscht')`
				)
			).rejects.toMatchObject({ code: '42501' });
		}
		await expect(read(null)).rejects.toMatchObject({ code: '42501' });
		for (const claims of [admin.claims]) {
			await expect(
				transaction(claims, (tx) => tx`delete from public.safeguarding_audit`)
			).rejects.toMatchObject({ code: '42501' });
		}
	});
});

describe('staffed hours', () => {
	it('are read by everyone and set by admins only', async () => {
		const someone = await member();
		expect(await staffedHours.read(null)).toEqual(await staffedHours.read(someone.claims));
		await expect(
			staffedHours.save(someone.claims, { 7: { opens: '08:00', closes: '09:00' } })
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			transaction(someone.claims, (tx) => tx`delete from public.staffed_hours`)
		).resolves.toMatchObject({ count: 0 });
		expect(Object.keys(await staffedHours.read(null)).length).toBeGreaterThan(0);
	});
});
