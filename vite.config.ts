import { paraglideVitePlugin } from '@inlang/paraglide-js';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { allowOneClickUnsubscribe } from './server/one-click-unsubscribe.js';
import { ports, useTestEnv } from './supabase/local/env.ts';

if (process.env.VITEST) {
	await useTestEnv();
	// The data path counts round trips per request (tests/integration/round-trips.spec.ts).
	process.env.SQL_TIMING = '1';
}

// `vite preview` serves the build with SvelteKit's CSRF check on, so it lets mail
// providers' one-click unsubscribe through as server/index.js does in production.
// (`npm run dev` needs nothing: SvelteKit checks no origins in development.)
function oneClickUnsubscribe(): Plugin {
	return {
		name: 'ratnetz-one-click-unsubscribe',
		configurePreviewServer: (server) =>
			void server.middlewares.use((request, _response, next) => {
				const protocol = server.config.preview.https ? 'https' : 'http';
				allowOneClickUnsubscribe(request, `${protocol}://${request.headers.host}`);
				next();
			})
	};
}

// The map's tiles (src/lib/map-tiles.ts): their host may serve images, and nothing else.
const tileOrigin = new URL(
	process.env.MAP_TILE_URL || 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
	'http://localhost'
).origin;

export default defineConfig({
	plugins: [
		oneClickUnsubscribe(),
		sveltekit({
			compilerOptions: {
				// Force runes mode for the project, except for libraries. Can be removed in svelte 6.
				runes: ({ filename }) =>
					filename.split(/[/\\]/).includes('node_modules') ? undefined : true
			},
			adapter: adapter(),
			// Hashes for SvelteKit's own inline bootstrap script; nothing else inline may run.
			// Hashes, not nonces: a visitor's kept page (visitor-pages.ts) must stay valid as sent.
			csp: {
				mode: 'hash',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					'style-src': ['self'],
					'img-src': [
						'self',
						'data:',
						...(tileOrigin === 'http://localhost'
							? []
							: [tileOrigin as `https://${string}.${string}`])
					],
					'font-src': ['self'],
					'connect-src': ['self'],
					'form-action': ['self'],
					'frame-ancestors': ['none'],
					'base-uri': ['self'],
					'object-src': ['none']
				}
			}
		}),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['custom-member', 'cookie', 'preferredLanguage', 'baseLocale'],
			emitTsDeclarations: true
		})
	],
	server: { port: ports.dev, strictPort: true },
	preview: { port: ports.e2e, strictPort: true },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.spec.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.spec.ts'],
					globalSetup: ['tests/global-setup.ts'],
					testTimeout: 20_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
