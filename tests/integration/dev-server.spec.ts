// `npm run dev` tells the app its own address, so links in the mails it sends lead to the
// port it runs on: Vite's dev port, shifted by LOCAL_PORT_OFFSET like every local port.
import { afterEach, describe, expect, it } from 'vitest';
import { devEnv, localEnv, ports } from '../../supabase/local/env';
import viteConfig from '../../vite.config';

const given = process.env.ORIGIN;
afterEach(() => {
	if (given === undefined) delete process.env.ORIGIN;
	else process.env.ORIGIN = given;
});

describe('the dev server’s address', () => {
	it('is the dev port of this checkout, where Vite serves', async () => {
		delete process.env.ORIGIN;
		const offset = Number(process.env.LOCAL_PORT_OFFSET ?? 0);
		expect(devEnv(await localEnv()).ORIGIN).toBe(`http://localhost:${5173 + offset}`);
		expect(viteConfig.server?.port).toBe(ports.dev);
		expect(viteConfig.server?.strictPort).toBe(true);
	});

	it('is the one the developer gives, if any', async () => {
		process.env.ORIGIN = 'http://forum.test:8080';
		expect(devEnv(null).ORIGIN).toBe('http://forum.test:8080');
	});
});
