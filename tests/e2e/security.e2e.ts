import { expect, owner, signIn, signUpAndConfirm, test } from './fixtures';

test('pages carry a strict Content-Security-Policy and no inline scripts beyond SvelteKit’s', async ({
	page
}) => {
	const response = await page.goto('/');
	const csp = response?.headers()['content-security-policy'] ?? '';
	expect(csp).toContain("default-src 'self'");
	expect(csp).toMatch(/script-src 'self' '(nonce|sha256)-[^']+'(;|$)/);
	expect(csp).not.toContain('unsafe-inline');
	expect(csp).not.toContain('unsafe-eval');
	expect(csp).toContain("frame-ancestors 'none'");
	expect(response?.headers()['x-content-type-options']).toBe('nosniff');
});

test('the session cookie is httpOnly and SameSite=Lax', async ({ page, context }) => {
	await signIn(page, 'oma.ruth@ratnetz.example');
	const session = (await context.cookies()).filter((cookie) => cookie.name.startsWith('sb-'));
	expect(session.length).toBeGreaterThan(0);
	for (const cookie of session) {
		expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
	}
	// On localhost over http the cookie cannot be Secure; the app sets Secure everywhere else.
	expect(session.every((cookie) => cookie.secure === false)).toBe(true);
});

test('a form posted from another site is refused', async ({ request, baseURL }) => {
	const response = await request.post('/signin', {
		headers: { origin: 'https://evil.example' },
		form: { email: 'oma.ruth@ratnetz.example', password: 'Ratnetz-Demo-2026' }
	});
	expect(response.status()).toBe(403);
	const sameSite = await request.post('/signin', {
		headers: { origin: new URL(baseURL!).origin, accept: 'text/html' },
		form: { email: 'oma.ruth@ratnetz.example', password: 'falsch-falsch-1' },
		maxRedirects: 0
	});
	expect(sameSite.status()).toBe(400);
});

test('a session ended elsewhere ends here at the next page, though its token was verified before', async ({
	page,
	context
}) => {
	const member = await signUpAndConfirm(page);
	const navigation = page.getByRole('navigation', { name: 'Hauptnavigation' });
	await page.goto('/');
	await expect(navigation.getByRole('link', { name: member.pseudonym })).toBeVisible();

	await owner`delete from auth.sessions where user_id = (select id from auth.users where email = ${member.email})`;
	await page.goto('/');
	await expect(navigation.getByRole('link', { name: 'Anmelden' })).toBeVisible();
	await expect(navigation.getByRole('link', { name: member.pseudonym })).toHaveCount(0);
	// Its cookies are dropped, so the browser stops sending the dead token.
	expect((await context.cookies()).filter((cookie) => cookie.name.startsWith('sb-'))).toEqual([]);
});

test('an access token past its time is refreshed at the next page, and the member stays signed in', async ({
	page,
	context
}) => {
	const member = await signUpAndConfirm(page);
	const navigation = page.getByRole('navigation', { name: 'Hauptnavigation' });
	// The session as Auth's client keeps it in its cookie (one or more chunks): "base64-" and JSON.
	const sessionCookies = async () =>
		(await context.cookies())
			.filter((cookie) => /^sb-.*-auth-token(\.\d+)?$/.test(cookie.name))
			.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
	const sessionOf = (cookies: { value: string }[]) =>
		JSON.parse(
			Buffer.from(
				cookies
					.map((c) => c.value)
					.join('')
					.replace(/^base64-/, ''),
				'base64url'
			).toString()
		) as { access_token: string; refresh_token: string; expires_at: number };
	const before = await sessionCookies();
	const session = sessionOf(before);

	// As an hour later: the browser still sends the session, whose token has run out.
	const [{ name, domain, path }] = before;
	await context.clearCookies({ name: /^sb-.*-auth-token/ });
	await context.addCookies([
		{
			name: name.replace(/\.\d+$/, ''),
			domain,
			path,
			httpOnly: true,
			sameSite: 'Lax',
			value: `base64-${Buffer.from(JSON.stringify({ ...session, expires_at: Math.floor(Date.now() / 1000) - 60 })).toString('base64url')}`
		}
	]);
	await page.goto('/');
	await expect(navigation.getByRole('link', { name: member.pseudonym })).toBeVisible();

	// A new session came back with the page, and the old refresh token is spent.
	const refreshed = sessionOf(await sessionCookies());
	expect(refreshed.refresh_token).not.toBe(session.refresh_token);
	expect(refreshed.access_token).not.toBe(session.access_token);
	expect(refreshed.expires_at * 1000).toBeGreaterThan(Date.now() + 30 * 60_000);
	const [spent] = await owner<{ revoked: boolean }[]>`
		select revoked from auth.refresh_tokens where token = ${session.refresh_token}`;
	expect(spent.revoked).toBe(true);
	await page.goto('/account');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(navigation.getByRole('link', { name: member.pseudonym })).toBeVisible();
});
