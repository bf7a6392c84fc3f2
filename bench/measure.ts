// One page under load with autocannon, as one reader (a visitor or a signed-in member
// from an address of their own): requests per second, latency percentiles, and from the
// same responses' Server-Timing the SQL time and round trips (bench/pages.ts).
import autocannon from 'autocannon';

export const seconds = Number(process.env.BENCH_SECONDS ?? 10);
// A page is measured as a server that has been running serves it. Under load V8 keeps
// optimising the app's code for some 15–20 s (`node --trace-opt`: hundreds of functions,
// compiled on the same two cores), and the server's CPU time per member thread page falls
// from about 4 ms to 2 ms meanwhile; a short warm-up measured mostly that.
export const warmUpSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 20);
export const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

const percentile = (sorted: number[], p: number) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
export const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const mostFrequent = (values: number[]) => {
	const counts = new Map<number, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? NaN;
};

/** The requests of one reader: their session (none: a visitor) and their address. */
export type Reader = { cookie: string | null; address: string };

const headersOf = (reader: Reader) => ({
	'x-forwarded-for': reader.address,
	...(reader.cookie ? { cookie: reader.cookie } : {})
});

/**
 * Whether the page is served to the reader as who they are: a session the app cannot
 * check is read as a visitor's, which would measure the wrong page.
 */
async function servedAs(url: string, reader: Reader) {
	const response = await fetch(url, {
		headers: headersOf(reader),
		redirect: 'manual'
	});
	const signedIn = (await response.text()).includes('action="/signout"');
	if (response.status !== 200 || signedIn !== Boolean(reader.cookie))
		throw new Error(
			`${url} answered ${response.status}, ${signedIn ? 'signed in' : 'as to a visitor'}`
		);
}

export async function measure(url: string, reader: Reader) {
	await servedAs(url, reader);
	const samples: { ms: number; sqlMs: number; roundTrips: number }[] = [];
	const run = (duration: number, record: boolean) =>
		autocannon({
			url,
			connections,
			duration,
			headers: headersOf(reader),
			setupClient: (client) => {
				let timing = { sqlMs: NaN, roundTrips: NaN };
				client.on('headers', ({ headers }: { headers: string[] }) => {
					const at = headers.findIndex(
						(h, i) => i % 2 === 0 && h.toLowerCase() === 'server-timing'
					);
					const match =
						at >= 0 ? /sql;dur=([\d.]+);desc="(\d+) round trips"/.exec(headers[at + 1]) : null;
					timing = match
						? { sqlMs: Number(match[1]), roundTrips: Number(match[2]) }
						: { sqlMs: NaN, roundTrips: NaN };
				});
				client.on('response', (_status: number, _bytes: number, ms: number) => {
					if (record) samples.push({ ms, ...timing });
				});
			}
		});
	await run(warmUpSeconds, false);
	const result = await run(seconds, true);
	const latencies = samples.map((s) => s.ms).sort((a, b) => a - b);
	const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
	const pageMs = mean(latencies);
	const sqlMs = mean(samples.map((s) => s.sqlMs));
	return {
		requestsPerSecond: round(result.requests.average, 0),
		p50Ms: round(percentile(latencies, 50)),
		p95Ms: round(percentile(latencies, 95)),
		p99Ms: round(percentile(latencies, 99)),
		sqlMeanMs: round(sqlMs, 2),
		pageMeanMs: round(pageMs, 2),
		pageToSql: round(pageMs / sqlMs, 1),
		// Most requests' count; the most includes a pool connection being opened (startup and
		// authentication are round trips too), which no page's queries cause.
		roundTrips: mostFrequent(samples.map((s) => s.roundTrips)),
		roundTripsMax: Math.max(...samples.map((s) => s.roundTrips)),
		errors: result.errors + result.timeouts + result.non2xx
	};
}
