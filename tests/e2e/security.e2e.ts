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
