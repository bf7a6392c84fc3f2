// npm run dev / db:reset / local:status / local:start, and `run -- <command>` for
// anything that needs the stack (the Playwright web server, the benchmark).
import { spawn } from 'node:child_process';
import { appEnv, devEnv, loadDotEnv, localEnv, type LocalEnv } from './env.ts';
import { startLocalStack } from './stack.ts';

loadDotEnv();
const [command, ...rest] = process.argv.slice(2);
const hosted = Boolean(process.env.PUBLIC_SUPABASE_URL);

/** Runs a command with the app's environment and stops the stack when it ends. */
async function runWithStack(
	args: string[],
	environment: (env: LocalEnv | null) => object = (env) => (env ? appEnv(env) : {})
) {
	const stack = hosted ? null : await startLocalStack();
	const env = { ...process.env, ...environment(stack?.env ?? null) };
	const child = spawn(args[0], args.slice(1), { stdio: 'inherit', env });
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.on(signal, () => child.kill(signal));
	}
	const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
	await stack?.stop();
	process.exit(code);
}

async function keepRunning() {
	const stack = await startLocalStack();
	console.log('Local Supabase is running. Press Ctrl+C to stop.');
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.on(signal, () => void stack.stop().then(() => process.exit(0)));
	}
}

switch (command) {
	case 'dev':
		await runWithStack(['npx', 'vite', 'dev', ...rest], devEnv);
		break;
	case 'run':
		await runWithStack(rest[0] === '--' ? rest.slice(1) : rest);
		break;
	case 'start':
		await keepRunning();
		break;
	case 'reset': {
		const stack = await startLocalStack({ reset: true });
		await stack.stop();
		break;
	}
	case 'status':
		for (const [name, value] of Object.entries(await localEnv())) console.log(`${name}=${value}`);
		break;
	default:
		console.error('Usage: cli.ts dev | run -- <command> | start | reset | status');
		process.exit(2);
}
