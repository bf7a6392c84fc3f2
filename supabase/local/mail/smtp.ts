// SMTP side of the mail catcher: accepts every mail on loopback and files it in the store.
import { simpleParser, type HeaderValue, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { listenOn } from '../listen.ts';
import type { MailStore } from './store.ts';

/** Big enough for any mail with inline images, small enough that a runaway loop can't eat the RAM. */
export const maxMessageBytes = 10 * 1024 * 1024;

export async function startSmtp(options: {
	port: number;
	store: MailStore;
	log: (line: string) => void;
}): Promise<{ port: number; close(): Promise<void> }> {
	const { store, log } = options;
	const server = new SMTPServer({
		name: 'localhost',
		banner: 'Ratnetz local mail catcher',
		// Loopback only, so plain text is fine; with STARTTLS gone no client tries TLS
		// against the library's built-in (publicly known) certificate.
		secure: false,
		disabledCommands: ['STARTTLS'],
		// No account needed, but a client configured with credentials (as for a hosted
		// SMTP relay) must not fail here: any login is accepted.
		authOptional: true,
		allowInsecureAuth: true,
		onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'local' }),
		size: maxMessageBytes,
		rejectOversized: true,
		disableReverseLookup: true,
		// Apps keep pooled SMTP connections open; without this, stopping the stack would
		// wait 30 s for them. A mail in the middle of DATA still gets a second to finish.
		closeTimeout: 1000,
		logger: false,
		onData(stream, session, callback) {
			simpleParser(stream)
				.then((parsed) => {
					if (stream.sizeExceeded) return callback(new Error('Message exceeds 10 MB'));
					const envelopeFrom = session.envelope.mailFrom;
					const message = store.add({
						from: parsed.from?.text || (envelopeFrom ? envelopeFrom.address : ''),
						to: session.envelope.rcptTo.map((recipient) => recipient.address),
						subject: parsed.subject ?? '',
						date: new Date().toISOString(),
						text: parsed.text ?? null,
						html: parsed.html || null,
						headers: headerRecord(parsed)
					});
					// Logs never hold addresses or what members wrote: the inbox shows the mail.
					log(`mail: received ${message.id} for ${message.to.length} recipient(s)`);
					callback();
				})
				.catch((error: unknown) => {
					log(`mail: could not parse a message: ${String(error)}`);
					callback(new Error('Could not parse the message'));
				});
		}
	});
	server.on('error', (error) => log(`mail: SMTP error: ${error.message}`));

	const listening = server.server;
	await listenOn(listening, options.port, log);
	return {
		port: (listening.address() as AddressInfo).port,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/**
 * Header values as readable text: mailparser has already decoded MIME words in
 * strings and addresses; for dates and structured values (Content-Type and the
 * like) the raw line is the more faithful view.
 */
function headerRecord(parsed: ParsedMail): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const { key, line } of parsed.headerLines) {
		const raw = line
			.slice(line.indexOf(':') + 1)
			.replace(/\r?\n[ \t]+/g, ' ')
			.trim();
		const value = readable(parsed.headers.get(key)) ?? raw;
		headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
	}
	return headers;
}

function readable(value: HeaderValue | undefined): string | undefined {
	if (typeof value === 'string') return value;
	if (value && !Array.isArray(value) && 'text' in value && typeof value.text === 'string') {
		return value.text;
	}
	return undefined;
}
