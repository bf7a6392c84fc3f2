// Service ideas, the journey of issue 20 point 4: a member proposes an idea (a refused form
// keeps the text), another member supports it and so reaches the community's threshold, a
// counsellor serving the community finds it among the ideas awaiting a statement and
// answers officially with a state and reasons, and the supporter is told in the app and by
// e-mail. In German on a desktop and in English on a phone.
import { randomUUID } from 'node:crypto';
import { waitForMail } from '../support/mail';
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

/** A community of the test's own, whose threshold one support reaches. */
async function communityOfOwn() {
	const slug = `ideen-${randomUUID().slice(0, 8)}`;
	await owner`insert into public.communities (slug, name, topic, description, idea_support_threshold)
		values (${slug}, ${`Ideen ${slug}`}, 'Familie', 'Eine Gemeinschaft für die Ideen dieses Tests.', 1)`;
	return slug;
}

const words = {
	de: {
		ideas: 'Ideen dieser Gemeinschaft',
		propose: 'Idee vorschlagen',
		title: 'Titel',
		body: 'Beschreibung der Idee',
		publish: 'Idee veröffentlichen',
		titleError: 'Der Titel muss 10 bis 150 Zeichen lang sein.',
		support: 'Unterstützen',
		supported: 'Du unterstützt diese Idee.',
		oneSupport: '1 Unterstützung',
		awaiting: 'Ideen, die auf eine Stellungnahme warten',
		state: 'angenommen',
		reasons: 'Begründung',
		answer: 'Stellungnahme veröffentlichen',
		answered: 'Deine Stellungnahme ist veröffentlicht.',
		answers: 'Stellungnahmen',
		told: (title: string) => `Neue Stellungnahme zur Idee „${title}“`,
		newState: 'Neuer Stand: angenommen',
		idea: 'Abendtermine in der Erziehungsberatung'
	},
	en: {
		ideas: 'Ideas of this community',
		propose: 'Propose an idea',
		title: 'Title',
		body: 'Description of the idea',
		publish: 'Publish idea',
		titleError: 'The title must be 10 to 150 characters long.',
		support: 'Support',
		supported: 'You support this idea.',
		oneSupport: '1 support',
		awaiting: 'Ideas awaiting an official answer',
		state: 'accepted',
		reasons: 'Reasons',
		answer: 'Publish official answer',
		answered: 'Your official answer is published.',
		answers: 'Official answers',
		told: (title: string) => `New official answer on the idea “${title}”`,
		newState: 'New state: accepted',
		idea: 'Evening appointments for family counselling'
	}
};

for (const [locale, screen] of [
	['de', { width: 1280, height: 800 }],
	['en', { width: 390, height: 800 }]
] as const) {
	test(`a member proposes an idea, another supports it, a counsellor answers officially and the supporter is told (${locale}, ${screen.width} px)`, async ({
		page,
		browser
	}) => {
		test.slow();
		const say = words[locale];
		const slug = await communityOfOwn();
		const [proposer, supporter, counsellor] = await Promise.all([
			memberInDatabase(locale, [slug]),
			memberInDatabase(locale, [slug]),
			counsellorInDatabase(locale, [slug])
		]);
		const title = `${say.idea} ${randomUUID().slice(0, 6)}`;
		const started = new Date();

		await page.setViewportSize(screen);
		await signIn(page, proposer.email);
		await page.goto(`/c/${slug}`);
		await page.getByRole('link', { name: say.ideas }).click();
		await page.getByRole('link', { name: say.propose }).click();
		// Too short a title: refused with the message at the field, the text kept.
		await page.getByLabel(say.title).fill('Abends');
		await page.getByLabel(say.body).fill('Wer Vollzeit arbeitet, bekommt *keinen* Termin.');
		await page.getByRole('button', { name: say.publish }).click();
		await expect(page.getByText(say.titleError)).toBeVisible();
		await expect(page.getByLabel(say.body)).toHaveValue(
			'Wer Vollzeit arbeitet, bekommt *keinen* Termin.'
		);
		await page.getByLabel(say.title).fill(title);
		await page.getByRole('button', { name: say.publish }).click();
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
		await expect(page.locator('.post-body em')).toHaveText('keinen');
		await expectAccessible(page);

		// Another member supports it, from the community's list of ideas.
		const other = await otherVisitor(browser);
		await other.setViewportSize(screen);
		await signIn(other, supporter.email);
		await other.goto(`/c/${slug}/ideas`);
		await other.getByRole('link', { name: title }).click();
		await other.getByRole('button', { name: say.support }).click();
		await expect(other.getByText(say.supported)).toBeVisible();
		await expect(other.locator('#support-count')).toContainText(say.oneSupport);

		// The counsellor finds it among the ideas awaiting a statement and answers.
		const professional = await otherVisitor(browser);
		await professional.setViewportSize(screen);
		await signIn(professional, counsellor.email);
		await professional.goto('/counsellor');
		await professional.getByRole('link', { name: say.awaiting }).click();
		await expectAccessible(professional);
		await professional.getByRole('link', { name: title }).click();
		await professional.getByRole('radio', { name: say.state }).check();
		await professional
			.getByLabel(say.reasons)
			.fill('Ab März donnerstags bis 19 Uhr, Anmeldung wie bisher.');
		await professional.getByRole('button', { name: say.answer }).click();
		await expect(professional.getByRole('status')).toHaveText(say.answered);
		const answers = professional.getByRole('region', { name: say.answers });
		await expect(answers).toContainText('Ab März donnerstags bis 19 Uhr');
		await expect(answers).toContainText('Familienzentrum Süd');
		await expectAccessible(professional);
		await professional.context().close();

		// The supporter is told in the app and by e-mail.
		await other.goto('/notifications');
		await expect(other.getByRole('link', { name: say.told(title) })).toBeVisible();
		await expect(other.getByText(say.newState)).toBeVisible();
		const mail = await waitForMail(supporter.email, { after: started });
		expect(mail.subject).toBe(say.told(title));
		expect(mail.text).toContain(say.newState);
		await other.getByRole('link', { name: say.told(title) }).click();
		await expect(other.getByRole('heading', { level: 1, name: title })).toContainText(say.state);
		await other.context().close();
	});
}
