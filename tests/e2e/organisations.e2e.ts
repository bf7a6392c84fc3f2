// Organisations as actors: an admin adds an organisation (a refused address keeps the
// form), verifies it and adds a counsellor; the counsellor answers an idea officially and
// checks a guide; a member reads the organisation's name on both and follows it to the
// organisation's page. In German on a desktop and in English on a phone.
import { randomUUID } from 'node:crypto';
import {
	counsellorInDatabase,
	expect,
	expectAccessible,
	memberInDatabase,
	otherVisitor,
	owner,
	signIn,
	test
} from './fixtures';

/** A community of the test's own, an idea in it and a guide from one of its questions. */
async function communityWithIdeaAndGuide(member: string) {
	const slug = `traeger-${randomUUID().slice(0, 8)}`;
	const [{ id: community }] = await owner<{ id: string }[]>`
		insert into public.communities (slug, name, topic, description)
		values (${slug}, ${`Träger ${slug}`}, 'Familie', 'Eine Gemeinschaft für die Organisationen dieses Tests.')
		returning id`;
	const [{ id: idea }] = await owner<{ id: string }[]>`
		insert into public.service_ideas (community_id, author_id, title, body_markdown, body_html)
		values (${community}, ${member}, ${`Beratung auch samstags ${slug}`}, 'Samstags wäre gut.',
			'<p>Samstags wäre gut.</p>')
		returning id`;
	const title = `Widerspruch Schritt für Schritt ${slug}`;
	const [{ id: guide }] = await owner<{ id: string }[]>`
		insert into public.guides (community_id, created_by, title) values (${community}, ${member}, ${title})
		returning id`;
	await owner`insert into public.guide_versions (guide_id, number, title, body_markdown, body_html, author_id)
		values (${guide}, 1, ${title}, 'Erst lesen.', '<p>Erst lesen.</p>', ${member})`;
	return { slug, idea, guide };
}

const words = {
	de: {
		organisations: 'Organisationen',
		name: 'Name',
		kind: 'Art',
		kindName: 'Beratungsstelle',
		region: 'Region (freiwillig)',
		website: 'Website (freiwillig)',
		add: 'Anlegen',
		websiteError: /Bitte gib eine Adresse an, die mit https:\/\/ beginnt/,
		added: 'Die Organisation ist angelegt. Öffentlich sichtbar wird sie, sobald sie bestätigt ist.',
		verify: 'Organisation bestätigen',
		verified: 'Die Organisation ist bestätigt.',
		counsellor: 'Fachkraft',
		assign: 'Zuordnen',
		assigned: 'Die Fachkraft gehört jetzt zu dieser Organisation.',
		state: 'angenommen',
		reasons: 'Begründung',
		answer: 'Stellungnahme veröffentlichen',
		answers: 'Stellungnahmen',
		check: 'Diese Fassung fachlich prüfen und zeichnen',
		checked: 'Du hast diese Fassung fachlich geprüft und gezeichnet.',
		figures: 'Stellungnahmen zu Ideen: 1 · fachlich geprüfte Ratgeber-Fassungen: 1',
		counsellors: 'Fachkräfte dieser Organisation'
	},
	en: {
		organisations: 'Organisations',
		name: 'Name',
		kind: 'Kind',
		kindName: 'Counselling service',
		region: 'Region (optional)',
		website: 'Website (optional)',
		add: 'Add',
		websiteError: /Please give an address starting with https:\/\//,
		added: 'The organisation is added. It is shown publicly once it is verified.',
		verify: 'Verify the organisation',
		verified: 'The organisation is verified.',
		counsellor: 'Counsellor',
		assign: 'Add',
		assigned: 'The counsellor now belongs to this organisation.',
		state: 'accepted',
		reasons: 'Reasons',
		answer: 'Publish official answer',
		answers: 'Official answers',
		check: 'Check and sign this version',
		checked: 'You checked and signed this version.',
		figures: 'Official answers on ideas: 1 · guide versions checked by a counsellor: 1',
		counsellors: 'Counsellors of this organisation'
	}
};

