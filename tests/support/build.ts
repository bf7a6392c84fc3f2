// The production build (build/, `vite build`), made again only when something it is built
// from changed since, as make decides: `npm test` builds once before the integration tests,
// whose two-servers test runs the built server, and the browser tests reuse that build.
// Run directly (`tsx tests/support/build.ts`) or call `currentBuild()`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../../supabase/local/env.ts';

/** What the build is made of; generated folders (Paraglide's messages) come from these. */
const inputs = [
	'src',
	'messages',
	'static',
	'server',
	'project.inlang/settings.json',
	'vite.config.ts',
	'tsconfig.json',
	'package-lock.json'
];
const generated = new Set([path.join(projectRoot, 'src/lib/paraglide')]);
const output = path.join(projectRoot, 'build/handler.js');

/** The newest change under `file`: a folder's own time counts too (a file removed from it). */
function newest(file: string): number {
	if (generated.has(file) || !existsSync(file)) return 0;
	const stat = statSync(file);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(file).map((name) => newest(path.join(file, name))));
}

export function isBuildCurrent() {
	if (!existsSync(output)) return false;
	const built = statSync(output).mtimeMs;
	return inputs.every((input) => newest(path.join(projectRoot, input)) <= built);
}

/** Builds unless the build is current; resolves once build/ holds the current app. */
export async function currentBuild() {
	if (isBuildCurrent()) return;
	const vite = path.join(projectRoot, 'node_modules/.bin/vite');
	const child = spawn(vite, ['build', '--logLevel', 'warn'], {
		cwd: projectRoot,
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
	if (code !== 0) throw new Error(`vite build stopped with code ${code}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	await currentBuild();
}
