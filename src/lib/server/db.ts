// The data path: every query runs inside a transaction that has switched to a
// Supabase API role with verified JWT claims, exactly as PostgREST runs a request,
// so auth.uid() and every RLS policy behave as on hosted Supabase.
import { env } from '$env/dynamic/private';
import postgres from 'postgres';

/** Verified access-token claims (from Supabase Auth), or null for a visitor. */
export type Claims = { sub: string; role: string; session_id?: string; [claim: string]: unknown };

export type Tx = postgres.TransactionSql;

let pool: postgres.Sql | undefined;

// Connected as a NOINHERIT login role that owns nothing: a query that forgot to
// switch role has no privileges and fails closed.
function connection() {
	pool ??= postgres(env.DATABASE_URL ?? '', {
		max: Number(env.DATABASE_POOL_SIZE ?? 10),
		onnotice: () => {},
		connection: { application_name: 'ratnetz' }
	});
	return pool;
}

async function run<T>(role: string, claims: object, work: (tx: Tx) => Promise<T>) {
	return connection().begin(async (tx) => {
		await tx`select set_config('role', ${role}, true), set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
		return work(tx);
	}) as Promise<T>;
}

/** One unit of work as the visitor or signed-in member the claims describe. */
export function transaction<T>(claims: Claims | null, work: (tx: Tx) => Promise<T>) {
	return claims ? run('authenticated', claims, work) : run('anon', { role: 'anon' }, work);
}

/** For system jobs only (rate limits, queues): bypasses RLS. */
export function systemTransaction<T>(work: (tx: Tx) => Promise<T>) {
	return run('service_role', { role: 'service_role' }, work);
}
