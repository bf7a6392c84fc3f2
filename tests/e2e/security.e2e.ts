import { expect, signIn, test } from './fixtures';

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
