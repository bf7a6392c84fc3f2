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

export async function resetDatabase(log: (line: string) => void) {
	const admin = postgres(dbUrl(undefined, 'template1'), { max: 1, onnotice: () => {} });
	try {
		await admin`drop database if exists postgres with (force)`;
		await admin`create database postgres`;
	} finally {
		await admin.end();
	}
	const sql = postgres(dbUrl(), { max: 1, onnotice: () => {} });
	try {
		for (const file of await schemaFiles()) {
			log(`Applying ${path.relative(projectRoot, file)}`);
			await sql.file(file);
		}
	} finally {
		await sql.end();
	}
	await writeFile(hashFile, await schemaDigest());
}
