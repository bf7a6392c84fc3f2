// Attacks on the app over HTTP, replayed in Chromium and with plain requests: redirects
// after sign-in stay on the site, bad addresses and tokens get a clear answer (never a
// 500), sessions end everywhere on request, and the session cookie does not outlive them.
import { apiUrl } from '../../supabase/local/env';
import {
	clearAddressLimit,
	demoPassword,
	expect,
	otherVisitor,
	signIn,
	signUpAndConfirm,
	test
} from './fixtures';

const supabaseUrl = process.env.PUBLIC_SUPABASE_URL ?? apiUrl;

test('sign-in goes on only to a page of this site, whatever `next` says', async ({
	page,
	baseURL
}) => {
	const origin = new URL(baseURL!).origin;
	for (const next of ['/%09/evil.example/phish', '/%5C%5Cevil.example', '/.//evil.example']) {
		await signIn(page, 'oma.ruth@ratnetz.example', undefined, `/signin?next=${next}`);
		expect(new URL(page.url()).origin).toBe(origin);
		await page.getByRole('button', { name: 'Abmelden' }).click();
		await expect(page.getByRole('link', { name: 'Anmelden' }).first()).toBeVisible();
	}
});

test('a `next` with a newline is no 500: the member lands on the home page', async ({
	request,
	baseURL
}) => {
	await clearAddressLimit('sign_in', 'oma.ruth@ratnetz.example');
	const response = await request.post('/signin?next=/%0d%0aSet-Cookie:%20x=1', {
		headers: { origin: new URL(baseURL!).origin, accept: 'text/html' },
		form: { email: 'oma.ruth@ratnetz.example', password: demoPassword },
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	expect(response.headers()['location']).toBe('/');
});

test('addresses with a NUL or broken escapes are refused, never a 500', async ({ request }) => {
	for (const path of [
		'/c/%00',
		'/c/autismus-schule%00',
		'/t/%00',
		'/c/%ff',
		'/c/%E0%A4%A',
		'/search?q=%00',
		'/c/autismus-schule?after=%00'
	]) {
		const response = await request.get(path, { maxRedirects: 0 });
		expect(response.status(), path).toBeGreaterThanOrEqual(400);
		expect(response.status(), path).toBeLessThan(500);
	}
});

test('a session cookie with a forged token is a visitor', async ({ page, context, baseURL }) => {
	const b64 = (value: string) => Buffer.from(value).toString('base64url');
	const { keys } = (await (await fetch(`${supabaseUrl}/auth/v1/.well-known/jwks.json`)).json()) as {
		keys: { kid: string }[];
	};
	const claims = b64(JSON.stringify({ sub: '00000000-0000-0000-0000-000000000001', exp: 4e9 }));
	for (const header of [
		{ alg: 'none', kid: keys[0].kid },
		{ alg: 'RS256', kid: keys[0].kid }
	]) {
		const session = {
			access_token: `${b64(JSON.stringify(header))}.${claims}.`,
			token_type: 'bearer',
			expires_in: 3600,
			expires_at: 4e9,
			refresh_token: 'abcdefghijkl',
			user: { id: '00000000-0000-0000-0000-000000000001' }
		};
		await context.addCookies([
			{
				name: `sb-${new URL(supabaseUrl).hostname.split('.')[0]}-auth-token`,
				value: `base64-${b64(JSON.stringify(session))}`,
				url: baseURL
			}
		]);
		const response = await page.goto('/');
		expect(response?.status()).toBe(200);
		await expect(
			page
				.getByRole('navigation', { name: 'Hauptnavigation' })
				.getByRole('link', { name: 'Anmelden' })
		).toBeVisible();
	}
});

test('the session cookie lives two weeks, not 400 days; no HSTS over http', async ({
	page,
	context
}) => {
	const response = await page.goto('/');
	expect(response?.headers()['strict-transport-security']).toBeUndefined();
	await signIn(page, 'oma.ruth@ratnetz.example');
	const session = (await context.cookies()).filter((cookie) => cookie.name.startsWith('sb-'));
	expect(session.length).toBeGreaterThan(0);
	const day = 24 * 3600;
	for (const cookie of session) {
		const lives = cookie.expires - Date.now() / 1000;
		expect(lives).toBeGreaterThan(14 * day - 600);
		expect(lives).toBeLessThan(14 * day + 600);
	}
});

test('signing out everywhere ends the member’s session on their other devices', async ({
	page,
	browser
}) => {
	test.slow();
	const member = await signUpAndConfirm(page);
	// The same member on another computer.
	const other = await otherVisitor(browser);
	await signIn(other, member.email, member.password);
	const navigation = other.getByRole('navigation', { name: 'Hauptnavigation' });
	await expect(navigation.getByRole('link', { name: member.pseudonym })).toBeVisible();

	await page.goto('/account');
	await page.getByRole('button', { name: 'Alle Sitzungen beenden' }).click();
	await expect(page.getByRole('link', { name: 'Anmelden' }).first()).toBeVisible();
	await other.goto('/');
	await expect(navigation.getByRole('link', { name: 'Anmelden' })).toBeVisible();
	await other.context().close();
});
