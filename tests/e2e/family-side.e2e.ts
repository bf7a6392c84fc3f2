// The family's side of an escalation: the asker sees that the question waits for a
// professional and until when, when nobody is on duty when someone will look (with the
// helplines), and every outcome in plain words, in German and in English. Peers see none of it.
import type { Page } from '@playwright/test';
import {
	expect,
	expectAccessible,
	memberInDatabase,
	otherVisitor,
	owner,
	signIn,
	test
} from './fixtures';

/** A question that asked for a professional, asked as `asker` (owner-written, as the form would). */
async function askedForProfessional(askerId: string, slug: string, title: string) {
	const [{ id }] = await owner<{ id: string }[]>`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html, wants_professional)
		select id, ${askerId}, ${title}, 'Wir wissen nicht weiter.', '<p>Wir wissen nicht weiter.</p>', true
		from public.communities where slug = ${slug}
		returning id`;
	const [item] = await owner<
		{ id: string }[]
	>`select id from public.escalations where thread_id = ${id}`;
	return { threadId: id, itemId: item.id };
}

/** Resolves an item as the demo counsellor would, through the database's own function. */
async function resolveAsCounsellor(
	itemId: string,
	outcome: string,
	detail: Record<string, string | null>
) {
	await owner.begin(async (tx) => {
		await tx`select set_config('request.jwt.claims', ${JSON.stringify({
			sub: '00000000-0000-4000-8000-000000000002',
			role: 'authenticated'
		})}, true)`;
		await tx`select public.resolve_escalation(${itemId}, ${outcome}::public.escalation_outcome,
			${detail.service ?? null}, ${detail.duplicateOf ?? null}::uuid, ${detail.contact ?? null}, ${detail.note ?? null})`;
	});
}

const professionalSide = (page: Page, name: string | RegExp) => page.getByRole('region', { name });

