// Every known XSS vector, rendered by the forum's one renderer and stored as
// posts, shown in real Chromium: nothing may run, nothing may reach another host.
import postgres from 'postgres';
import { render } from '../../src/lib/server/forum/markdown';
import { xssVectors } from '../support/xss-vectors';
import { expect, test } from './fixtures';

const communityId = '10000000-0000-4000-8000-000000000001';
const authorId = '00000000-0000-4000-8000-000000000004'; // Mama_von_Leo, seeded member
const perPost = 20;

// Postgres text cannot hold NUL; the forum's input schema deals with it before rendering.
const vectors = xssVectors.map((vector) => vector.replaceAll('\u0000', '\ufffd'));

/** Rendered one by one, as each would be when written, then shown together. */
function post(chunk: string[]) {
	return {
		body_markdown: chunk.join('\n\n'),
		body_html: chunk.map((vector) => render(vector)).join('\n')
	};
}

// Runs in the page before any of its scripts: dialogs and a marker, and
// clicks on links that may be followed (http, https, mailto, relative) keep
// the page; any other link keeps its default action, so it would run.
function trap() {
	const w = window as unknown as Record<string, unknown>;
	for (const name of ['alert', 'confirm', 'prompt', 'print']) {
		const original = w[name] as (...args: unknown[]) => unknown;
		w[name] = function (this: unknown, ...args: unknown[]) {
			w.__xss = name;
			return original.apply(this, args);
		};
	}
	const violations: string[] = [];
	w.__violations = violations;
	document.addEventListener('securitypolicyviolation', (event) => {
		if (!event.effectiveDirective.startsWith('style-src'))
			violations.push(
				`${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
			);
	});
	window.addEventListener(
		'click',
		(event) => {
			const link = (event.target as Element | null)?.closest?.('.post-body a');
			if (!(link instanceof HTMLAnchorElement)) return;
			event.stopImmediatePropagation();
			if (['http:', 'https:', 'mailto:'].includes(link.protocol)) event.preventDefault();
		},
		true
	);
}

test('no known XSS vector runs or reaches another host in Chromium', async ({ page, baseURL }) => {
	test.setTimeout(180_000);
	const sql = postgres(
		process.env.TEST_DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:54322/postgres',
		{ max: 1, onnotice: () => {} }
	);
	const chunks: string[][] = [];
	for (let i = 0; i < vectors.length; i += perPost) chunks.push(vectors.slice(i, i + perPost));
	const [first, ...rest] = chunks;
	const [thread] = await sql<{ id: string }[]>`
		insert into public.threads (community_id, author_id, title, body_markdown, body_html)
		values (${communityId}, ${authorId}, 'XSS-Probe: bekannte Angriffe als Beiträge',
			${post(first).body_markdown}, ${post(first).body_html})
		returning id`;
	try {
		for (const chunk of rest) {
			const { body_markdown, body_html } = post(chunk);
			await sql`insert into public.posts (thread_id, author_id, body_markdown, body_html)
				values (${thread.id}, ${authorId}, ${body_markdown}, ${body_html})`;
		}

		const app = new URL(baseURL!).origin;
		const dialogs: string[] = [];
		const foreign: string[] = [];
		const cspMessages: string[] = [];
		page.on('dialog', (dialog) => {
			dialogs.push(`${dialog.type()}: ${dialog.message()}`);
			void dialog.dismiss();
		});
		page.on('request', (request) => {
			if (new URL(request.url()).origin !== app) foreign.push(request.url());
		});
		// Style violations come from the app shell (app.html's display: contents,
		// SvelteKit's route announcer), not from posts: their bodies are checked
		// for style attributes below. Any other directive would be a post's doing.
		page.on('console', (message) => {
			const text = message.text();
			if (/content security policy/i.test(text) && !/directive 'style-src/.test(text))
				cspMessages.push(text);
		});
		// Nothing leaves the machine even if a request were made; it is still counted above.
		await page.route(
			(url) => url.origin !== app,
			(route) => route.abort()
		);
		await page.addInitScript(trap);

		await page.goto(`/t/${thread.id}`, { waitUntil: 'networkidle' });
		const bodies = page.locator('.post-body');
		await expect(bodies).toHaveCount(chunks.length);
		// The vectors are there, as text.
		await expect(page.getByText('<script>alert(1)</script>').first()).toBeVisible();

		// Chromium's own parse of the stored HTML: no active content at all.
		const active = await bodies.evaluateAll((elements) =>
			elements.flatMap((body) =>
				[...body.querySelectorAll('*')].flatMap((element) => {
					const tag = element.tagName.toLowerCase();
					const found = [...element.attributes]
						.filter(({ name }) => name.startsWith('on') || ['style', 'id', 'name'].includes(name))
						.map(({ name }) => `${tag}[${name}]`);
					if (/^(script|iframe|object|embed|form|svg|math|style|meta|base|link)$/.test(tag))
						found.push(tag);
					return found;
				})
			)
		);
		expect(active).toEqual([]);

		const targets = page.locator('.post-body a, .post-body img');
		const count = await targets.count();
		expect(count).toBeGreaterThan(50);
		for (let i = 0; i < count; i++) {
			const target = targets.nth(i);
			await target.focus();
			if (await target.isVisible()) {
				await target.hover();
				await target.click();
			} else {
				await target.dispatchEvent('mouseover');
				await target.dispatchEvent('click');
			}
		}
		await page.keyboard.press('Tab');
		await page.waitForLoadState('networkidle');

		expect(page.url()).toBe(`${app}/t/${thread.id}`);
		expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBe(
			undefined
		);
		expect(dialogs).toEqual([]);
		expect(foreign).toEqual([]);
		expect(cspMessages).toEqual([]);
		expect(
			await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)
		).toEqual([]);
	} finally {
		await sql`delete from public.threads where id = ${thread.id}`;
		await sql.end();
	}
});
