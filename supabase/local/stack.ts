// The built-in local Supabase: PostgreSQL, the Auth stand-in and the mail catcher,
// started together when no Supabase project is configured.
import path from 'node:path';
import postgres from 'postgres';
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
import { dataDir, startPostgres } from './postgres.ts';
import { isSchemaCurrent, resetDatabase } from './reset.ts';

export type LocalStack = {
	env: LocalEnv;
	stop(): Promise<void>;
	/** Stops and starts PostgreSQL (fast shutdown); null when another process runs the stack. */
	restartDatabase: (() => Promise<void>) | null;
};

/**
 * Another process may run the stack on these ports: this checkout's (`npm run dev`), or
 * another checkout's whose ports are the same. Only the first may be reused, and reset:
 * the running PostgreSQL says whose data directory it serves.
 */
async function assertOwnStack() {
	const sql = postgres(dbUrl(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
	try {
		const [{ data_directory: running }] = await sql`show data_directory`;
		if (path.resolve(running) !== path.resolve(dataDir)) {
			throw new Error(
				`The ports of supabase/config.toml (API ${ports.api}, database ${ports.db}) are taken by ` +
					`the local stack of another checkout (${running}). Stop it, or run this checkout ` +
					`on other ports: LOCAL_PORT_OFFSET=100 npm …`
			);
		}
	} finally {
		await sql.end();
	}
}

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
		await assertOwnStack();
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
