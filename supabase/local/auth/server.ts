// The Supabase Auth (GoTrue) stand-in of the built-in local Supabase: /auth/v1/*
// over plain node:http, following shared/reference/supabase-api-spec.md §1 and §B,
// backed by the `auth` schema of supabase/local/sql/20-auth.sql.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { App } from './app.ts';
import { loadAuthConfig } from './config.ts';
import { connect } from './db.ts';
import { ApiError, apiVersionHeader, errorReply, requestedApiVersion } from './errors.ts';
import { applyGateway, corsHeaders, forwardFor, preflightHeaders } from './gateway.ts';
import { clientIp, type Reply, type Request } from './http.ts';
import { createMailer } from './mail.ts';
import { RateLimits } from './ratelimit.ts';
import { dispatch } from './routes.ts';
import { loadKeys } from './tokens.ts';
import { projectRoot } from '../env.ts';
import { listenOn } from '../listen.ts';

const prefix = '/auth/v1';
/** GoTrue's request body limit. */
const maxBodyBytes = 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > maxBodyBytes) reject(new BodyTooLarge());
			else chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks)));
		request.on('error', reject);
	});
}

function send(response: ServerResponse, reply: Reply) {
	if ('location' in reply) response.writeHead(303, { Location: reply.location }).end();
	else if (!('json' in reply)) response.writeHead(204).end();
	else {
		response
			.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers })
			.end(JSON.stringify(reply.json));
	}
}

async function handle(app: App, incoming: IncomingMessage, response: ServerResponse) {
	const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
	if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) {
		// What the gateway answers for paths it has no route for.
		return send(response, { status: 404, json: { message: 'no Route matched with those values' } });
	}
	if (incoming.method === 'OPTIONS') {
		response.writeHead(200, preflightHeaders(incoming)).end();
		return;
	}
	for (const [name, value] of Object.entries(corsHeaders())) response.setHeader(name, value);

	const path = url.pathname.slice(prefix.length) || '/';
	forwardFor(incoming);
	const rejection = await applyGateway(app.keys, path, url, incoming);
	if (rejection) return send(response, { status: rejection.status, json: rejection.body });

	const version = requestedApiVersion(incoming.headers[apiVersionHeader] as string | undefined);
	try {
		const request: Request = {
			method: incoming.method ?? 'GET',
			path,
			url,
			headers: incoming.headers,
			ip: clientIp(incoming.headers, incoming.socket.remoteAddress),
			rawBody: await readBody(incoming).catch((error: unknown) => {
				if (error instanceof BodyTooLarge) {
					throw new ApiError(413, 'request_entity_too_large', 'Request Entity Too Large');
				}
				throw error;
			})
		};
		send(response, await dispatch(app, request));
	} catch (error) {
		const reply = errorReply(error, version);
		if (reply.status >= 500) {
			const cause = error instanceof Error && error.cause ? ` (${String(error.cause)})` : '';
			app.log(`auth: ${incoming.method} ${url.pathname} failed: ${String(error)}${cause}`);
		}
		send(response, { status: reply.status, json: reply.body, headers: reply.headers });
	}
}

export async function startAuth(options: {
	port: number;
	databaseUrl: string;
	jwtSecret: string;
	stateDir: string;
	log: (line: string) => void;
	/** Another config.toml (tests use one with tighter limits); default supabase/config.toml. */
	configFile?: string;
	/** Where config.toml's env(NAME) values come from; default process.env. */
	env?: NodeJS.ProcessEnv;
}): Promise<{ port: number; close(): Promise<void> }> {
	const config = await loadAuthConfig(
		options.configFile ?? path.join(projectRoot, 'supabase/config.toml'),
		projectRoot,
		options.env
	);
	const keys = await loadKeys(options.stateDir, options.jwtSecret);
	const sql = connect(options.databaseUrl);
	const mailer = createMailer(config, options.log);
	// externalUrl is known once the port is bound (port 0 picks one).
	const app: App = {
		config,
		sql,
		keys,
		externalUrl: '',
		mailer,
		limits: new RateLimits(config),
		log: options.log
	};
	const server = createServer((incoming, response) => {
		handle(app, incoming, response).catch((error: unknown) => {
			options.log(`auth: request failed: ${String(error)}`);
			if (!response.headersSent) response.writeHead(500).end();
			else response.end();
		});
	});
	// Idle connections stay open until the client closes them, as with Go's http.Server.
	// Node's default closes them after 5 s, and a client whose event loop is late (a busy
	// machine) sends its next request on a socket just being closed: "fetch failed".
	server.keepAliveTimeout = 0;
	try {
		await listenOn(server, options.port, options.log);
	} catch (error) {
		await sql.end();
		mailer.close();
		throw error;
	}
	const port = (server.address() as AddressInfo).port;
	// Links in mails and the JWT issuer name the address clients reach this server at.
	app.externalUrl = `http://127.0.0.1:${port}${prefix}`;
	options.log(`auth: listening on http://127.0.0.1:${port}${prefix}`);
	let closing: Promise<void> | undefined;
	const close = async () => {
		await new Promise<void>((resolve, reject) => {
			server.close((error) => (error ? reject(error) : resolve()));
			// fetch keeps sockets alive; without this close() waits for them to time out.
			server.closeAllConnections();
		});
		mailer.close();
		await sql.end({ timeout: 5 });
	};
	// Idempotent: a stack may be stopped from a signal handler and a finally block.
	return { port, close: () => (closing ??= close()) };
}
