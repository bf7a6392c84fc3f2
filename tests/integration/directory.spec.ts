// The help directory: a postcode or a place finds services nearest first, with the
// distance Postgres computed, of the chosen topic; withdrawn services and those of
// unverified organisations stay out; an entry six months unconfirmed asks its
// organisation's counsellors once, and confirming starts the six months again.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { notificationPath } from '$lib/notification-kinds';
import * as search from '$lib/server/directory/search';
import * as services from '$lib/server/directory/services';
import * as organisations from '$lib/server/members/organisations';
import { anAdmin, counsellor, owner, rolledBackAt, type TestMember } from './escalations/support';

let keeper: TestMember;
let organisation: string;
const topic = 'sucht';
const made: Record<string, string> = {};

const input = (name: string, postcode: string, place: string): services.ServiceInput => ({
	name,
	kind: 'counselling',
	description: '',
	topics: [topic],
	onSite: true,
	online: false,
	street: 'Hauptstraße 1',
	postcode,
	place,
	hours: ['', '', '', '', '', '', ''],
	languages: ['de'],
	accessibility: '',
	phone: '030 123456',
	email: null,
	website: null
});

beforeAll(async () => {
	const admin = await anAdmin();
	keeper = await counsellor(null);
	organisation = await organisations.add(admin.claims, {
		name: `Suchtberatung ${randomUUID().slice(0, 8)}`,
		kind: 'counselling_service',
		region: null,
		website: null
	});
	await organisations.verify(admin.claims, organisation, true);
	await organisations.assign(admin.claims, keeper.id, organisation);
	made.leipzig = await services.add(
		keeper.claims,
		organisation,
		input('Leipzig', '04109', 'Leipzig')
	);
	made.halle = await services.add(keeper.claims, organisation, input('Halle', '06108', 'Halle'));
	made.munich = await services.add(
		keeper.claims,
		organisation,
		input('München', '80331', 'München')
	);
});

const mine = (found: search.Found[]) => found.filter((s) => Object.values(made).includes(s.id));

describe('the search', () => {
	it('lists the nearest first from a postcode, with distances', async () => {
		const from = await search.origin(null, '04103');
		expect(from?.label).toMatch(/^04103/);
		const found = mine(await search.nearest(null, from, topic));
		expect(found.map((s) => s.name)).toEqual(['Leipzig', 'Halle', 'München']);
		expect(found[0].metres).toBeLessThan(3_000);
		expect(found[1].metres).toBeGreaterThan(25_000);
		expect(found[1].metres).toBeLessThan(45_000);
	});

	it('starts from a place by name, in any case, and knows no made-up place', async () => {
		const from = await search.origin(null, 'münchen');
		expect(mine(await search.nearest(null, from, topic))[0].name).toBe('München');
		expect(await search.origin(null, 'Nirgendwo an der Weide')).toBeNull();
		expect(await search.origin(null, '00000')).toBeNull();
	});

	it('filters by topic and leaves withdrawn services out', async () => {
		const from = await search.origin(null, '04109');
		expect(mine(await search.nearest(null, from, 'pflege'))).toEqual([]);
		await services.withdraw(keeper.claims, made.halle, true);
		expect(mine(await search.nearest(keeper.claims, from, topic)).map((s) => s.name)).toEqual([
			'Leipzig',
			'München'
		]);
		await services.withdraw(keeper.claims, made.halle, false);
	});
});

describe('confirmation', () => {
	it('asks the counsellors once after six months; confirming starts again', async () => {
		await owner`update public.services set confirmed_at = now() - interval '7 months' where id = ${made.munich}`;
		await rolledBackAt(new Date(), async (tx) => {
			await tx`select public.ask_service_confirmations()`;
			await tx`select public.ask_service_confirmations()`;
			const told = await tx`select member_id from public.notifications
				where service_id = ${made.munich} and kind = 'service_confirmation_due'`;
			expect(told.map((row) => row.member_id)).toEqual([keeper.id]);
			const kind = 'service_confirmation_due';
			const leadsTo = { kind, threadId: null, postId: null, serviceId: made.munich };
			expect(notificationPath(leadsTo)).toBe(`/s/${made.munich}`);
		});
		await services.confirm(keeper.claims, made.munich);
		const [row] = await owner`select confirmed_at > now() - interval '1 minute' as fresh
			from public.services where id = ${made.munich}`;
		expect(row.fresh).toBe(true);
		await rolledBackAt(new Date(), async (tx) => {
			await tx`select public.ask_service_confirmations()`;
			const [{ n }] =
				await tx`select count(*)::int as n from public.notifications where service_id = ${made.munich}`;
			expect(n).toBe(0);
		});
	});
});
