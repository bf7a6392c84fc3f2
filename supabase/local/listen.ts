// The stack's servers on their fixed ports. Those lie in Linux's range for outgoing
// connections (32768–60999), as the Supabase CLI's do: a client connection on this machine
// (another checkout's tests open thousands) can hold one of them for a moment, and listen()
// then fails with EADDRINUSE though nothing listens there. That port is free again once the
// connection has closed (up to a minute later, when its end lingers in TIME_WAIT), so it is
// tried again meanwhile; a port where a server answers stays an error.
import { connect, createServer, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const host = '127.0.0.1';
/** How long a port held by an outgoing connection is waited for: TIME_WAIT is 60 s. */
export const patienceMs = 90_000;

function listenOnce(server: Server, port: number) {
	return new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
}

/** Whether a server accepts connections on the port. */
function answers(port: number) {
	return new Promise<boolean>((resolve) => {
		const socket = connect(port, host);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/**
 * Listens on the loopback port (0: any free one), waiting while an outgoing connection
 * holds it; `log` hears once that it waits.
 */
export async function listenOn(server: Server, port: number, log?: (line: string) => void) {
	const deadline = Date.now() + patienceMs;
	for (let attempt = 0; ; attempt++) {
		try {
			return await listenOnce(server, port);
		} catch (error) {
			const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
			if (!taken || port === 0 || Date.now() > deadline || (await answers(port))) throw error;
			if (attempt === 0) log?.(`port ${port} is held by an outgoing connection; waiting for it`);
			await sleep(250);
		}
	}
}

/** Waits until the port could be listened on, for a server that binds it itself (Postgres). */
export async function portFree(port: number, log?: (line: string) => void) {
	const probe = createServer();
	await listenOn(probe, port, log);
	await new Promise<void>((resolve) => probe.close(() => resolve()));
}
