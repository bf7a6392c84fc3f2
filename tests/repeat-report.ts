// Reads the JSON reports of Vitest and Playwright into one shape for tests/repeat.ts.

export type Part = { tool: 'vitest' | 'playwright'; command: string[]; report: string };

/** A test's time, and for browser tests its time limit (Vitest's JSON report has none). */
export type TestTime = { name: string; seconds: number; limit?: number };

export type PartResult = {
	tool: Part['tool'];
	code: number;
	seconds: number;
	passed: number;
	/** Failed tests (or files that failed before their tests ran), each named so it can be rerun. */
	failed: string[];
	tests: TestTime[];
};

type VitestReport = {
	testResults: Array<{
		name: string;
		status: string;
		message?: string;
		assertionResults: Array<{ fullName: string; status: string; duration?: number | null }>;
	}>;
};

export function readVitest(report: VitestReport, code: number, seconds: number): PartResult {
	const result: PartResult = { tool: 'vitest', code, seconds, passed: 0, failed: [], tests: [] };
	for (const file of report.testResults) {
		const where = file.name.replace(/^.*?\/(src|tests)\//, '$1/');
		for (const test of file.assertionResults) {
			if (test.status === 'passed') result.passed++;
			if (test.status === 'failed') result.failed.push(`${where} › ${test.fullName}`);
			result.tests.push({
				name: `${where} › ${test.fullName}`,
				seconds: (test.duration ?? 0) / 1000
			});
		}
		// A file that failed outside its tests (a hook, an import) has no failed test to name.
		if (file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed')) {
			result.failed.push(`${where}: ${(file.message ?? 'failed').split('\n')[0]}`);
		}
	}
	return result;
}

type PlaywrightSuite = {
	title: string;
	file: string;
	specs: Array<{
		title: string;
		line: number;
		tests: Array<{
			status: string;
			timeout: number;
			results: Array<{ duration: number; status: string }>;
		}>;
	}>;
	suites?: PlaywrightSuite[];
};
type PlaywrightReport = { suites: PlaywrightSuite[]; errors: Array<{ message?: string }> };

export function readPlaywright(
	report: PlaywrightReport,
	code: number,
	seconds: number
): PartResult {
	const result: PartResult = {
		tool: 'playwright',
		code,
		seconds,
		passed: 0,
		failed: [],
		tests: []
	};
	const walk = (suite: PlaywrightSuite) => {
		for (const spec of suite.specs) {
			const name = `tests/e2e/${suite.file}:${spec.line} › ${spec.title}`;
			for (const test of spec.tests) {
				if (test.status === 'expected') result.passed++;
				else if (test.status !== 'skipped') result.failed.push(`${name} (${test.status})`);
				const seconds = test.results.reduce((sum, r) => sum + r.duration, 0) / 1000;
				result.tests.push({ name, seconds, limit: test.timeout / 1000 });
			}
		}
		suite.suites?.forEach(walk);
	};
	report.suites.forEach(walk);
	for (const error of report.errors)
		result.failed.push(`(run) ${(error.message ?? '').split('\n')[0]}`);
	return result;
}
