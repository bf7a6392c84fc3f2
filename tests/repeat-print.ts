// What tests/repeat.ts prints: a line per run with its failures, then the slowest tests.
import type { CloneRun } from './repeat.ts';

const minutes = (seconds: number) =>
	`${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;

function median(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function printRuns(runs: CloneRun[]) {
	for (const run of runs) {
		const parts = run.parts
			.map(
				(part) =>
					`${part.tool} ${part.passed} passed, ${part.failed.length} failed (${minutes(part.seconds)})`
			)
			.join('; ');
		const ok = run.parts.every((part) => part.code === 0 && part.failed.length === 0);
		console.log(
			`  run ${run.label}: ${ok ? 'green' : 'FAILED'} in ${minutes(run.seconds)} ` +
				`(+ ${minutes(run.installSeconds)} clone and npm ci): ${parts}`
		);
		for (const part of run.parts)
			for (const failure of part.failed) console.log(`    ✗ ${failure}`);
		if (!ok) console.log(`    output: ${run.log}`);
	}
}

/** The ten slowest tests by their median time over all runs, as a share of the median run. */
export function printSlowest(runs: CloneRun[], count = 10) {
	const times = new Map<string, number[]>();
	const nearLimit = new Set<string>();
	for (const run of runs) {
		for (const test of run.parts.flatMap((part) => part.tests)) {
			times.set(test.name, [...(times.get(test.name) ?? []), test.seconds]);
			if (test.limit && test.seconds > test.limit / 2) {
				nearLimit.add(`${test.name}: ${test.seconds.toFixed(1)} of ${test.limit} s`);
			}
		}
	}
	const runSeconds = median(runs.map((run) => run.seconds));
	const slowest = [...times]
		.map(([name, seconds]) => ({ name, seconds: median(seconds) }))
		.sort((a, b) => b.seconds - a.seconds)
		.slice(0, count);
	console.log(
		`\nSlowest ${count} tests (median over runs; share of a ${minutes(runSeconds)} run):`
	);
	console.log('| test | time | share |\n| --- | ---: | ---: |');
	for (const { name, seconds } of slowest) {
		console.log(
			`| ${name} | ${seconds.toFixed(1)} s | ${((100 * seconds) / runSeconds).toFixed(1)} % |`
		);
	}
}
