// What a request spends on SQL, for the benchmark: with SQL_TIMING=1 every database
// socket notes, per request, how often the server waited for Postgres (a round trip:
// sending after having received) and for how long (from sending until the last reply
// came in). hooks.server.ts reports both in a Server-Timing header. Off by default.
import { AsyncLocalStorage } from 'node:async_hooks';
import net from 'node:net';

export type SqlTime = { ms: number; roundTrips: number };

const requests = new AsyncLocalStorage<SqlTime>();

/** Runs a request's handling with its own SQL account. */
export function measure<T>(handle: () => T): [SqlTime, T] {
	const spent: SqlTime = { ms: 0, roundTrips: 0 };
	return [spent, requests.run(spent, handle)];
}

/** A connected socket (postgres.js `socket` option) that books its traffic to the request that wrote. */
export function timedSocket(options: { host: string[]; port: number[] }): Promise<net.Socket> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(options.port[0], options.host[0]);
		let owner: SqlTime | undefined;
		let waiting = false;
		let since = 0;
		const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
		socket.write = ((...args: unknown[]) => {
			if (!waiting) {
				owner = requests.getStore();
				if (owner) owner.roundTrips += 1;
				since = performance.now();
				waiting = true;
			}
			return write(...args);
		}) as typeof socket.write;
		socket.on('data', () => {
			const now = performance.now();
			if (owner) owner.ms += now - since;
			since = now;
			waiting = false;
		});
		socket.once('connect', () => resolve(socket));
		socket.once('error', reject);
	});
}
