// The production server: adapter-node's handler (build/handler.js) behind plain node:http,
// so the one-click unsubscribe of mail providers passes the CSRF check (see
// one-click-unsubscribe.js). Reads the settings adapter-node's own `node build` reads:
// HOST, PORT, ORIGIN, PROTOCOL_HEADER, HOST_HEADER, SHUTDOWN_TIMEOUT (and the handler
// reads the rest). Start it with `npm start` after `npm run build`.
import http from 'node:http';
import { handler } from '../build/handler.js';
import { allowOneClickUnsubscribe } from './one-click-unsubscribe.js';

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 3000);
const shutdownSeconds = Number(process.env.SHUTDOWN_TIMEOUT ?? 30);
const protocolHeader = (process.env.PROTOCOL_HEADER ?? '').toLowerCase();
const hostHeader = (process.env.HOST_HEADER ?? '').toLowerCase();

/**
 * The origin SvelteKit sees for a request: ORIGIN, else what the (proxy) headers say,
 * the same way adapter-node derives it.
 * @param {http.IncomingMessage} request
 */
function appOrigin(request) {
	if (process.env.ORIGIN) return new URL(process.env.ORIGIN).origin;
	const first = (/** @type {string | string[] | undefined} */ value) =>
		(Array.isArray(value) ? value[0] : value)?.split(',')[0].trim();
	const protocol = (protocolHeader && first(request.headers[protocolHeader])) || 'https';
	const hostName = (hostHeader && first(request.headers[hostHeader])) || request.headers.host;
	return `${protocol}://${hostName}`;
}

const server = http.createServer((request, response) => {
	allowOneClickUnsubscribe(request, appOrigin(request));
	handler(request, response, () => response.writeHead(404).end());
});

server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

// As `node build` does: finish running requests, then stop; force it after SHUTDOWN_TIMEOUT.
function shutdown() {
	server.closeIdleConnections();
	server.close(() => process.exit(0));
	setTimeout(() => server.closeAllConnections(), shutdownSeconds * 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
