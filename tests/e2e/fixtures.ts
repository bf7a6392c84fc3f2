// Shared Playwright setup: each test is its own visitor with its own client
// address (the server trusts X-Forwarded-For only in this test setup).
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Browser, type Page } from '@playwright/test';
import { createHash, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { clientAddress } from '../support/addresses';
import { linkIn, waitForMail } from '../support/mail';

export const test = base.extend({
	// Playwright reads fixture dependencies from the destructuring pattern, so it must be there.
	// eslint-disable-next-line no-empty-pattern
	extraHTTPHeaders: async ({}, use) => use({ 'x-forwarded-for': clientAddress() })
});
export { expect };

/** A fresh address and pseudonym for one test's new member. */
export function newMember() {
	const id = randomUUID().slice(0, 8);
	return {
		email: `familie-${id}@example.org`,
		pseudonym: `Familie_${id}`,
		password: `Sicher-${id}-2026`
	};
}

/** Fails on any WCAG 2.1 AA violation axe-core finds on the page. */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

export const demoPassword = 'Ratnetz-Demo-2026';

/** The widths every point is tried at: a phone's and a desktop's. */
export const screens = [
	['phone', { width: 390, height: 800 }],
	['desktop', { width: 1280, height: 800 }]
] as const;

export const owner = postgres(
	process.env.TEST_DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:54322/postgres',
	{
		max: 1,
		onnotice: () => {}
	}
);

/**
 * Signs in through the form, as a member would. The demo accounts sign in many
 * times across tests and runs, so their per-address sign-in count is cleared
 * first; the limit itself is tested in tests/integration/accounts.spec.ts.
 */
/** `from`: a page that sends visitors to sign in and back (by default the sign-in page itself). */
/**
 * A new question by Mama_von_Leo in "Autismus & Schule" with `count` answers by her,
 * "<text> 1" … "<text> n", a minute apart (oldest first: their reading order without votes).
 * Its title is "<text> (<6 hex digits>)": never "<text> 2…", which a test looks for as an answer.
 */
export async function threadWithAnswers(count: number, text: string) {
	const [{ id: communityId }] = await owner<{ id: string }[]>`
		select id from public.communities where slug = 'autismus-schule'`;
	const [{ id: authorId }] = await owner<{ id: string }[]>`
		select id from auth.users where email = 'mama.leo@ratnetz.example'`;
	const [{ id: threadId }] = await owner<{ id: string }[]>`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html)
		values (${communityId}, ${authorId}, ${`${text} (${randomUUID().slice(0, 6)})`}, 'Text', '<p>Text</p>')
		returning id`;
	const answers = await owner<{ id: string }[]>`
		insert into public.posts (thread_id, author_id, body_markdown, body_html, created_at)
		select ${threadId}, ${authorId}, ${text} || ' ' || n, '<p>' || ${text} || ' ' || n || '</p>',
			now() - interval '1 day' + n * interval '1 minute'
		from generate_series(1, ${count}) n returning id`;
	return { threadId, authorId, answerIds: answers.map((answer) => answer.id) };
}

/**
 * Clears the app's count of an action for a demo address, which tests and runs share (the
 * limits themselves are tested in tests/integration/accounts.spec.ts).
 */
export async function clearAddressLimit(action: 'sign_in' | 'sign_up', email: string) {
	const subject = createHash('sha256').update(email.toLowerCase()).digest('hex');
	await owner`delete from public.rate_limit_hits where bucket = ${`${action}:address`} and subject = ${subject}`;
}

export async function signIn(page: Page, email: string, password = demoPassword, from = '/signin') {
	await clearAddressLimit('sign_in', email);
	await page.goto(from);
	// In the browser's language, German or English.
	await page.getByLabel(/^(E-Mail-Adresse|E-mail address)$/).fill(email);
	await page.getByLabel(/^(Passwort|Password)$/).fill(password);
	await page.getByRole('button', { name: /^(Anmelden|Sign in)$/ }).click();
	// Signed in, in the member's own language. When that differs from the page's, the
	// page reloads itself; wait for the reloaded one, so the next navigation is not cut off.
	// (On a phone the button sits in the closed menu.)
	await expect(
		page.getByRole('button', { name: /^(Abmelden|Sign out)$/, includeHidden: true })
	).toBeAttached();
	const [settings] = await owner<{ locale: string }[]>`
		select s.locale from public.member_settings s join auth.users u on u.id = s.member_id
		where lower(u.email) = lower(${email})`;
	if (settings) await expect(page.locator('html')).toHaveAttribute('lang', settings.locale);
}

/**
 * A new member written straight into the database as the demo seed writes its accounts
 * (password `demoPassword`), joined to the given communities: for journeys that are not
 * about signing up, and whose questions must not count against a demo member's limit.
 */
export async function memberInDatabase(locale: 'de' | 'en', communitySlugs: string[]) {
	const { email, pseudonym } = newMember();
	const [{ id }] = await owner<{ id: string }[]>`
		insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
			raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
			confirmation_token, recovery_token, email_change_token_new, email_change)
		values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', ${email},
			extensions.crypt(${demoPassword}, extensions.gen_salt('bf', 4)), now(),
			'{"provider":"email","providers":["email"]}', ${owner.json({ pseudonym, locale })}, now(), now(), '', '', '', '')
		returning id`;
	await owner`insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
		values (${id}::text, ${id}, ${owner.json({ sub: id, email, email_verified: true })}, 'email', now(), now(), now())`;
	await owner`insert into public.community_members (community_id, member_id)
		select c.id, ${id} from public.communities c where c.slug = any (${communitySlugs})`;
	return { id, email, pseudonym };
}

/** A verified counsellor (badge: a social worker of "Familienzentrum Süd") serving the given communities. */
export async function counsellorInDatabase(locale: 'de' | 'en', communitySlugs: string[]) {
	const counsellor = await memberInDatabase(locale, []);
	await owner`update public.members set site_role = 'counsellor' where id = ${counsellor.id}`;
	await owner`insert into public.counsellor_profiles (member_id, profession, organisation)
		values (${counsellor.id}, 'Sozialarbeiterin', 'Familienzentrum Süd')`;
	await owner`insert into public.counsellor_communities (member_id, community_id)
		select ${counsellor.id}, id from public.communities where slug = any (${communitySlugs})`;
	return counsellor;
}

/** Another person at another computer: a fresh context with its own address. */
export async function otherVisitor(browser: Browser) {
	const context = await browser.newContext({
		locale: 'de-DE',
		extraHTTPHeaders: { 'x-forwarded-for': clientAddress() }
	});
	return context.newPage();
}

/** A new member, signed up and confirmed through the forum's own pages and mail. */
export async function signUpAndConfirm(page: Page) {
	const member = newMember();
	const started = new Date();
	await page.goto('/signup');
	await page.getByLabel('E-Mail-Adresse').fill(member.email);
	await page.getByLabel('Pseudonym').fill(member.pseudonym);
	await page.getByLabel('Passwort').fill(member.password);
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	// Signing up sends the confirmation mail before it answers: on a busy machine, a while.
	await expect(page.getByRole('status')).toBeVisible({ timeout: 15_000 });
	await page.goto(linkIn(await waitForMail(member.email, { after: started }), /\/auth\/confirm\?/));
	await page.getByRole('button', { name: 'E-Mail-Adresse bestätigen' }).click();
	await expect(page).toHaveURL(/\/account/);
	return member;
}

/** A new member who joined the community, on its page. Joining is an enhanced form: its
 * result is waited for before the test goes on. */
export async function newMemberOf(page: Page, slug: string) {
	const member = await signUpAndConfirm(page);
	await page.goto(`/c/${slug}`);
	await page.getByRole('button', { name: 'Beitreten' }).click();
	await expect(page.getByRole('button', { name: 'Verlassen' })).toBeVisible();
	return member;
}

/**
 * Holds the page's scripts back until the returned function is called, as a slow
 * connection would: what the visitor does meanwhile must survive hydration.
 */
export async function holdScripts(page: Page) {
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await released;
		await route.continue();
	});
	return release;
}
