// The local stack's fixed ports lie in the range Linux gives outgoing connections: one may
// hold a port while the stack starts (seen with two checkouts' tests side by side).
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listenOn, patienceMs } from '../../supabase/local/listen';

const opened: (Server | Socket)[] = [];
afterEach(() => {
	for (const handle of opened.splice(0))
		if ('destroy' in handle) handle.destroy();
		else handle.close();
});

async function serverOnAnyPort(onConnection: (socket: Socket) => void = () => {}) {
	const server = createServer(onConnection);
	opened.push(server);
	await listenOn(server, 0);
	return { server, port: (server.address() as { port: number }).port };
}

describe('listenOn', () => {
	// Its budget is listenOn's patience: on a machine where other suites open thousands of
	// connections, one of theirs may share this port number (Linux lets outgoing connections
	// to different peers share a local port) and hold it after ours closed, and listenOn
	// rightly waits for that one too.
	it(
		'waits while an outgoing connection holds the port, then listens on it',
		{ timeout: patienceMs + 10_000 },
		async () => {
			let accepted: Socket | undefined;
			const peer = await serverOnAnyPort((socket) => opened.push((accepted = socket)));
			// A client connection, whose own end Linux puts on a port of that range.
			const client = connect(peer.port, '127.0.0.1');
			opened.push(client);
			await once(client, 'connect');
			const port = client.localPort!;

			const server = createServer();
			opened.push(server);
			let listening = false;
			const started = listenOn(server, port).then(() => (listening = true));
			// Its first attempt is refused; the next ones are a quarter of a second apart.
			await new Promise((resolve) => setTimeout(resolve, 600));
			expect(listening).toBe(false);
			// The peer closes first, so the client's end does not linger (TIME_WAIT is the peer's).
			accepted!.end();
			await once(client, 'end');
			client.destroy();
			await started;
			expect(server.address()).toMatchObject({ port });
		}
	);

	it('refuses a port another server listens on', async () => {
		const { port } = await serverOnAnyPort();
		const server = createServer();
		opened.push(server);
		await expect(listenOn(server, port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
	});
});
