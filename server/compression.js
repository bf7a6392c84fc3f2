// Compression of the production server's responses (server/index.js): brotli or gzip, as the
// client's Accept-Encoding prefers, for HTML, JSON and other text. Responses that come
// compressed already pass untouched: the static files adapter-node compressed at build
// time, and visitors' pages kept compressed (src/lib/server/visitor-pages.ts). Server-sent
// events are never compressed: a compressor holds back what it has not filled a block with.
// Plain JavaScript, so the server and the app (bundled by Vite) share it.
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** @typedef {'br' | 'gzip'} Encoding */

const compressibleType =
	/^(text\/(?!event-stream)|application\/(json|javascript|xml|manifest\+json|[\w.-]+\+(json|xml))|image\/svg\+xml)/i;
/** Below this, compressing saves less than it costs. */
const smallest = 1024;

/**
 * The encoding the client prefers of those offered (br before gzip when equal), or null.
 * @param {string | string[] | undefined | null} acceptEncoding
 * @returns {Encoding | null}
 */
export function preferredEncoding(acceptEncoding) {
	/** @type {Map<string, number>} */
	const quality = new Map();
	for (const part of String(acceptEncoding ?? '').split(',')) {
		const [name, ...parameters] = part.trim().toLowerCase().split(';');
		const q = parameters.map((parameter) => parameter.trim()).find((p) => p.startsWith('q='));
		if (name) quality.set(name, q ? Number(q.slice(2)) || 0 : 1);
	}
	const of = (/** @type {string} */ name) => quality.get(name) ?? quality.get('*') ?? 0;
	/** @type {Encoding[]} */
	const offered = ['br', 'gzip'];
	const [best] = offered.filter((name) => of(name) > 0).sort((a, b) => of(b) - of(a));
	return best ?? null;
}

/** @param {unknown} contentType */
export const isCompressible = (contentType) => compressibleType.test(String(contentType ?? ''));

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * A body compressed once to be sent many times: as small as the encoding makes it.
 * @param {Uint8Array} body
 * @param {Encoding} encoding
 */
export function compressedOnce(body, encoding) {
	return encoding === 'br'
		? brotli(body, {
				params: {
					[zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
					[zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength
				}
			})
		: gzip(body, { level: zlib.constants.Z_BEST_COMPRESSION });
}

/** @param {Encoding} encoding a compressor fast enough for every response */
function streamingCompressor(encoding) {
	return encoding === 'br'
		? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } })
		: zlib.createGzip({ level: 6 });
}

/**
 * Compresses what the response sends, if its type and size are worth it and the client
 * takes an encoding. Decided when the headers go out (however they do); the body then
 * streams through the compressor, with the writer's backpressure kept.
 * @param {import('node:http').IncomingMessage} request
 * @param {import('node:http').ServerResponse} response
 */
export function compressResponses(request, response) {
	const encoding = preferredEncoding(request.headers['accept-encoding']);
	const writeHead = response.writeHead.bind(response);
	/** @type {(...args: any[]) => boolean} */
	const write = response.write.bind(response);
	/** @type {(...args: any[]) => unknown} */
	const end = response.end.bind(response);
	/** @type {zlib.BrotliCompress | zlib.Gzip | null} */
	let compressor = null;

	/** @param {number} status @param {unknown[]} rest */
	function decide(status, ...rest) {
		// Headers passed here join those set before, so all are seen at once.
		const reason = rest.find((argument) => typeof argument === 'string');
		const headers = rest.find((argument) => argument && typeof argument === 'object');
		if (Array.isArray(headers)) {
			for (let i = 0; i < headers.length; i += 2) response.appendHeader(headers[i], headers[i + 1]);
		} else if (headers) {
			for (const [name, value] of Object.entries(headers)) {
				if (value !== undefined) response.setHeader(name, /** @type {string} */ (value));
			}
		}
		if (isCompressible(response.getHeader('content-type'))) {
			varyOnEncoding(response);
			if (encoding && shouldCompress(request, response, status)) {
				compressor = streamingCompressor(encoding);
				response.removeHeader('content-length');
				response.setHeader('content-encoding', encoding);
				weakenEtag(response);
				pipeOut(compressor);
			}
		}
		return reason === undefined
			? writeHead(status)
			: writeHead(status, /** @type {string} */ (reason));
	}

	/** What the compressor gives goes out, as fast as the client takes it. */
	function pipeOut(/** @type {zlib.BrotliCompress | zlib.Gzip} */ stream) {
		stream.on('data', (chunk) => {
			if (!write(chunk)) stream.pause();
		});
		response.on('drain', () => stream.resume());
		// The app waits for "drain" when a write was refused: the compressor's own counts too.
		stream.on('drain', () => response.emit('drain'));
		stream.on('end', () => end());
		stream.on('error', (error) => response.destroy(error));
	}

	const headersOut = () => response.headersSent || decide(response.statusCode);
	/** @type {any} */ (response).writeHead = decide;
	/** @type {any} */ (response).write = (/** @type {any[]} */ ...args) => {
		headersOut();
		return compressor ? compressor.write(args[0], args[1], args[2]) : write(...args);
	};
	/** @type {any} */ (response).end = (/** @type {any[]} */ ...args) => {
		headersOut();
		if (!compressor) return end(...args);
		const callback = args.findLast((argument) => typeof argument === 'function');
		const [chunk, chunkEncoding] = args.filter((argument) => typeof argument !== 'function');
		if (callback) response.once('finish', callback);
		if (chunk === undefined || chunk === null) compressor.end();
		else compressor.end(chunk, chunkEncoding);
		return response;
	};
}

/**
 * The same page in another encoding is another byte string: a strong ETag would claim they
 * are equal (RFC 9110 8.8.3). A weak one still lets the page be revalidated.
 * @param {import('node:http').ServerResponse} response
 */
function weakenEtag(response) {
	const etag = response.getHeader('etag');
	if (typeof etag === 'string' && etag.startsWith('"')) response.setHeader('etag', `W/${etag}`);
}

/** @param {import('node:http').ServerResponse} response */
function varyOnEncoding(response) {
	const vary = String(response.getHeader('vary') ?? '');
	if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) {
		response.setHeader('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
	}
}

/**
 * @param {import('node:http').IncomingMessage} request
 * @param {import('node:http').ServerResponse} response
 * @param {number} status
 */
function shouldCompress(request, response, status) {
	const length = Number(response.getHeader('content-length') ?? Infinity);
	return (
		request.method !== 'HEAD' &&
		status !== 204 &&
		status !== 304 &&
		!response.hasHeader('content-encoding') &&
		!/no-transform/i.test(String(response.getHeader('cache-control') ?? '')) &&
		length >= smallest
	);
}
