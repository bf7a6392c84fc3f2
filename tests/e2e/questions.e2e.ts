import { linkIn, waitForMail } from '../support/mail';
import {
	expect,
	expectAccessible,
	newMemberOf,
	newMember,
	otherVisitor,
	signIn,
	test
} from './fixtures';

test('journeys 1 and 2: a family asks, a peer answers, the answer helped, another family says me too', async ({
	page,
	browser
}) => {
	// A journey of several people, each signing in: three times the usual budget.
	test.slow();
	// Journey 1: sign up, confirm, join "Autismus & Schule", ask.
	const family = newMember();
	const started = new Date();
	await page.goto('/signup');
	await page.getByLabel('E-Mail-Adresse').fill(family.email);
	await page.getByLabel('Pseudonym').fill(family.pseudonym);
	await page.getByLabel('Passwort').fill(family.password);
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	await page.goto(linkIn(await waitForMail(family.email, { after: started }), /\/auth\/confirm\?/));
	await page.getByRole('button', { name: 'E-Mail-Adresse bestätigen' }).click();
	await expect(page).toHaveURL(/\/account/);

	await page.getByRole('link', { name: 'Gemeinschaften' }).click();
	await page.getByRole('link', { name: 'Autismus & Schule' }).click();
	await page.getByRole('button', { name: 'Beitreten' }).click();
	await page.getByRole('link', { name: 'Frage stellen' }).click();
	await expectAccessible(page);

	const title = `Schulbegleitung wurde abgelehnt, Widerspruch? (${started.getTime()})`;
	await page.getByLabel('Titel').pressSequentially('Schulbegleitung abgelehnt');
	await expect(
		page
			.getByRole('region', { name: /Ähnliche Fragen/ })
			.getByRole('link', { name: /Schulbegleitung/ })
			.first()
	).toBeVisible();
	await page.getByLabel('Titel').fill(title);
	await page
		.getByLabel('Deine Frage ausführlich')
		.fill('Unser Sohn ist **9** und Autist.\n\n- Gutachten liegt vor\n- Schule sagt nein');
	await page.getByLabel('Schlagwörter').fill('Schulbegleitung, Widerspruch');
	await page.getByLabel('Anonym fragen').check();
	await page.getByLabel('Ich möchte, dass eine Fachkraft draufschaut').check();
	await page.getByRole('button', { name: 'Frage veröffentlichen' }).click();

	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(page.getByText('anonym ·')).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: /^schulbegleitung$/ })).toBeVisible();
	await expect(page.locator('.post-body strong')).toHaveText('9');
	await expectAccessible(page);
	const threadUrl = page.url();

	// Journey 2: a peer answers.
	const peer = await otherVisitor(browser);
	await signIn(peer, 'oma.ruth@ratnetz.example');
	await peer.goto(threadUrl);
	await expect(peer.getByText(family.pseudonym)).toHaveCount(0);
	await peer
		.getByLabel('Antwort', { exact: true })
		.fill('Legt **Widerspruch** beim Sozialamt ein, die Frist ist ein Monat.');
	await peer.getByRole('button', { name: 'Antwort veröffentlichen' }).click();
	await expect(peer.getByRole('article', { name: 'Antwort von Oma.Ruth' })).toContainText(
		'Widerspruch'
	);

	// The asker is told in the app, and marks the answer that helped; the thread is solved.
	await page.reload();
	await page.getByRole('link', { name: 'Benachrichtigungen (1 neu)' }).click();
	await page.getByRole('link', { name: `Neue Antwort auf deine Frage „${title}“` }).click();
	const answer = page.getByRole('article', { name: 'Antwort von Oma.Ruth' });
	await answer.getByRole('button', { name: 'Hat mir geholfen' }).click();
	await expect(answer.getByText('Hat geholfen', { exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('gelöst');

	// A third family says "me too".
	const third = await otherVisitor(browser);
	await signIn(third, 'mama.leo@ratnetz.example');
	await third.goto(threadUrl);
	await third.getByRole('button', { name: 'Ich auch' }).click();
	await expect(third.getByText('1 Familie hat dieselbe Frage')).toBeVisible();
	await expect(third.getByRole('button', { name: 'Ich auch' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(third.getByRole('button', { name: 'Folgen' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expectAccessible(third);
});

test('bad questions are refused with the text kept', async ({ page }) => {
	await newMemberOf(page, 'autismus-schule');
	await page.getByRole('link', { name: 'Frage stellen' }).click();
	await page.getByLabel('Titel').fill('Kurz');
	await page
		.getByLabel('Deine Frage ausführlich')
		.fill('Mein langer Text, der nicht verloren gehen darf.');
	await page.getByLabel('Schlagwörter').fill('a, b, c, d, e, f');
	await page.getByRole('button', { name: 'Frage veröffentlichen' }).click();
	await expect(page.getByRole('alert')).toHaveText('Bitte prüfe die markierten Felder.');
	await expect(page.getByLabel('Titel')).toHaveAccessibleDescription(/10 bis 150 Zeichen/);
	await expect(page.getByLabel('Schlagwörter')).toHaveAccessibleDescription(
		/Höchstens 5 Schlagwörter\./
	);
	await expect(page.getByLabel('Deine Frage ausführlich')).toHaveValue(
		'Mein langer Text, der nicht verloren gehen darf.'
	);
	await expectAccessible(page);
});
