// Client addresses for tests. Auth and the app limit sign-ins, sign-ups and mails per IP;
// each test (or test client) comes from an address of its own, as members do, so the
// suite's many sign-ins do not share one budget. The local stack's gateway and the app's
// test server take the address from X-Forwarded-For. Ports for servers a test starts.
import { createServer } from 'node:net';

/** A random private address: 10.x.y.z. */
export function clientAddress() {
	const byte = () => Math.floor(Math.random() * 254) + 1;
	return `10.${byte()}.${byte()}.${byte()}`;
}

/** A port nothing listens on now: for a server the test starts, or a mail server that is down. */
export async function unusedPort() {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}
