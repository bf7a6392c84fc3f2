// Every page, one list per role: the accessibility round (every-page.e2e.ts) and the phone
// widths (phone-widths.e2e.ts) visit the same ones. Lists that name a queue item read it
// from the demo data.
import { expect, owner } from './fixtures';

export const leosThread = '20000000-0000-4000-8000-000000000001';
export const anonymousThread = '20000000-0000-4000-8000-000000000002';
export const samsThread = '20000000-0000-4000-8000-000000000004';
const missingThread = '20000000-0000-4000-8000-0000000000ff';
export const demoGuide = '60000000-0000-4000-8000-000000000001';
/** Service ideas of the demo seed: Mama_von_Leo's, accepted; PapaTim's, awaiting a statement; one done in "Autismus & Schule". */
export const demoIdea = '70000000-0000-4000-8000-000000000001';
export const awaitingIdea = '70000000-0000-4000-8000-000000000002';
const doneIdea = '70000000-0000-4000-8000-000000000004';
/** Organisations of the demo seed: Anna_Fachberatung's (verified), one waiting for verification. */
export const demoOrganisation = '80000000-0000-4000-8000-000000000001';
const waitingOrganisation = '80000000-0000-4000-8000-000000000004';
/** Sharing in the demo seed: Familienhilfe Sachsen's room, another organisation's bus, a request; a booking of the room awaiting Anna_Fachberatung's decision, a confirmed one. */
const demoRoom = '81000000-0000-4000-8000-000000000001';
const demoBus = '81000000-0000-4000-8000-000000000002';
const demoRequest = '82000000-0000-4000-8000-000000000001';
const requestedBooking = '83000000-0000-4000-8000-000000000003';
const confirmedBooking = '83000000-0000-4000-8000-000000000002';
/** Services of the demo seed: a care counselling service in Leipzig, one online only. */
export const demoService = '90000000-0000-4000-8000-000000000002';
const onlineService = '90000000-0000-4000-8000-000000000005';

export const visitorPages = [
	'/',
	'/communities',
	'/communities?region=14713',
	'/communities?region=14',
	'/c/autismus-schule',
	'/c/familien-leipzig',
	'/c/trennung-familie',
	'/c/autismus-schule?tab=solved',
	'/c/autismus-schule/log',
	'/c/autismus-schule/guides',
	`/t/${leosThread}`,
	`/t/${anonymousThread}`,
	`/g/${demoGuide}`,
	`/g/${demoGuide}/versions`,
	'/c/familien-leipzig/ideas',
	'/c/familien-leipzig/ideas?sort=new&state=accepted',
	`/i/${demoIdea}`,
	`/o/${demoOrganisation}`,
	`/o/${demoOrganisation}/sharing`,
	'/share',
	'/share?kind=room&region=14713',
	`/share/r/${demoRoom}`,
	`/share/q/${demoRequest}`,
	'/s',
	'/s?near=04109&topic=pflege',
	'/s?near=Nirgendwo',
	'/s/map?near=Leipzig',
	`/s/${demoService}`,
	`/s/${onlineService}`,
	'/radar',
	'/radar?community=autismus-schule',
	'/search',
	'/search?q=Widerspruch',
	'/search?q=x',
	'/help',
	'/offline',
	'/privacy',
	'/signin',
	'/signup',
	'/password/forgot',
	'/auth/confirm?token_hash=abgelaufen&type=email',
	`/unsubscribe/${'0'.repeat(64)}`
];

export const missingPages = [
	'/gibt-es-nicht',
	`/t/${missingThread}`,
	'/c/gibt-es-nicht',
	'/g/60000000-0000-4000-8000-0000000000ff',
	'/i/70000000-0000-4000-8000-0000000000ff',
	// Unverified: nobody but admins sees it.
	`/o/${waitingOrganisation}`,
	'/o/80000000-0000-4000-8000-0000000000ff',
	'/share/r/81000000-0000-4000-8000-0000000000ff',
	'/share/q/82000000-0000-4000-8000-0000000000ff',
	'/s/90000000-0000-4000-8000-0000000000ff'
];

/** Mama_von_Leo's pages (German); the admins' and counsellors' answer her 403. */
export async function memberPages() {
	const [answer] = await owner<{ id: string; threadId: string }[]>`
		select p.id, p.thread_id as "threadId" from public.posts p join public.members m on m.id = p.author_id
		where m.pseudonym = 'Mama_von_Leo' and p.withdrawn_at is null limit 1`;
	return [
		'/',
		'/account',
		'/account/password',
		'/account/delete',
		'/notifications',
		'/account/notifications',
		'/account/region',
		'/communities/propose',
		'/account/flags',
		'/mod',
		'/c/autismus-schule/log',
		'/c/autismus-schule',
		'/c/autismus-schule/ask',
		`/t/${leosThread}`,
		`/t/${leosThread}/edit`,
		`/t/${leosThread}/versions`,
		`/t/${leosThread}/guide`,
		`/g/${demoGuide}`,
		`/g/${demoGuide}/edit`,
		`/g/${demoGuide}/report`,
		'/c/familien-leipzig/ideas',
		'/c/familien-leipzig/ideas/new',
		`/i/${demoIdea}`,
		`/i/${awaitingIdea}`,
		`/t/${anonymousThread}/report`,
		`/t/${answer.threadId}/report?post=${answer.id}`,
		`/posts/${answer.id}/edit`,
		`/posts/${answer.id}/versions`,
		'/password/reset'
	];
}
export const forbiddenToMembers = [
	'/share/offer',
	'/share/request',
	'/admin',
	'/admin/organisations',
	'/counsellor',
	'/counsellor/ideas',
	'/needs'
];

