import { randomUUID } from 'node:crypto';
import { waitForMail } from '../support/mail';
import {
	demoPassword,
	expect,
	expectAccessible,
	memberInDatabase,
	newMemberOf,
	otherVisitor,
	owner,
	signIn,
	test
} from './fixtures';

test('journey 3: a peer flags a thread, a counsellor claims, answers with the badge, notes and resolves', async ({
	page,
	browser
}) => {
	// A journey of several people, each signing in: three times the usual budget.
	test.slow();
	// A family asks (no professional requested).
	await newMemberOf(page, 'pflege-angehoerige');
	await page.getByRole('link', { name: 'Frage stellen' }).click();
	const title = `Verhinderungspflege: wer zahlt die Vertretung? ${Date.now()}`;
	await page.getByLabel('Titel').fill(title);
	await page
		.getByLabel('Deine Frage ausführlich')
		.fill('Unsere Pflegeperson fällt zwei Wochen aus.');
	await page.getByRole('button', { name: 'Frage veröffentlichen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	const threadUrl = page.url();

	// A peer flags it for a professional.
	const peer = await otherVisitor(browser);
	await signIn(peer, 'oma.ruth@ratnetz.example');
	await peer.goto(threadUrl);
	await peer.getByText('Hier sollte eine Fachkraft draufschauen').click();
	await peer.getByLabel('Notiz für die Fachkraft (optional)').fill('Es geht um Geld und Fristen.');
	await peer.getByRole('button', { name: 'An die Fachkräfte melden' }).click();
	await expect(peer.getByRole('status')).toHaveText('Danke! Eine Fachkraft schaut sich das an.');

	// The counsellor sees it in the queue with its age and due time, and claims it.
	const counsellor = await otherVisitor(browser);
	await signIn(counsellor, 'beraterin@ratnetz.example');
	await counsellor.getByRole('link', { name: 'Warteschlange', exact: true }).click();
	await expectAccessible(counsellor);
	// The community's items: a long queue comes a page at a time.
	await counsellor
		.getByLabel('Gemeinschaft', { exact: true })
		.selectOption({ label: 'Pflege von Angehörigen' });
	await counsellor.getByRole('button', { name: 'Filtern' }).click();
	await expect(counsellor).toHaveURL(/community=/);
	const item = counsellor
		.getByRole('listitem')
		.filter({ has: counsellor.getByRole('link', { name: title }) });
	await expect(item).toContainText('normal');
	await expect(item).toContainText('eingegangen');
	await expect(item).toContainText('fällig');
	await item.getByRole('link', { name: title }).click();
	await counsellor.getByRole('button', { name: 'Übernehmen' }).click();
	await expect(counsellor.getByText(/übernommen\s+\(von dir\)/)).toBeVisible();
	await expectAccessible(counsellor);

	// An internal note, then the public answer with the professional badge.
	await counsellor.getByLabel('Neue Notiz').fill('Kasse zahlt bis zu sechs Wochen; Antrag vorher.');
	await counsellor.getByRole('button', { name: 'Notiz speichern' }).click();
	await expect(
		counsellor.getByText('Kasse zahlt bis zu sechs Wochen; Antrag vorher.')
	).toBeVisible();
	const itemUrl = counsellor.url();
	await counsellor.getByRole('link', { name: 'In der Frage antworten' }).click();
	await counsellor
		.getByLabel('Antwort', { exact: true })
		.fill('Die Pflegekasse zahlt **Verhinderungspflege** bis zu sechs Wochen im Jahr.');
	await counsellor.getByRole('button', { name: 'Antwort veröffentlichen' }).click();
	const answer = counsellor.getByRole('article', { name: 'Antwort von Anna_Fachberatung' });
	await expect(answer.getByText('Fachkraft', { exact: true })).toBeVisible();

	// The family sees the professional answer; notes stay internal.
	await page.reload();
	await expect(page.getByRole('article', { name: 'Antwort von Anna_Fachberatung' })).toContainText(
		'Verhinderungspflege'
	);
	await expect(page.getByText('Kasse zahlt bis zu sechs Wochen; Antrag vorher.')).toHaveCount(0);
	await page.goto(itemUrl);
	await expect(page.getByText('Diese Seite ist nur für Fachkräfte.')).toBeVisible();

	// Resolved with an outcome; every step is in the history.
	await counsellor.goto(itemUrl);
	await counsellor.getByLabel('öffentlich beantwortet').check();
	await counsellor.getByRole('button', { name: 'Abschließen', exact: true }).click();
	await expect(counsellor.getByText('Erledigt: öffentlich beantwortet')).toBeVisible();
	const history = counsellor.getByRole('region', { name: 'Verlauf' });
	for (const step of ['eröffnet', 'übernommen', 'Notiz', 'fachlich beantwortet', 'abgeschlossen']) {
		await expect(history).toContainText(step);
	}
});

test('journey 4: crisis words show the helplines at once and put the item on top as urgent', async ({
	page,
	browser
}) => {
	// A new member signs up, asks, and a counsellor signs in: three times the usual budget.
	test.slow();
	// Not a demo member: their hourly question limit is shared by every run on this database.
	await newMemberOf(page, 'autismus-schule');
	await page.getByRole('link', { name: 'Frage stellen' }).click();
	const title = `Ich kann nicht mehr, alles ist zu viel ${Date.now()}`;
	await page.getByLabel('Titel').fill(title);
	await page
		.getByLabel('Deine Frage ausführlich')
		.fill('Manchmal denke ich an Suizid. Ich weiß nicht weiter.');
	await page.getByRole('button', { name: 'Frage veröffentlichen' }).click();

	const notice = page.getByRole('region', {
		name: 'Du bist nicht allein – hier bekommst du sofort Hilfe'
	});
	await expect(notice).toBeVisible();
	await expect(notice.getByRole('link', { name: '0800 111 0 111' })).toHaveAttribute(
		'href',
		'tel:08001110111'
	);
	await expect(notice).toContainText(/veröffentlicht|zurückgehalten|gespeichert/);
	await expectAccessible(page);

	const counsellor = await otherVisitor(browser);
	await signIn(counsellor, 'beraterin@ratnetz.example');
	await counsellor.goto('/counsellor');
	await counsellor
		.getByLabel('Gemeinschaft', { exact: true })
		.selectOption({ label: 'Autismus & Schule' });
	await counsellor.getByRole('button', { name: 'Filtern' }).click();
	await expect(counsellor).toHaveURL(/community=/);
	// Urgent items come first: everything above this one is urgent too (due earlier).
	const items = await counsellor
		.getByRole('list', { name: /Fälle/ })
		.getByRole('listitem')
		.allInnerTexts();
	const position = items.findIndex((text) => text.includes(title));
	expect(position).toBeGreaterThanOrEqual(0);
	expect(items[position]).toContain('dringend');
	expect(items[position]).toContain('Krisenwörter');
	expect(items.slice(0, position).every((text) => text.includes('dringend'))).toBe(true);

	// The counsellors are alerted by mail at once, with the priority and due time; an alert
	// cannot be unsubscribed.
	const alert = await waitForMail('beraterin@ratnetz.example', {
		subject: new RegExp(`^Dringend: „${title}“ in Autismus & Schule, fällig bis`)
	});
	expect(alert.headers['list-unsubscribe']).toBeUndefined();
	expect(alert.text).toContain('lässt sich nicht abbestellen');

	// "Get help now" is on every page.
	await page.getByRole('link', { name: 'Hilfe sofort – Hilfetelefone' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hilfe sofort');
	await expect(page.getByRole('link', { name: '116 111' })).toBeVisible();
	await expectAccessible(page);
});

test('a long queue comes a page at a time, and the filter stays', async ({ page }) => {
	const slug = `lange-liste-${randomUUID().slice(0, 8)}`;
	const [{ id: communityId }] = await owner<{ id: string }[]>`
		insert into public.communities (slug, name, topic) values (${slug}, ${`Lange Liste ${slug}`}, 'Test')
		returning id`;
	await owner`
		with asked as (
			insert into public.threads (community_id, author_id, title, body_markdown, body_html)
			select ${communityId}, (select id from auth.users where email = 'mama.leo@ratnetz.example'),
				'Wartet auf Beratung ' || lpad(g::text, 2, '0'), 'Text', '<p>Text</p>'
			from generate_series(1, 30) g
			returning id, title
		)
		insert into public.escalations (thread_id, community_id, priority, due_at)
		select id, ${communityId}, 'normal', now() + interval '1 minute' * right(title, 2)::int from asked`;

	await signIn(page, 'beraterin@ratnetz.example');
	await page.goto(`/counsellor?community=${communityId}`);
	const queue = page.getByRole('list', { name: '30 Fälle' });
	await expect(queue.getByRole('listitem')).toHaveCount(25);
	await expect(queue.getByRole('listitem').first()).toContainText('Wartet auf Beratung 01');
	const pages = page.getByRole('navigation', { name: 'Seiten der Warteschlange' });
	await expect(pages.getByRole('link', { name: 'Erste Seite' })).toHaveCount(0);
	await expectAccessible(page);

	await pages.getByRole('link', { name: 'Nächste Seite' }).click();
	await expect(queue.getByRole('listitem')).toHaveText(
		[26, 27, 28, 29, 30].map((n) => new RegExp(`Wartet auf Beratung ${n}`))
	);
	await expect(page.getByLabel('Gemeinschaft', { exact: true })).toHaveValue(communityId);
	await expect(pages.getByRole('link', { name: 'Nächste Seite' })).toHaveCount(0);
	await pages.getByRole('link', { name: 'Erste Seite' }).click();
	await expect(queue.getByRole('listitem')).toHaveCount(25);
	await expect(page).toHaveURL(`/counsellor?community=${communityId}`);
});

/** A question that asked for a professional, in the given community; its thread and item. */
async function askedForProfessional(slug: string, title: string) {
	const [{ id: threadId }] = await owner<{ id: string }[]>`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html, wants_professional)
		select c.id, (select id from auth.users where email = 'mama.leo@ratnetz.example'), ${title}, 'Text',
			'<p>Text</p>', true
		from public.communities c where c.slug = ${slug}
		returning id`;
	const [{ id: itemId }] = await owner<{ id: string }[]>`
		select id from public.escalations where thread_id = ${threadId}`;
	return { threadId, itemId };
}

test('handover to the duty lead, "my items", and a duplicate named by its address', async ({
	page,
	browser
}) => {
	test.slow();
	// A second counsellor serving "Familien in Leipzig".
	const ben = await memberInDatabase('de', ['familien-leipzig']);
	await owner`update public.members set site_role = 'counsellor' where id = ${ben.id}`;
	await owner`insert into public.counsellor_profiles (member_id, profession, organisation) values
		(${ben.id}, 'Sozialarbeiter', 'Stadtteilberatung Leipzig')`;
	await owner`insert into public.counsellor_communities (member_id, community_id)
		select ${ben.id}, id from public.communities where slug = 'familien-leipzig'`;
	const stamp = randomUUID().slice(0, 8);
	const first = await askedForProfessional('familien-leipzig', `Kitaplatz eingeklagt ${stamp}`);
	const second = await askedForProfessional('familien-leipzig', `Kitaplatz einklagen ${stamp}`);

	await signIn(page, ben.email, demoPassword);
	await page.goto(`/counsellor/${first.itemId}`);
	await page.getByRole('button', { name: 'Übernehmen' }).click();
	await expect(page.getByText(/übernommen\s+\(von dir\)/)).toBeVisible();
	const handover = page.getByRole('region', { name: 'Übergeben' });
	// The duty lead, named as such with her load (which other tests change meanwhile).
	const annaId = '00000000-0000-4000-8000-000000000002';
	await expect(handover.locator(`option[value="${annaId}"]`)).toHaveText(
		/^Anna_Fachberatung, Dienstleitung \((1 Fall|\d+ Fälle) übernommen\)$/
	);
	await handover.getByLabel('Übergeben an').selectOption(annaId);
	await handover.getByLabel('Grund (optional)').fill('Krisenfall, bitte übernehmen.');
	await handover.getByRole('button', { name: 'Übergeben' }).click();
	await expect(page.getByText(/übernommen\s+\(von Anna_Fachberatung\)/)).toBeVisible();
	await expect(page.getByRole('region', { name: 'Verlauf' })).toContainText(
		`übergeben · von ${ben.pseudonym} an Anna_Fachberatung · durch ${ben.pseudonym} · Krisenfall, bitte übernehmen.`
	);
	await expectAccessible(page);

	// The duty lead finds it among her items.
	const lead = await otherVisitor(browser);
	await signIn(lead, 'beraterin@ratnetz.example');
	await lead.goto('/counsellor');
	await lead.getByRole('link', { name: 'Meine Fälle' }).click();
	await expect(lead).toHaveURL(/mine=1/);
	await expect(lead.getByRole('link', { name: `Kitaplatz eingeklagt ${stamp}` })).toBeVisible();
	await expect(lead.getByRole('link', { name: `Kitaplatz einklagen ${stamp}` })).toHaveCount(0);

	// A duplicate, named by the address of the other thread; a wrong address is explained.
	await page.goto(`/counsellor/${second.itemId}`);
	await page.getByRole('button', { name: 'Übernehmen' }).click();
	await page.getByLabel('doppelt', { exact: true }).check();
	const address = page.getByLabel('Oder Adresse der Frage');
	await address.fill('die Frage von gestern');
	await page.getByRole('button', { name: 'Abschließen', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText(/Diese Adresse führt zu keiner Frage/);
	await expect(address).toHaveValue('die Frage von gestern');
	await expect(address).toHaveAttribute('aria-invalid', 'true');
	await address.fill(`http://localhost:5173/t/${first.threadId}?page=1#answers`);
	await page.getByRole('button', { name: 'Abschließen', exact: true }).click();
	await expect(page.getByText('Erledigt: doppelt')).toBeVisible();
});

test('the app server runs the scheduled jobs: a question nobody answered escalates with nobody reading the queue', async () => {
	const slug = `wartezeit-${randomUUID().slice(0, 8)}`;
	await owner`insert into public.communities (slug, name, topic) values (${slug}, ${`Wartezeit ${slug}`}, 'Test')`;
	const [{ id: threadId }] = await owner<{ id: string }[]>`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html, created_at)
		select c.id, (select id from auth.users where email = 'oma.ruth@ratnetz.example'),
			'Antwortet hier niemand?', 'Text', '<p>Text</p>', now() - interval '49 hours'
		from public.communities c where c.slug = ${slug}
		returning id`;
	// Nobody opens a page: the server's scheduler runs the job (every second in the tests).
	await expect
		.poll(async () => {
			const [item] = await owner<{ trigger: string }[]>`
				select ev.trigger from public.escalations e join public.escalation_events ev on ev.escalation_id = e.id
				where e.thread_id = ${threadId} and ev.kind = 'opened'`;
			return item?.trigger ?? null;
		})
		.toBe('unanswered');
});