test('in German: the asker sees the waiting state, then the referral as the counsellor wrote it', async ({
	page,
	browser
}) => {
	test.slow();
	const family = await memberInDatabase('de', ['pflege-angehoerige']);
	await signIn(page, family.email);
	await page.goto('/c/pflege-angehoerige/ask');
	const title = `Pflegegrad abgelehnt, was nun? ${Date.now()}`;
	await page.getByLabel('Titel').fill(title);
	await page.getByLabel('Deine Frage ausführlich').fill('Die Kasse hat den Pflegegrad abgelehnt.');
	await page.getByLabel('Ich möchte, dass eine Fachkraft draufschaut').check();
	await page.getByRole('button', { name: 'Frage veröffentlichen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	const waiting = professionalSide(page, 'Wartet auf eine Fachkraft');
	await expect(waiting).toContainText(/spätestens bis \d/);
	await expectAccessible(page);
	const threadUrl = page.url();

	// Other families do not see the professional side.
	const peer = await otherVisitor(browser);
	await signIn(peer, 'oma.ruth@ratnetz.example');
	await peer.goto(threadUrl);
	await expect(peer.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(professionalSide(peer, 'Wartet auf eine Fachkraft')).toHaveCount(0);

	// The counsellor refers the family to a local service.
	const [{ id: itemId }] = await owner<{ id: string }[]>`
		select e.id from public.escalations e join public.threads t on t.id = e.thread_id where t.title = ${title}`;
	const counsellor = await otherVisitor(browser);
	await signIn(counsellor, 'beraterin@ratnetz.example');
	await counsellor.goto(`/counsellor/${itemId}`);
	await counsellor.getByRole('button', { name: 'Übernehmen' }).click();
	await counsellor.getByLabel('an eine Stelle vor Ort verwiesen').check();
	await counsellor
		.getByLabel('Stelle vor Ort', { exact: true })
		.fill('Pflegestützpunkt Leipzig-Mitte');
	await counsellor
		.getByLabel('So erreicht die Familie die Stelle')
		.fill('Tel. 0341 123 45 67, Mo–Fr 9–15 Uhr');
	await counsellor.getByRole('button', { name: 'Abschließen', exact: true }).click();
	await expect(counsellor.getByText('Erledigt: an eine Stelle vor Ort verwiesen')).toBeVisible();

	await page.reload();
	const outcome = professionalSide(page, 'Antwort einer Fachkraft');
	await expect(outcome).toContainText('empfiehlt dir eine Stelle vor Ort');
	await expect(outcome).toContainText('Pflegestützpunkt Leipzig-Mitte');
	await expect(outcome).toContainText('Tel. 0341 123 45 67, Mo–Fr 9–15 Uhr');
	await page.goto('/notifications');
	await expect(
		page.getByRole('link', { name: `Eine Fachkraft hat deine Frage „${title}“ bearbeitet` })
	).toBeVisible();
});

test('in English: every outcome is told to the asker in plain words', async ({ page }) => {
	const family = await memberInDatabase('en', ['carers-english']);
	const stamp = Date.now();
	const [waiting, answered, duplicate, noAction] = await Promise.all(
		['Waiting', 'Answered', 'Duplicate', 'No action'].map((what) =>
			askedForProfessional(family.id, 'carers-english', `${what}: help with care forms ${stamp}`)
		)
	);
	// Answered publicly: the counsellor's answer in the thread.
	const [{ id: answerId }] = await owner<{ id: string }[]>`
		insert into public.posts (thread_id, author_id, body_markdown, body_html)
		values (${answered.threadId}, '00000000-0000-4000-8000-000000000002', 'From our counselling practice: …',
			'<p>From our counselling practice: …</p>')
		returning id`;
	await resolveAsCounsellor(answered.itemId, 'answered_publicly', {});
	await resolveAsCounsellor(duplicate.itemId, 'duplicate', {
		duplicateOf: '20000000-0000-4000-8000-000000000004'
	});
	await resolveAsCounsellor(noAction.itemId, 'no_action', {
		note: 'The answers here cover it well; ask again any time.'
	});

	await signIn(page, family.email);
	await page.goto(`/t/${waiting.threadId}`);
	await expect(professionalSide(page, 'Waiting for a counsellor')).toContainText(
		/will look at this question by .+ at the latest/
	);

	await page.goto(`/t/${answered.threadId}`);
	const publicly = professionalSide(page, 'From the counselling service');
	await expect(publicly).toContainText('A counsellor has answered here, in public.');
	await expect(
		publicly.getByRole('link', { name: 'Go to the counsellor’s answer' })
	).toHaveAttribute('href', new RegExp(`post=${answerId}`));

	await page.goto(`/t/${duplicate.threadId}`);
	const same = professionalSide(page, 'From the counselling service');
	await expect(same).toContainText('the same question is already being discussed here');
	await same
		.getByRole('link', { name: 'Which form do I need for Pflegegeld as a foreign resident?' })
		.click();
	await expect(page).toHaveURL(/\/t\/20000000-0000-4000-8000-000000000004/);

	await page.goto(`/t/${noAction.threadId}`);
	const none = professionalSide(page, 'From the counselling service');
	await expect(none).toContainText('thinks no counsellor’s help is needed here');
	await expect(none).toContainText('The answers here cover it well; ask again any time.');
	await expectAccessible(page);
});

test('out of the staffed hours, the asker learns when someone will look, with the helplines', async ({
	page
}) => {
	const family = await memberInDatabase('de', ['autismus-schule']);
	const { threadId } = await askedForProfessional(
		family.id,
		'autismus-schule',
		`Niemand im Dienst? ${Date.now()}`
	);
	// The service staffed on one day only, and not today (Berlin): out of hours now.
	const saved = await owner`select weekday, opens, closes from public.staffed_hours`;
	const [{ tomorrow }] = await owner<{ tomorrow: number }[]>`
		select extract(isodow from (now() at time zone 'Europe/Berlin')::date + 1)::int as tomorrow`;
	try {
		await owner.begin(async (tx) => {
			await tx`delete from public.staffed_hours`;
			await tx`insert into public.staffed_hours values (${tomorrow}, '09:00', '17:00')`;
		});
		await signIn(page, family.email);
		await page.goto(`/t/${threadId}`);
		const waiting = professionalSide(page, 'Wartet auf eine Fachkraft');
		await expect(waiting).toContainText('Die Beratung ist gerade nicht besetzt. Ab ');
		await expect(waiting).toContainText('09:00');
		await expect(waiting.getByRole('link', { name: '0800 111 0 111' })).toHaveAttribute(
			'href',
			'tel:08001110111'
		);
		await expect(waiting).toContainText('rund um die Uhr');
		await expectAccessible(page);
	} finally {
		await owner.begin(async (tx) => {
			await tx`delete from public.staffed_hours`;
			for (const row of saved)
				await tx`insert into public.staffed_hours values (${row.weekday}, ${row.opens}, ${row.closes})`;
		});
	}
});