/** Sam_Carer's pages, in English (the member's setting). */
export const englishMemberPages = [
	'/',
	'/account',
	'/notifications',
	'/account/notifications',
	'/account/region',
	'/c/carers-english',
	'/c/carers-english/ask',
	`/t/${samsThread}`,
	`/t/${samsThread}/edit`,
	`/t/${samsThread}/versions`,
	`/t/${samsThread}/guide`,
	'/c/familien-leipzig/ideas/new',
	`/i/${awaitingIdea}`,
	`/o/${demoOrganisation}`,
	'/s?near=04109',
	`/s/${demoService}`
];

export async function counsellorPages() {
	const items = await owner<{ id: string }[]>`
		select id from public.escalations order by state = 'resolved', opened_at limit 3`;
	expect(items.length).toBeGreaterThan(0);
	return [
		'/',
		'/counsellor',
		'/counsellor?mine=1',
		'/account/notifications',
		'/notifications',
		'/counsellor?state=resolved',
		'/counsellor?priority=urgent&state=active',
		'/needs',
		'/needs?place=region:14713',
		'/needs?place=region:14',
		...items.map((item) => `/counsellor/${item.id}`),
		`/t/${anonymousThread}`,
		`/g/${demoGuide}`,
		'/counsellor/ideas',
		`/i/${awaitingIdea}`,
		'/share',
		'/share/offer',
		`/share/offer?request=${demoRequest}`,
		'/share/request',
		`/share/r/${demoRoom}`,
		`/share/r/${demoBus}`,
		`/share/q/${demoRequest}`,
		`/share/b/${requestedBooking}`,
		`/share/b/${confirmedBooking}`,
		`/o/${demoOrganisation}/sharing`,
		// Her organisation's services: one due for confirmation, its form, a new one's.
		`/o/${demoOrganisation}`,
		'/s/90000000-0000-4000-8000-000000000006',
		'/s/90000000-0000-4000-8000-000000000006/edit',
		`/o/${demoOrganisation}/services/new`
	];
}

export const adminPages = [
	'/',
	'/admin',
	'/admin/members',
	'/admin/members?q=Mama',
	'/admin/counsellors',
	'/admin/organisations',
	`/admin/organisations/${demoOrganisation}`,
	`/admin/organisations/${waitingOrganisation}`,
	'/admin/proposals',
	'/admin/safeguarding',
	'/admin/audit',
	'/admin/figures',
	'/admin/figures?from=2026-01&to=2026-12',
	'/needs?place=autismus-schule',
	'/account/notifications',
	'/communities/new',
	'/c/autismus-schule',
	'/c/autismus-schule/settings',
	'/c/autismus-schule/moderation'
];

/** Jonas_Moderation's pages, with reports by another member so his queue has items to open: a question's and a guide's. */
export async function moderatorPages() {
	await owner`
		insert into public.flags (flagger_id, thread_id, reason, note)
		select id, ${anonymousThread}, 'off_topic', 'Passt nicht hierher.' from public.members
		where pseudonym = 'Oma.Ruth'
		on conflict do nothing`;
	await owner`
		insert into public.flags (flagger_id, guide_id, reason, note)
		select id, ${demoGuide}, 'dangerous_advice', 'Die Frist stimmt nicht.' from public.members
		where pseudonym = 'Oma.Ruth'
		on conflict do nothing`;
	const [guideItem] = await owner<{ id: string }[]>`
		select id from public.moderation_items where guide_id = ${demoGuide} order by opened_at desc limit 1`;
	const items = await owner<{ id: string }[]>`
		select i.id from public.moderation_items i join public.communities c on c.id = i.community_id
		where c.slug in ('autismus-schule', 'trennung-familie') order by i.state, i.opened_at limit 2`;
	expect(items.length).toBeGreaterThan(0);
	return [
		'/',
		'/c/trennung-familie',
		'/c/trennung-familie/settings',
		`/t/${anonymousThread}`,
		`/t/${leosThread}/versions`,
		'/mod',
		'/mod?state=resolved',
		'/mod?community=autismus-schule',
		...items.map((item) => `/mod/${item.id}`),
		`/mod/${guideItem.id}`,
		`/g/${demoGuide}`,
		`/i/${doneIdea}`,
		'/c/autismus-schule/log',
		'/c/autismus-schule/moderation',
		'/c/trennung-familie/moderation'
	];
}
export const forbiddenToModerators = ['/c/pflege-angehoerige/settings'];

/** PapaTim's pages: he asked anonymously for a professional (the waiting state). */
export const askerPages = [`/t/${anonymousThread}`, '/notifications'];

export const roles = {
	member: 'mama.leo@ratnetz.example',
	englishMember: 'sam@ratnetz.example',
	counsellor: 'beraterin@ratnetz.example',
	moderator: 'moderator@ratnetz.example',
	admin: 'admin@ratnetz.example',
	asker: 'papa.tim@ratnetz.example'
} as const;