for (const [locale, screen] of [
	['de', { width: 1280, height: 800 }],
	['en', { width: 390, height: 800 }]
] as const) {
	test(`an admin verifies an organisation and adds a counsellor, whose official answer and guide check name it (${locale}, ${screen.width} px)`, async ({
		page,
		browser
	}) => {
		test.slow();
		const say = words[locale];
		const [admin, reader] = await Promise.all([
			memberInDatabase(locale, []),
			memberInDatabase(locale, [])
		]);
		await owner`update public.members set site_role = 'admin' where id = ${admin.id}`;
		const place = await communityWithIdeaAndGuide(reader.id);
		const counsellor = await counsellorInDatabase(locale, [place.slug]);
		const name = `Familienberatung ${randomUUID().slice(0, 8)} e. V.`;

		// The admin adds the organisation: an address without https is refused, the form kept.
		await page.setViewportSize(screen);
		await signIn(page, admin.email);
		await page.goto('/admin');
		await page.getByRole('link', { name: say.organisations }).click();
		await page.getByLabel(say.name).fill(name);
		await page.getByLabel(say.kind).selectOption({ label: say.kindName });
		await page.getByLabel(say.region).selectOption({ label: 'Leipzig, Stadt' });
		await page.getByLabel(say.website).fill('http://familienberatung.example');
		await page.getByRole('button', { name: say.add, exact: true }).click();
		await expect(page.getByText(say.websiteError)).toBeVisible();
		await expect(page.getByLabel(say.name)).toHaveValue(name);
		await expect(page.getByLabel(say.kind)).toHaveValue('counselling_service');
		await page.getByLabel(say.website).fill('https://familienberatung.example');
		await page.getByRole('button', { name: say.add, exact: true }).click();
		await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
		await expect(page.getByRole('status')).toHaveText(say.added);
		await expectAccessible(page);

		// Verifies it, then adds the counsellor.
		await page.getByRole('button', { name: say.verify }).click();
		await expect(page.getByRole('status')).toHaveText(say.verified);
		await page
			.getByLabel(say.counsellor, { exact: true })
			.selectOption({ label: counsellor.pseudonym });
		await page.getByRole('button', { name: say.assign, exact: true }).click();
		await expect(page.getByRole('status')).toHaveText(say.assigned);
		const members = page.getByRole('region', { name: say.counsellors });
		await expect(members.getByRole('listitem')).toHaveText(
			new RegExp(`${counsellor.pseudonym}, Sozialarbeiterin`)
		);
		await expectAccessible(page);

		// The counsellor answers the idea officially and checks the guide.
		const professional = await otherVisitor(browser);
		await professional.setViewportSize(screen);
		await signIn(professional, counsellor.email);
		await professional.goto(`/i/${place.idea}`);
		await professional.getByRole('radio', { name: say.state }).check();
		await professional.getByLabel(say.reasons).fill('Ab März auch samstags von 10 bis 13 Uhr.');
		await professional.getByRole('button', { name: say.answer }).click();
		await expect(professional.getByRole('region', { name: say.answers })).toContainText(name);
		await professional.goto(`/g/${place.guide}`);
		await professional.getByRole('button', { name: say.check }).click();
		await expect(professional.getByRole('status')).toHaveText(say.checked);
		await professional.context().close();

		// A member reads the organisation's name on both, and follows it to its page.
		const other = await otherVisitor(browser);
		await other.setViewportSize(screen);
		await signIn(other, reader.email);
		await other.goto(`/g/${place.guide}`);
		await expect(other.getByRole('note')).toContainText(counsellor.pseudonym);
		await expect(other.getByRole('note').getByRole('link', { name })).toBeVisible();
		await other.goto(`/i/${place.idea}`);
		const answers = other.getByRole('region', { name: say.answers });
		await expect(answers).toContainText(counsellor.pseudonym);
		await answers.getByRole('link', { name }).click();
		await expect(other.getByRole('heading', { level: 1, name })).toBeVisible();
		await expect(other.getByText(say.figures)).toBeVisible();
		await expect(
			other.getByRole('link', { name: 'https://familienberatung.example' })
		).toBeVisible();
		await expectAccessible(other);
		await other.context().close();
	});
}
