// npm run screenshots: the forum's main pages as the README shows them
// (docs/screenshots/<page>-<width>.png), at a phone's and a desktop's width, in German, with
// the demo data: the production build on the local stack, as `npm start` serves it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { ownerConnection, signIn, startApp } from '../bench/app.ts';
import { projectRoot } from '../supabase/local/env.ts';

const widths = [
	[390, 844],
	[1280, 800]
] as const;

const owner = ownerConnection();
// The demo question with the most answers: a thread page as most readers meet it.
const [{ id: threadId }] = await owner<{ id: string }[]>`
	select id from public.threads where held_at is null and removed_at is null
	order by answer_count desc, created_at limit 1`;
await owner.end();

const pages = [
	{ name: 'home', path: '/', member: 'mama.leo@ratnetz.example' },
	{ name: 'thread', path: `/t/${threadId}`, member: null },
	{ name: 'ask', path: '/c/autismus-schule/ask', member: 'mama.leo@ratnetz.example' },
	{ name: 'counsellor-queue', path: '/counsellor', member: 'beraterin@ratnetz.example' },
	{ name: 'moderation-queue', path: '/mod', member: 'moderator@ratnetz.example' }
];

const app = await startApp(Number(process.env.SCREENSHOTS_PORT ?? 4391));
const browser = await chromium.launch({
	executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined
});
try {
	for (const { name, path: pagePath, member } of pages) {
		// The server trusts X-Forwarded-For (as behind a proxy): the browser names one address.
		const address = '192.0.2.10';
		const cookie = member ? await signIn(app, member, address) : '';
		for (const [width, height] of widths) {
			const context = await browser.newContext({
				viewport: { width, height },
				locale: 'de-DE',
				extraHTTPHeaders: { 'x-forwarded-for': address }
			});
			await context.addCookies(
				cookie
					.split('; ')
					.filter(Boolean)
					.map((pair) => {
						const [cookieName, ...value] = pair.split('=');
						return { name: cookieName, value: value.join('='), url: app.url };
					})
			);
			const page = await context.newPage();
			const response = await page.goto(app.url + pagePath);
			if (new URL(page.url()).pathname !== pagePath.split('?')[0])
				throw new Error(`${pagePath} went to ${page.url()} (${response?.status()})`);
			const file = path.join(projectRoot, 'docs/screenshots', `${name}-${width}.png`);
			await page.screenshot({ path: file });
			console.log(`[screenshots] ${path.relative(projectRoot, file)}`);
			await context.close();
		}
	}
} finally {
	await browser.close();
	await app.stop();
}
