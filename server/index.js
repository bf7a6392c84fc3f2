// The production server: adapter-node's handler (build/handler.js) behind plain node:http,
// so the one-click unsubscribe of mail providers passes the CSRF check (see
// one-click-unsubscribe.js) and responses go out compressed (compression.js). Reads the settings adapter-node's own `node build` reads:
// HOST, PORT, ORIGIN, PROTOCOL_HEADER, HOST_HEADER, SHUTDOWN_TIMEOUT (and the handler
// reads the rest). Start it with `npm start` after `npm run build`.
// WEB_CONCURRENCY=n runs n processes on the one port (node:cluster): rendering is
// JavaScript on one core per process. Each has its own connections and visitor pages;
// the mail sender in each claims mails with row locks, so none goes out twice.
import cluster from 'node:cluster';
import http from 'node:http';
import { compressResponses } from './compression.js';
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

const processes = Number(process.env.WEB_CONCURRENCY ?? 1);
if (cluster.isPrimary && processes > 1) {
	let stopping = false;
	for (let i = 0; i < processes; i++) cluster.fork();
	// A process that dies is replaced; on SIGTERM the primary passes it on and waits.
	cluster.on('exit', (_worker, _code, signal) => {
		if (!stopping && signal !== 'SIGTERM') cluster.fork();
	});
	const stop = () => {
		stopping = true;
		for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
} else await serve();

/** One process serving the app; only these load it (the primary only forks). */
async function serve() {
	const { handler } = await import('../build/handler.js');
	const server = http.createServer((request, response) => {
		allowOneClickUnsubscribe(request, appOrigin(request));
		compressResponses(request, response);
		handler(request, response, () => response.writeHead(404).end());
	});

	server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

	// As `node build` does: finish running requests, then stop; force it after SHUTDOWN_TIMEOUT.
	// Live pages' event streams never finish by themselves: the app ends them first.
	function shutdown() {
		process.emit('ratnetz:stopping');
		server.closeIdleConnections();
		server.close(() => process.exit(0));
		setTimeout(() => server.closeAllConnections(), shutdownSeconds * 1000).unref();
	}
	process.on('SIGTERM', shutdown);
	process.on('SIGINT', shutdown);
}
