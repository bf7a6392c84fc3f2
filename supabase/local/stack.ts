// The built-in local Supabase: PostgreSQL, the Auth stand-in and the mail catcher,
// started together when no Supabase project is configured.
import { startAuth } from './auth/server.ts';
import {
	apiUrl,
	authAdminRole,
	dbUrl,
	jwtSecret,
	localEnv,
	ports,
	stateDir,
	type LocalEnv
} from './env.ts';
import { startMail } from './mail/server.ts';
import { startPostgres } from './postgres.ts';
import { isSchemaCurrent, resetDatabase } from './reset.ts';

export type LocalStack = {
	env: LocalEnv;
	stop(): Promise<void>;
	/** Stops and starts PostgreSQL (fast shutdown); null when another process runs the stack. */
	restartDatabase: (() => Promise<void>) | null;
};

async function isRunning() {
	try {
		const response = await fetch(`${apiUrl}/auth/v1/health`, { signal: AbortSignal.timeout(1000) });
		return response.ok;
	} catch {
		return false;
	}
}

/**
 * Starts the stack, or reuses one another process (say `npm run dev`) already runs.
 * The database is rebuilt when the bootstrap, migrations or seed changed since the
 * last reset, so a pulled migration never meets an old schema.
 */
export async function startLocalStack(
	options: { reset?: boolean; log?: (line: string) => void } = {}
): Promise<LocalStack> {
	const log = options.log ?? ((line: string) => console.log(`[local supabase] ${line}`));
	const env = await localEnv();
	if (await isRunning()) {
		if (options.reset || !(await isSchemaCurrent())) await resetDatabase(log);
		return { env, stop: async () => {}, restartDatabase: null };
	}
	let stopPostgres = await startPostgres(log);
	const stops: Array<() => Promise<void>> = [() => stopPostgres()];
	const stop = async () => {
		for (const stopOne of stops.reverse()) await stopOne();
	};
	try {
		if (options.reset || !(await isSchemaCurrent())) {
			log('Resetting the database (migrations or seed changed)');
			await resetDatabase(log);
		}
		const mail = await startMail({ smtpPort: ports.smtp, httpPort: ports.inbox, log });
		stops.push(() => mail.close());
		const auth = await startAuth({
			port: ports.api,
			databaseUrl: dbUrl(authAdminRole),
			jwtSecret,
			stateDir,
			log,
			env: { ...process.env, ...env }
		});
		stops.push(() => auth.close());
	} catch (error) {
		await stop();
		throw error;
	}
	log(`API ${env.API_URL}, database ${env.DB_URL}, mail inbox ${env.MAIL_URL}`);
	const restartDatabase = async () => {
		await stopPostgres();
		stopPostgres = await startPostgres(log);
	};
	return { env, stop, restartDatabase };
}
