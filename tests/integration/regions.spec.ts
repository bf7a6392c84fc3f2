// Regions as data: postcodes resolve to their Kreis, a Land covers its Kreise wherever a
// region filters, and a community's region switch keeps the radar and needs signal working.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as communities from '$lib/server/forum/communities';
import * as needs from '$lib/server/forum/needs';
import * as regions from '$lib/server/forum/regions';
import * as topicRadar from '$lib/server/forum/topic-radar';
import {
	dataMigration,
	migrationText,
	postcodesCsv,
	regionsCsv
} from '../../supabase/regions/build';
import {
	centroidMigration,
	centroidMigrationText,
	centroidsCsv
} from '../../supabase/regions/centroids';
import { createMember, owner, type TestMember } from './support';

let admin: TestMember;
let counsellor: TestMember;
let member: TestMember;
const topic = `Thema ${randomUUID().slice(0, 8)}`;
const made: Record<'local' | 'land' | 'supra' | 'elsewhere', string> = {} as never;

async function community(key: keyof typeof made, region: string | null) {
	const slug = `region-${key}-${randomUUID().slice(0, 8)}`;
	await communities.create(
		admin.claims,
		{
			slug,
			name: `Gemeinschaft ${slug}`,
			description: 'Zum Testen der Regionen.',
			rules: '',
			topic,
			region
		},
		null
	);
	made[key] = slug;
}

beforeAll(async () => {
	[admin, counsellor, member] = await Promise.all([
		createMember({ role: 'admin' }),
		createMember({ role: 'counsellor' }),
		createMember()
	]);
	await community('local', '14729'); // Landkreis Leipzig
	await community('land', '14'); // Sachsen as a whole
	await community('supra', null);
	await community('elsewhere', '09162'); // München, Landeshauptstadt
});

describe('the data', () => {
	it('holds the 16 Länder and 400 Kreise, and the migration carries the files verbatim', async () => {
		const counts =
			await owner`select level, count(*)::int from public.regions group by level order by level`;
		expect(counts).toEqual([
			{ level: 'land', count: 16 },
			{ level: 'kreis', count: 400 }
		]);
		const files = migrationText(
			readFileSync(regionsCsv, 'utf8'),
			readFileSync(postcodesCsv, 'utf8')
		);
		expect(readFileSync(dataMigration, 'utf8')).toBe(files);
		expect(readFileSync(centroidMigration, 'utf8')).toBe(
			centroidMigrationText(readFileSync(centroidsCsv, 'utf8'))
		);
	});

	it('gives every postcode and every region a centre inside Germany', async () => {
		const [row] = await owner<{ postcodes: number; missing: number; outside: number }[]>`
			select (select count(*)::int from public.postcode_centroids) as postcodes,
				(select count(*)::int from public.postcodes p where not exists (
					select 1 from public.postcode_centroids c where c.postcode = p.postcode)) +
				(select count(*)::int from public.regions where lat is null) as missing,
				(select count(*)::int from public.regions
					where lat not between 47.2 and 55.1 or lon not between 5.8 and 15.1) as outside`;
		expect(row).toEqual({ postcodes: 8170, missing: 0, outside: 0 });
		const [leipzig] = await owner<{ lat: number; lon: number }[]>`
			select lat, lon from public.regions where ags = '14713'`;
		expect(leipzig.lat).toBeCloseTo(51.34, 1);
		expect(leipzig.lon).toBeCloseTo(12.37, 1);
	});
});

describe('postcodes', () => {
	it('resolve to their Kreis', async () => {
		expect((await regions.byPostcode(null, '04109')).map((r) => r.label)).toEqual([
			'Leipzig, Stadt'
		]);
		expect((await regions.byPostcode(null, '10115')).map((r) => r.ags)).toEqual(['11000']);
	});

	it('that reach several Kreise name the primary one first', async () => {
		const found = await owner<{ count: number }[]>`
			select count(*)::int from (select postcode from public.postcodes group by postcode having count(*) > 1) several`;
		expect(found[0].count).toBeGreaterThan(50);
		const [several] = await owner<{ postcode: string; primary: string }[]>`
			select postcode, max(ags) filter (where is_primary) as primary from public.postcodes
			group by postcode having count(*) > 1 order by postcode limit 1`;
		const kreise = await regions.byPostcode(null, several.postcode);
		expect(kreise.length).toBeGreaterThan(1);
		expect(kreise[0].ags).toBe(several.primary);
	});

	it('unknown resolve to nothing', async () => {
		expect(await regions.byPostcode(null, '00000')).toEqual([]);
	});
});

describe('filters by region', () => {
	it('a Land includes its Kreise; a Kreis only itself', async () => {
		const inSachsen = (await communities.list(null, { region: '14' })).map((c) => c.slug);
		expect(inSachsen).toEqual(expect.arrayContaining([made.local, made.land, 'familien-leipzig']));
		expect(inSachsen).not.toContain(made.supra);
		expect(inSachsen).not.toContain(made.elsewhere);
		const inKreis = (await communities.list(null, { region: '14729' })).map((c) => c.slug);
		expect(inKreis).toContain(made.local);
		expect(inKreis).not.toContain(made.land);
	});

	it('offer the Länder and the Kreise that have communities', async () => {
		const lands = await regions.choices(null, true);
		expect(lands).toHaveLength(16);
		const sachsen = lands.find((land) => land.ags === '14')!;
		expect(sachsen.kreise.map((k) => k.label)).toEqual(
			expect.arrayContaining(['Landkreis Leipzig', 'Leipzig, Stadt'])
		);
		expect(sachsen.kreise.map((k) => k.ags)).not.toContain('14511'); // Chemnitz: none there
	});
});

describe('local and supra-local communities on one topic', () => {
	it('link each other, those near the member first', async () => {
		const fromLocal = await regions.related(null, made.local);
		expect(fromLocal.map((c) => c.slug)).toEqual([made.supra]);
		await regions.setMine(member.claims, '14729', false);
		const fromSupra = await regions.related(member.claims, made.supra);
		expect(fromSupra.map((c) => [c.slug, c.near])).toEqual([
			...[made.land, made.local].sort().map((slug) => [slug, true]),
			[made.elsewhere, false]
		]);
	});
});

describe('a community switched to a region key', () => {
	it('keeps the needs signal, a Land adding up its Kreise', async () => {
		const places = await needs.places(counsellor.claims);
		expect(places.find((p) => p.slug === made.local)).toMatchObject({
			region: '14729',
			regionLabel: 'Landkreis Leipzig',
			land: '14',
			landLabel: 'Sachsen'
		});
		const [{ ids }] = await owner<
			{ ids: string[] }[]
		>`select public.needs_communities(null, '14') as ids`;
		const [{ id }] = await owner<
			{ id: string }[]
		>`select id from public.communities where slug = ${made.local}`;
		expect(ids).toContain(id);
		await expect(needs.signal(counsellor.claims, { region: '14' })).resolves.toHaveProperty(
			'months'
		);
	});

	it('keeps the topic radar, naming the region', async () => {
		// One cell of the job's kind, without running the job under other files' feet.
		await owner`
			insert into public.topic_radar (month, community_id, measure, key, value)
			select date_trunc('month', now())::date, id, 'questions', '', 0 from public.communities
			where slug = ${made.local} on conflict do nothing`;
		const radar = await topicRadar.ofCommunity(null, made.local);
		expect(radar?.community).toEqual({
			slug: made.local,
			name: `Gemeinschaft ${made.local}`,
			region: 'Landkreis Leipzig'
		});
	});
});
