// The production server compresses HTML, JSON and text as the browser asks (br, gzip), says
// so in Vary, and sends visitors' kept thread pages as they were kept compressed.
import { expect, signIn, test } from './fixtures';
import { leosThread } from './pages';

const asked = [
	['gzip, deflate, br, zstd', 'br'],
	['gzip, deflate', 'gzip']
] as const;

test('pages come in brotli or gzip, as the browser asks, and plain to who asks for neither', async ({
	request
}) => {
	for (const [accept, encoding] of asked) {
		const help = await request.get('/help', { headers: { 'accept-encoding': accept } });
		expect(help.headers()['content-encoding']).toBe(encoding);
		expect(help.headers()['vary']).toMatch(/accept-encoding/i);
		expect(await help.text()).toContain('TelefonSeelsorge');
	}
	const plain = await request.get('/help', { headers: { 'accept-encoding': 'identity' } });
	expect(plain.headers()['content-encoding']).toBeUndefined();
	expect(await plain.text()).toContain('TelefonSeelsorge');
});

test('a visitor’s kept thread page goes out as kept, compressed once', async ({ request }) => {
	// The first visit renders and keeps it; later ones get what was kept.
	await request.get(`/t/${leosThread}`);
	for (const [accept, encoding] of asked) {
		const page = await request.get(`/t/${leosThread}`, { headers: { 'accept-encoding': accept } });
		expect(page.headers()['content-encoding']).toBe(encoding);
		expect(page.headers()['etag']).toMatch(new RegExp(`-${encoding}"$`));
		expect(await page.text()).toContain('Schulbegleitung');
	}
});

test('JSON comes compressed, and the browser reads every page as usual', async ({ page }) => {
	await signIn(page, 'mama.leo@ratnetz.example');
	const data = await page.request.get('/account/data', { headers: { 'accept-encoding': 'br' } });
	expect(data.headers()['content-type']).toMatch(/^application\/json/);
	expect(data.headers()['content-encoding']).toBe('br');
	expect((await data.json()).profile).toBeTruthy();
	const response = await page.goto(`/t/${leosThread}`);
	expect((await response!.allHeaders())['content-encoding']).toBe('br');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Schulbegleitung');
});
