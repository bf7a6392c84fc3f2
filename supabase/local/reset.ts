// `db reset` as the Supabase CLI does it: a fresh database, the Supabase bootstrap,
// supabase/migrations/*.sql in order, then supabase/seed.sql.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { dbUrl, projectRoot, stateDir } from './env.ts';

const bootstrapDir = path.join(projectRoot, 'supabase/local/sql');
const migrationsDir = path.join(projectRoot, 'supabase/migrations');
const seedFile = path.join(projectRoot, 'supabase/seed.sql');
const hashFile = path.join(stateDir, 'schema.sha256');

async function sqlFiles(dir: string) {
	const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
	return names.map((name) => path.join(dir, name));
}

async function schemaFiles() {
	const files = [...(await sqlFiles(bootstrapDir)), ...(await sqlFiles(migrationsDir))];
	return existsSync(seedFile) ? [...files, seedFile] : files;
}

/** A digest of everything a reset applies, to notice when the database is out of date. */
export async function schemaDigest() {
	const hash = createHash('sha256');
	for (const file of await schemaFiles()) {
		hash.update(path.relative(projectRoot, file)).update(await readFile(file));
	}
	return hash.digest('hex');
}

export async function isSchemaCurrent() {
	return existsSync(hashFile) && (await readFile(hashFile, 'utf8')) === (await schemaDigest());
}

/** Drops and creates `database`, then applies the bootstrap, the migrations and the seed. */
async function rebuild(database: string, log: (line: string) => void) {
	const admin = postgres(dbUrl(undefined, 'template1'), { max: 1, onnotice: () => {} });
	try {
		await admin`drop database if exists ${admin(database)} with (force)`;
		await admin`create database ${admin(database)}`;
	} finally {
		await admin.end();
	}
	const sql = postgres(dbUrl(undefined, database), { max: 1, onnotice: () => {} });
	try {
		for (const file of await schemaFiles()) {
			log(`Applying ${path.relative(projectRoot, file)}`);
			await sql.file(file);
		}
	} finally {
		await sql.end();
	}
}

export async function resetDatabase(log: (line: string) => void) {
	await rebuild('postgres', log);
	await writeFile(hashFile, await schemaDigest());
}

/**
 * A database of its own beside the app's, with the same schema and seed, rebuilt when
 * they change: for tests whose findings must not depend on what other tests (or earlier
 * runs) wrote, such as the query plans. Its comment holds the digest it was built from.
 * With `fresh`, it is copied anew each time from a template built so, and autovacuum
 * never visits its tables: a test's rolled-back rows invite it, and its in-place update of
 * a table's size in the middle of the next test's transaction changed that test's plans.
 */
export async function ownDatabase(database: string, { fresh = false } = {}) {
	if (!/^[a-z_]+$/.test(database)) throw new Error(`Not a database name of ours: ${database}`);
	const digest = await schemaDigest();
	const built = fresh ? `${database}_template` : database;
	// Not connected to template1, which `create database` copies and needs to itself.
	const admin = postgres(dbUrl(), { max: 1, onnotice: () => {} });
	try {
		// Test files run side by side: one builds, the others wait for it.
		await admin`select pg_advisory_lock(hashtext(${database}))`;
		const [kept] = await admin<{ digest: string | null }[]>`
			select shobj_description(oid, 'pg_database') as digest from pg_database where datname = ${built}`;
		if (kept?.digest !== digest) {
			if (kept)
				await admin`alter database ${admin(built)} with is_template false allow_connections true`;
			await rebuild(built, () => {});
			// COMMENT takes no parameters; the name is checked above, the digest is hex.
			await admin.unsafe(`comment on database "${built}" is '${digest}'`);
			if (fresh) {
				await withoutAutovacuum(built);
				await admin`alter database ${admin(built)} with is_template true allow_connections false`;
			}
		}
		if (fresh) {
			await admin`drop database if exists ${admin(database)} with (force)`;
			await admin`create database ${admin(database)} template ${admin(built)}`;
		}
	} finally {
		await admin.end();
	}
	return dbUrl(undefined, database);
}

async function withoutAutovacuum(database: string) {
	const sql = postgres(dbUrl(undefined, database), { max: 1, onnotice: () => {} });
	try {
		await sql`do $$
			declare
				t regclass;
			begin
				for t in select c.oid from pg_class c where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace loop
					execute format('alter table %s set (autovacuum_enabled = false)', t);
				end loop;
			end $$`;
	} finally {
		await sql.end();
	}
}
