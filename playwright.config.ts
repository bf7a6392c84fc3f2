import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { dbUrl, inboxUrl, loadDotEnv, ports } from './supabase/local/env.ts';

// A second checkout runs its browser tests beside this one with LOCAL_PORT_OFFSET (or E2E_PORT).
const port = Number(process.env.E2E_PORT ?? ports.e2e);
const baseURL = `http://localhost:${port}`;
// The tests read the database and the inbox of this checkout's stack (ports from supabase/config.toml).
loadDotEnv();
process.env.TEST_DATABASE_URL ??= dbUrl();
process.env.MAIL_URL ??= inboxUrl;
// Debian's Chromium where installed (Playwright's browser download is not available everywhere).
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	// Budgets with room for a busy 2-core machine: under a load average of 18 no test but the
	// long journeys took more than 21 s, and those (test.slow(): three times this) up to 45 s.
	// Waits end as soon as what they wait for is seen, so a fast machine is not slowed.
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? 'line' : 'list',
	use: {
		baseURL,
		locale: 'de-DE',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath,
			args: [
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], locale: 'de-DE' } }],
	// A production build on the local stack (or the project in PUBLIC_SUPABASE_URL), made
	// anew only if the sources changed since the last (under `npm test`, before vitest).
	// Behind the test's own "proxy": each test names its client address, so per-IP
	// rate limits count per test as they would per visitor.
	webServer: {
		command: 'tsx tests/support/build.ts && tsx supabase/local/cli.ts run -- node server',
		url: baseURL,
		timeout: 300_000,
		reuseExistingServer: false,
		env: {
			PORT: String(port),
			ORIGIN: baseURL,
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1',
			// Tests wait for notification mails: the sender looks at the outbox every second,
			// and the scheduled jobs run every second too (every minute otherwise).
			MAIL_POLL_SECONDS: '1',
			SCHEDULE_SECONDS: '1',
			// Offline: the map's tiles are a blank tile of the app's own.
			MAP_TILE_URL: '/leaflet/blank-tile.png'
		}
	}
});
