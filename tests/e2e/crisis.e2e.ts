// Crisis handling as the writer and a worried peer meet it: helplines at once for a crisis
// question and a crisis edit, and for a peer's crisis report (with the emergency number);
// each notice only for the person it belongs to, whoever else opens the link.
import { randomUUID } from 'node:crypto';
import {
	expect,
	expectAccessible,
	newMemberOf,
	otherVisitor,
	owner,
	signIn,
	test
} from './fixtures';

/** A question by a demo member, written as the database owner (not a journey of its own). */
async function questionBy(email: string, slug: string, title: string, body: string) {
	const [{ id }] = await owner<{ id: string }[]>`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html)
		values ((select id from public.communities where slug = ${slug}),
			(select id from auth.users where email = ${email}), ${title}, ${body}, ${`<p>${body}</p>`})
		returning id`;
	return id;
}

test('a crisis question shows its writer the helplines, and nobody else who opens its link', async ({
	page,
	browser
}) => {
	test.slow();
	await newMemberOf(page, 'autismus-schule');
	await page.getByRole('link', { name: 'Frage stellen' }).click();
	const title = `Ich weiß nicht weiter ${randomUUID().slice(0, 6)}`;
	await page.getByLabel('Titel').fill(title);
	await page
		.getByLabel('Deine Frage ausführlich')
		.fill('Ich hab mir gestern wieder die Arme aufgeschnitten. Niemand weiß davon.');
	await page.getByRole('button', { name: 'Frage veröffentlichen' }).click();

	const notice = page.getByRole('region', {
		name: 'Du bist nicht allein – hier bekommst du sofort Hilfe'
	});
	await expect(notice.getByRole('status')).toHaveText('Dein Beitrag ist veröffentlicht.');
	await expect(notice.getByRole('link', { name: '112' })).toHaveAttribute('href', 'tel:112');
	await expect(notice.getByRole('link', { name: '0800 111 0 111' })).toBeVisible();
	await expectAccessible(page);

	// The link carries the notice; opened by another member or a visitor, it shows none.
	const link = page.url();
	expect(link).toContain('crisis=');
	const member = await otherVisitor(browser);
	await signIn(member, 'oma.ruth@ratnetz.example');
	const visitor = await otherVisitor(browser);
	for (const other of [member, visitor]) {
		await other.goto(link);
		await expect(other.getByRole('heading', { level: 1 })).toHaveText(title);
		await expect(other.getByRole('heading', { name: /Du bist nicht allein/ })).toHaveCount(0);
		await expect(other.getByRole('link', { name: '0800 111 0 111' })).toHaveCount(0);
	}
});

test('an edit that adds a crisis shows the writer the helplines, in English', async ({ page }) => {
	const threadId = await questionBy(
		'mama.leo@ratnetz.example',
		'carers-english',
		`Respite care over the holidays ${randomUUID().slice(0, 6)}`,
		'Who has arranged respite care over Christmas?'
	);
	await signIn(page, 'sam@ratnetz.example');
	await page.goto(`/t/${threadId}`);
	await page
		.getByRole('textbox', { name: 'Answer' })
		.fill('We used a local service last year, it was fine.');
	await page.getByRole('button', { name: 'Post answer' }).click();
	const answer = page.getByRole('article', { name: 'Answer by Sam_Carer' });
	await expect(answer).toContainText('We used a local service last year');
	await expect(page.getByRole('heading', { name: /You are not alone/ })).toHaveCount(0);

	await answer.getByRole('link', { name: 'Edit' }).click();
	await page
		.getByLabel('Answer')
		.fill('To be honest, I can’t keep myself safe tonight. Everything is too much.');
	await page.getByRole('button', { name: 'Save changes' }).click();
	const notice = page.getByRole('region', { name: 'You are not alone – get help right now' });
	await expect(notice.getByRole('status')).toHaveText('Your post has been published.');
	await expect(notice.getByRole('link', { name: '112' })).toHaveAttribute('href', 'tel:112');
	await expectAccessible(page);
});

test('a peer who asked for a professional can still report a crisis: counsellors are alerted, the peer gets the emergency number', async ({
	page,
	browser
}) => {
	const threadId = await questionBy(
		'mama.leo@ratnetz.example',
		'autismus-schule',
		`Unser Sohn zieht sich zurück ${randomUUID().slice(0, 6)}`,
		'Er spricht kaum noch mit uns und schläft kaum.'
	);
	await signIn(page, 'papa.tim@ratnetz.example');
	await page.goto(`/t/${threadId}`);
	await page.getByText('Hier sollte eine Fachkraft draufschauen').click();
	await page.getByRole('button', { name: 'An die Fachkräfte melden' }).click();
	await expect(page.getByRole('status')).toHaveText('Danke! Eine Fachkraft schaut sich das an.');

	await page.getByRole('link', { name: 'Melden' }).first().click();
	await page.getByLabel('Jemand ist in Gefahr').check();
	await page
		.getByLabel('Anmerkung (optional)')
		.fill('Er hat geschrieben, dass er nicht mehr will.');
	await page.getByRole('button', { name: 'Meldung senden' }).click();
	const notice = page.getByRole('region', { name: 'Danke, dass du hinschaust' });
	await expect(notice.getByRole('status')).toContainText('Fachkraft ist benachrichtigt');
	await expect(notice).toContainText('Notruf 112');
	await expect(notice.getByRole('link', { name: '116 111' })).toBeVisible();
	await expectAccessible(page);
	const [item] = await owner<{ priority: string }[]>`
		select priority from public.escalations where thread_id = ${threadId} and state <> 'resolved'`;
	expect(item.priority).toBe('urgent');

	// Only the reporter is thanked: the same link tells another member nothing.
	const other = await otherVisitor(browser);
	await signIn(other, 'oma.ruth@ratnetz.example');
	await other.goto(page.url());
	await expect(other.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(other.getByRole('region', { name: 'Danke, dass du hinschaust' })).toHaveCount(0);
});
