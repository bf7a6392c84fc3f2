// The production server's compression (server/compression.js) on a real node:http server:
// brotli or gzip as the client asks, for text worth compressing; what comes compressed
// already passes untouched, and server-sent events arrive as they are written.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressResponses, preferredEncoding } from '../../server/compression.js';

const page = `<!doctype html><html><body>${'<p>Hat jemand Erfahrung mit einem Widerspruch?</p>'.repeat(200)}</body></html>`;
const big = 'Antwort '.repeat(700_000);
const kept = zlib.brotliCompressSync(page);

let server: http.Server;
let origin: string;
/** Lets the event stream's test send its second event once the first has arrived. */
let nextEvent: (() => void) | undefined;

const routes: Record<string, (response: http.ServerResponse) => void> = {
	'/page': (response) => {
		response.setHeader('content-type', 'text/html; charset=utf-8');
		response.setHeader('etag', '"seite"');
		response.writeHead(200);
		response.end(page);
	},
	'/implicit': (response) => {
		response.setHeader('content-type', 'application/json');
		response.end(JSON.stringify({ page }));
	},
	'/small': (response) => {
		response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5' }).end('kurz.');
	},
	'/kept': (response) => {
		response.writeHead(200, {
			'content-type': 'text/html',
			'content-encoding': 'br',
			vary: 'Accept-Encoding'
		});
		response.end(kept);
	},
	'/image': (response) => {
		response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(4096, 7));
	},
	// Written as adapter-node writes a body: chunk by chunk, waiting for "drain" when refused.
	'/big': (response) => {
		response.writeHead(200, { 'content-type': 'text/plain' });
		const chunks = big.match(/[\s\S]{1,65536}/g)!;
		const next = () => {
			while (chunks.length)
				if (!response.write(chunks.shift())) return response.once('drain', next);
			response.end();
		};
		next();
	},
	'/events': (response) => {
		response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
		response.write(`data: ${'erste Nachricht '.repeat(100)}\n\n`);
		nextEvent = () => response.end('data: zweite\n\n');
	}
};

beforeAll(async () => {
	server = http.createServer((request, response) => {
		compressResponses(request, response);
		routes[request.url!](response);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** The raw response: headers and body as sent, not decoded. */
function get(path: string, acceptEncoding?: string) {
	return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
		const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
		http
			.get(`${origin}${path}`, { headers }, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () =>
					resolve({ headers: response.headers, body: Buffer.concat(chunks) })
				);
			})
			.on('error', reject);
	});
}

const decoded = ({ headers, body }: { headers: http.IncomingHttpHeaders; body: Buffer }) =>
	(headers['content-encoding'] === 'br'
		? zlib.brotliDecompressSync(body)
		: headers['content-encoding'] === 'gzip'
			? zlib.gunzipSync(body)
			: body
	).toString();

describe('compression in the production server', () => {
	it('prefers what the client prefers, brotli before gzip, never a refused one', () => {
		expect(preferredEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(preferredEncoding('gzip, br;q=0.5')).toBe('gzip');
		expect(preferredEncoding('br;q=0, gzip')).toBe('gzip');
		expect(preferredEncoding('*')).toBe('br');
		expect(preferredEncoding('identity')).toBeNull();
		expect(preferredEncoding(undefined)).toBeNull();
	});

	it('sends HTML and JSON in brotli or gzip as asked, the same page once decoded', async () => {
		for (const [accept, encoding] of [
			['gzip, deflate, br', 'br'],
			['gzip', 'gzip'],
			['', undefined]
		] as const) {
			const response = await get('/page', accept);
			expect(response.headers['content-encoding']).toBe(encoding);
			expect(response.headers.vary).toBe('Accept-Encoding');
			expect(decoded(response)).toBe(page);
			if (encoding) expect(response.body.length).toBeLessThan(page.length / 10);
			// Another byte string: its tag says it is equal only in meaning.
			expect(response.headers.etag).toBe(encoding ? 'W/"seite"' : '"seite"');
		}
		const json = await get('/implicit', 'br');
		expect(json.headers['content-encoding']).toBe('br');
		expect(JSON.parse(decoded(json))).toEqual({ page });
	});

	it('leaves alone what is small, not text, or compressed already', async () => {
		const small = await get('/small', 'br');
		expect(small.headers['content-encoding']).toBeUndefined();
		expect(small.body.toString()).toBe('kurz.');
		const image = await get('/image', 'br');
		expect(image.headers['content-encoding']).toBeUndefined();
		expect(image.body).toEqual(Buffer.alloc(4096, 7));
		const keptPage = await get('/kept', 'gzip, br');
		expect(keptPage.headers['content-encoding']).toBe('br');
		expect(keptPage.body).toEqual(kept);
		expect(decoded(keptPage)).toBe(page);
	});

	it('keeps the writer’s pace on a long body and loses nothing', async () => {
		const response = await get('/big', 'gzip');
		expect(response.headers['content-encoding']).toBe('gzip');
		expect(decoded(response)).toBe(big);
	});

	it('never holds back server-sent events', async () => {
		const events = await new Promise<string[]>((resolve, reject) => {
			http
				.get(`${origin}/events`, { headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
					expect(response.headers['content-encoding']).toBeUndefined();
					const received: string[] = [];
					response.setEncoding('utf8');
					response.on('data', (chunk: string) => {
						received.push(chunk);
						// The second is sent only once the first has arrived.
						if (received.length === 1) nextEvent!();
					});
					response.on('end', () => resolve(received));
				})
				.on('error', reject);
		});
		expect(events.join('')).toContain('data: zweite');
		expect(events[0]).toContain('erste Nachricht');
	});
});
