// The local mail catcher, the stand-in for the Supabase CLI's Inbucket/Mailpit:
// every mail of the local stack lands here, developers read it in the web inbox,
// tests read links from the JSON API (see tests/support/mail.ts).
import { startHttp } from './http.ts';
import { startSmtp } from './smtp.ts';
import { MailStore } from './store.ts';

/**
 * Starts SMTP and HTTP on 127.0.0.1. Port 0 picks a free port; the bound ports
 * are returned so tests can run a catcher next to the developer's one.
 */
export async function startMail(options: {
	smtpPort: number;
	httpPort: number;
	log: (line: string) => void;
}): Promise<{ smtpPort: number; httpPort: number; close(): Promise<void> }> {
	const store = new MailStore();
	const smtp = await startSmtp({ port: options.smtpPort, store, log: options.log });
	let http;
	try {
		http = await startHttp({ port: options.httpPort, store, log: options.log });
	} catch (error) {
		await smtp.close();
		throw error;
	}
	options.log(`mail: SMTP on 127.0.0.1:${smtp.port}, inbox http://127.0.0.1:${http.port}`);
	return {
		smtpPort: smtp.port,
		httpPort: http.port,
		close: async () => {
			await Promise.all([smtp.close(), http.close()]);
		}
	};
}
