// HTTP side of the mail catcher: the JSON API tests read links from, and the web inbox.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenOn } from '../listen.ts';
import { inboxPage, messagePage, notFoundPage, pageCsp } from './inbox-page.ts';
import type { MailStore } from './store.ts';

export async function startHttp(options: {
	port: number;
	store: MailStore;
	log: (line: string) => void;
}): Promise<{ port: number; close(): Promise<void> }> {
	const server = createServer((request, response) => {
		try {
			handle(options.store, request, response);
		} catch (error) {
			options.log(`mail: inbox request failed: ${String(error)}`);
			if (!response.headersSent) json(response, 500, { error: 'internal error' });
			else response.end();
		}
	});
	await listenOn(server, options.port, options.log);
	return {
		port: (server.address() as AddressInfo).port,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				// Idle keep-alive sockets (fetch keeps them) would hold close() open for seconds.
				server.closeAllConnections();
			})
	};
}

function handle(store: MailStore, request: IncomingMessage, response: ServerResponse) {
	// The inbox holds login and reset links. Binding to loopback keeps other hosts
	// out; checking Host keeps out web pages that rebind their DNS name to 127.0.0.1.
	if (!isLoopbackHost(request.headers.host)) {
		return json(response, 421, { error: 'use 127.0.0.1 or localhost' });
	}
	const url = new URL(request.url ?? '/', 'http://127.0.0.1');
	const path = url.pathname;
	const method = request.method ?? 'GET';

	if (path === '/api/messages') {
		if (method === 'GET') return json(response, 200, store.list(url.searchParams.get('to')));
		if (method === 'DELETE') {
			store.clear();
			response.writeHead(204, { 'Cache-Control': 'no-store' });
			return response.end();
		}
		return notAllowed(response, 'GET, DELETE');
	}
	const apiId = /^\/api\/messages\/([^/]+)$/.exec(path);
	if (apiId) {
		if (method !== 'GET') return notAllowed(response, 'GET');
		const message = store.get(apiId[1]);
		return message ? json(response, 200, message) : json(response, 404, { error: 'not found' });
	}
	if (path === '/') {
		if (method !== 'GET') return notAllowed(response, 'GET');
		return html(response, 200, inboxPage(store.list()));
	}
	const pageId = /^\/messages\/([^/]+)$/.exec(path);
	if (pageId) {
		if (method !== 'GET') return notAllowed(response, 'GET');
		const message = store.get(pageId[1]);
		return message
			? html(response, 200, messagePage(message))
			: html(response, 404, notFoundPage());
	}
	return json(response, 404, { error: 'not found' });
}

function isLoopbackHost(host: string | undefined) {
	const name = host?.replace(/:\d+$/, '').toLowerCase();
	return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

function json(response: ServerResponse, status: number, body: unknown) {
	response.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Cache-Control': 'no-store',
		'X-Content-Type-Options': 'nosniff'
	});
	response.end(JSON.stringify(body));
}

function html(response: ServerResponse, status: number, body: string) {
	response.writeHead(status, {
		'Content-Type': 'text/html; charset=utf-8',
		'Content-Security-Policy': pageCsp,
		'Cache-Control': 'no-store',
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'no-referrer'
	});
	response.end(body);
}

function notAllowed(response: ServerResponse, allow: string) {
	response.setHeader('Allow', allow);
	json(response, 405, { error: 'method not allowed' });
}
