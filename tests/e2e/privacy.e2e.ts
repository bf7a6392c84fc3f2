import { readFile } from 'node:fs/promises';
import { linkIn, waitForMail } from '../support/mail';
import { expect, expectAccessible, otherVisitor, signIn, newMemberOf, test } from './fixtures';

test('journey 6: a member hears of an answer in the app and by e-mail, switches language, unsubscribes, downloads their data and deletes the account; their post stays as "deleted member"', async ({
	page,
	browser
}) => {
	// The longest journey: two mails, a language switch, the settings, export and deletion.
	test.slow();
	const member = await newMemberOf(page, 'trennung-familie');

	await page.goto('/c/trennung-familie/ask');
	const title = `Wechselmodell oder Residenzmodell? ${Date.now()}`;
	await page.getByLabel('Titel').fill(title);
	await page.getByLabel('Deine Frage ausführlich').fill('Was hat bei euch funktioniert?');
	await page.getByRole('button', { name: 'Frage veröffentlichen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	const threadUrl = page.url();

	// A peer answers: the member is told in the app and, at once, by e-mail.
	const peer = await otherVisitor(browser);
	await signIn(peer, 'papa.tim@ratnetz.example');
	const answered = new Date();
	// Typed before hydration, the answer would be reset: wait until the page's code has loaded.
	await peer.goto(threadUrl, { waitUntil: 'networkidle' });
	await peer.getByLabel('Antwort', { exact: true }).fill('Bei uns klappt das Wechselmodell gut.');
	await peer.getByRole('button', { name: 'Antwort veröffentlichen' }).click();
	await expect(peer.getByRole('article', { name: 'Antwort von PapaTim' })).toBeVisible();

	await page.reload();
	await page.getByRole('link', { name: 'Benachrichtigungen (1 neu)' }).click();
	await expect(
		page.getByRole('link', { name: `Neue Antwort auf deine Frage „${title}“` })
	).toBeVisible();
	const mail = await waitForMail(member.email, {
		after: answered,
		subject: /Neue Antwort/,
		timeoutMs: 30_000
	});
	expect(mail.subject).toBe(`Neue Antwort auf deine Frage „${title}“`);
	expect(mail.text).not.toContain('Wechselmodell gut');
	await page.goto(linkIn(mail, /\/t\//));
	await expect(page.getByRole('article', { name: 'Antwort von PapaTim' })).toBeVisible();

	// In English from now on, the mails too.
	await page
		.getByRole('form', { name: 'Sprache' })
		.getByRole('button', { name: 'English' })
		.click();
	await expect(page.getByRole('form', { name: 'Language' })).toBeVisible();
	const answeredAgain = new Date();
	await peer.getByLabel('Antwort', { exact: true }).fill('Wichtig ist ein fester Übergabetag.');
	await peer.getByRole('button', { name: 'Antwort veröffentlichen' }).click();
	await expect(peer.getByText('fester Übergabetag')).toBeVisible();
	const english = await waitForMail(member.email, {
		after: answeredAgain,
		subject: /New answer/,
		timeoutMs: 30_000
	});
	expect(english.subject).toBe(`New answer to your question “${title}”`);

	// The mail's unsubscribe link: opening it changes nothing, the button does.
	await page.goto(linkIn(english, /\/unsubscribe\//));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Unsubscribe from e-mails');
	await expect(
		page.getByRole('listitem').filter({ hasText: 'Answers to my questions' })
	).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Unsubscribe' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Done: you will get no more e-mails about this.'
	);

	await page.goto('/account');
	await page.getByRole('link', { name: 'Choose which notifications come by e-mail' }).click();
	await expectAccessible(page);
	const answers = page.getByRole('group', { name: 'Answers to my questions' });
	await expect(answers.getByLabel('Only in Ratnetz')).toBeChecked();
	const replies = page.getByRole('group', { name: 'Replies to my answers' });
	await expect(replies.getByLabel('Daily digest by e-mail')).toBeChecked();
	await replies.getByLabel('By e-mail at once').check();
	await answers.getByLabel('By e-mail at once').check();
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByRole('status')).toHaveText('Your settings have been saved.');
	await expect(replies.getByLabel('By e-mail at once')).toBeChecked();
	await expect(answers.getByLabel('By e-mail at once')).toBeChecked();

	// The mail program's one-click unsubscribe (RFC 8058), with the first mail's link:
	// no cookies, no sign-in.
	const oneClick = await page.request.fetch(linkIn(mail, /\/unsubscribe\//), {
		method: 'POST',
		headers: { 'content-type': 'application/octet-stream', cookie: '' },
		data: Buffer.from('List-Unsubscribe=One-Click')
	});
	expect(oneClick.status()).toBe(200);
	await page.reload();
	await expect(answers.getByLabel('Only in Ratnetz')).toBeChecked();

	await page.goto('/account');
	await expectAccessible(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Download my data (JSON)' }).first().click()
	]);
	const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
	expect(data.account.email).toBe(member.email);
	expect(data.profile.pseudonym).toBe(member.pseudonym);
	expect(data.questions.map((q: { title: string }) => q.title)).toEqual([title]);
	expect(data.notifications.map((n: { kind: string }) => n.kind)).toEqual(['answer', 'answer']);
	expect(data.notification_settings).toEqual(
		expect.arrayContaining([
			expect.objectContaining({ kind: 'answer', delivery: 'in_app' }),
			expect.objectContaining({ kind: 'reply', delivery: 'immediate' })
		])
	);

	await page.getByRole('link', { name: 'Delete account' }).click();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Delete account for good' }).click();
	await expect(page.getByLabel('Current password')).toHaveAccessibleDescription(
		'Please enter your password.'
	);
	await page.getByLabel('Current password').fill(member.password);
	await page.getByLabel('Yes, I want to delete my account for good.').check();
	await page.getByRole('button', { name: 'Delete account for good' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Your account has been deleted. Thank you for having been here.'
	);
	await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);

	await page.goto(threadUrl);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(page.getByText(member.pseudonym)).toHaveCount(0);
	await expect(page.getByText('deleted member ·')).toBeVisible();

	// The unsubscribe link went with the account.
	await page.goto(linkIn(english, /\/unsubscribe\//));
	await expect(page.getByRole('alert')).toContainText('not valid');

	await page.goto('/signin');
	await page.getByLabel('E-mail address').fill(member.email);
	await page.getByLabel('Password').fill(member.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('E-mail address or password is not correct.');
});
