// npm run test:repeat -- [runs] [part] [--beside]
//
// Runs the suite (or one part of it) several times, each time from a fresh clone of this
// checkout's HEAD with a clean `npm ci`, as CI does, and prints each run's time and
// failures, then the slowest tests. Proof that the suite does not depend on luck.
//   runs      how many runs, one after another (default 5)
//   part      unit | integration | e2e | a test file (default: everything `npm test` runs)
//   --beside  each run has a second clone running the same tests beside it on other ports
//             (LOCAL_PORT_OFFSET + 100), as when two checkouts share the machine
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../supabase/local/env.ts';
import { type Part, type PartResult, readPlaywright, readVitest } from './repeat-report.ts';
import { printRuns, printSlowest } from './repeat-print.ts';

const args = process.argv.slice(2);
const beside = args.includes('--beside');
const [runsArg, partArg] = args.filter((arg) => arg !== '--beside');
const runs = Number(runsArg ?? 5);
if (!Number.isInteger(runs) || runs < 1)
	throw new Error(`runs must be a whole number, not ${runsArg}`);
const baseOffset = Number(process.env.LOCAL_PORT_OFFSET ?? 0);

/** What `npm test` runs ("vitest run && playwright test"), split so each part reports as JSON. */
function partsToRun(part = 'all'): Part[] {
	const vitest = (filter: string[]): Part => ({
		tool: 'vitest',
		command: ['npx', 'vitest', 'run', ...filter, '--reporter=dot', '--reporter=json'],
		report: 'vitest.json'
	});
	const playwright = (filter: string[]): Part => ({
		tool: 'playwright',
		command: ['npx', 'playwright', 'test', ...filter, '--reporter=dot,json'],
		report: 'playwright.json'
	});
	if (part === 'all') return [vitest([]), playwright([])];
	if (part === 'unit' || part === 'integration') return [vitest(['--project', part])];
	if (part === 'e2e') return [playwright([])];
	return [part.endsWith('.e2e.ts') ? playwright([part]) : vitest([part])];
}

/** Runs a command with its output appended to the run's log; resolves to its exit code. */
function run(command: string[], cwd: string, env: NodeJS.ProcessEnv, log: string) {
	const output = openSync(log, 'a');
	return new Promise<number>((resolve) => {
		const child = spawn(command[0], command.slice(1), {
			cwd,
			env: { ...process.env, ...env },
			stdio: ['ignore', output, output]
		});
		child.on('exit', (code) => {
			closeSync(output);
			resolve(code ?? 1);
		});
	});
}

export type CloneRun = {
	label: string;
	seconds: number;
	installSeconds: number;
	parts: PartResult[];
	log: string;
};

/** One fresh clone: clone, `npm ci`, then each part; a failed install is reported as such. */
async function cloneRun(label: string, offset: number): Promise<CloneRun> {
	const dir = await mkdtemp(path.join(tmpdir(), 'ratnetz-repeat-'));
	const clone = path.join(dir, 'ratnetz');
	const log = path.join(dir, 'output.log');
	const env = {
		CI: '1',
		LOCAL_PORT_OFFSET: String(offset),
		PLAYWRIGHT_JSON_OUTPUT_FILE: path.join(dir, 'playwright.json')
	};
	const installStart = Date.now();
	await run(['git', 'clone', '-q', projectRoot, clone], dir, env, log);
	// The product docs sit beside the project in CI (../shared); the tests do not read them.
	await symlink(path.join(projectRoot, '../shared'), path.join(dir, 'shared')).catch(() => {});
	const installed = (await run(['npm', 'ci', '--no-audit', '--no-fund'], clone, env, log)) === 0;
	const installSeconds = (Date.now() - installStart) / 1000;
	const start = Date.now();
	const parts: PartResult[] = [];
	for (const part of installed ? partsToRun(partArg) : []) {
		const command =
			part.tool === 'vitest'
				? [...part.command, `--outputFile.json=${path.join(dir, 'vitest.json')}`]
				: part.command;
		const partStart = Date.now();
		const code = await run(command, clone, env, log);
		const seconds = (Date.now() - partStart) / 1000;
		const report = await readFile(path.join(dir, part.report), 'utf8').catch(() => null);
		parts.push(
			report === null
				? {
						tool: part.tool,
						code,
						seconds,
						passed: 0,
						failed: [`no report (exit ${code}), see ${log}`],
						tests: []
					}
				: (part.tool === 'vitest' ? readVitest : readPlaywright)(JSON.parse(report), code, seconds)
		);
	}
	if (!installed)
		parts.push({
			tool: 'vitest',
			code: 1,
			seconds: 0,
			passed: 0,
			failed: [`npm ci failed, see ${log}`],
			tests: []
		});
	const result = { label, seconds: (Date.now() - start) / 1000, installSeconds, parts, log };
	// Keep a failed run's clone and log to look at; remove the rest.
	if (parts.every((part) => part.code === 0 && part.failed.length === 0))
		await rm(dir, { recursive: true, force: true });
	return result;
}

const results: CloneRun[] = [];
for (let n = 1; n <= runs; n++) {
	console.log(`Run ${n} of ${runs}${beside ? ' (with a second clone beside it)' : ''} …`);
	const pair = await Promise.all([
		cloneRun(`${n}`, baseOffset),
		...(beside ? [cloneRun(`${n} beside`, baseOffset + 100)] : [])
	]);
	printRuns(pair);
	results.push(...pair);
}
console.log('\nAll runs:');
printRuns(results);
printSlowest(results);
process.exit(
	results.every((r) => r.parts.every((p) => p.failed.length === 0 && p.code === 0)) ? 0 : 1
);
