// The data path: every query runs inside a transaction that has switched to a
// Supabase API role with verified JWT claims, exactly as PostgREST runs a request,
// so auth.uid() and every RLS policy behave as on hosted Supabase.
import { AsyncLocalStorage } from 'node:async_hooks';
import { env } from '$env/dynamic/private';
import { error } from '@sveltejs/kit';
import postgres from 'postgres';
import { m } from '$lib/paraglide/messages';
import { timedSocket } from './sql-timing';

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
		connection: { application_name: 'ratnetz' },
		...(env.SQL_TIMING === '1' ? { socket: timedSocket } : {})
	});
	return pool;
}

/**
 * Listens on a notification channel on a connection of its own, which reconnects by
 * itself (and listens again). The login role needs no privileges for it.
 */
export function listen(channel: string, onNotify: (payload: string) => void) {
	return connection().listen(channel, onNotify);
}

/** Lets the server exit when it stops (adapter-node's shutdown): idle connections would keep it alive. */
export async function closeDatabase() {
	const closing = pool;
	pool = undefined;
	await closing?.end({ timeout: 5 });
}

/**
 * A request's session check that goes out with the request's first transaction as its
 * claims, sent right after begin: no round trip, no transaction of its own (session.ts).
 * `query` answers whether the session is still active; `active` is its answer once sent.
 */
export type SessionCheck = {
	claims: Claims;
	query: (tx: Tx) => Promise<boolean>;
	sent?: boolean;
	active?: Promise<boolean>;
};

const sessionChecks = new AsyncLocalStorage<SessionCheck>();

/** Runs a request's handling with its session check still to be sent. */
export function checkingSession<T>(check: SessionCheck, handle: () => T) {
	return sessionChecks.run(check, handle);
}

/** The request's session check, when this transaction is the first as its claims. */
function sessionCheckFor(claims: object) {
	const check = sessionChecks.getStore();
	if (!check || check.sent || check.claims !== claims) return undefined;
	check.sent = true;
	return check;
}

/** The connection itself is gone (the database restarted or is unreachable), not a refusal. */
function isConnectionLost(cause: unknown) {
	if (cause instanceof postgres.PostgresError) return cause.severity !== 'ERROR';
	const code = (cause as { code?: unknown } | null)?.code;
	return typeof code === 'string' && /^(CONNECTION_|CONNECT_TIMEOUT|E[A-Z]+$)/.test(code);
}

/**
 * Begin, role and claims go out together with the work's first queries, so a
 * transaction that reads once costs two round trips (that batch, then commit), not four.
 * Reads sent all at once (`read`) take the commit along too: one round trip.
 */
async function run<T>(
	role: string,
	claims: object,
	work: (tx: Tx) => Promise<T>,
	sentAtOnce = false
): Promise<T> {
	const check = role === 'authenticated' ? sessionCheckFor(claims) : undefined;
	let tx: postgres.ReservedSql;
	try {
		tx = await connection().reserve();
	} catch (cause) {
		return rethrow(cause);
	}
	let alive = true;
	// Awaited queries go out in microtasks; an immediate runs after them. Set before the
	// driver sets its own (to write what is queued), it adds the commit to the same write.
	// A query sent after the commit runs as the login role, which may read nothing: work
	// that awaits between its queries fails instead of reading outside the claims.
	const closing = sentAtOnce
		? new Promise((resolve, reject) =>
				setImmediate(() => tx`commit`.execute().then(resolve, reject))
			)
		: null;
	closing?.catch(() => {});
	try {
		const opening = Promise.all([
			tx`begin`.execute(),
			tx`select set_config('role', ${role}, true), set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`.execute()
		]);
		// Awaited below; a failure here also fails the work's queries, which reports it first.
		opening.catch(() => {});
		if (check) {
			check.active = check.query(tx as unknown as Tx);
			check.active.catch(() => {});
			// Work that may write waits for the answer: an ended session changes nothing.
			if (!sentAtOnce && !(await check.active)) error(401, m.error_session_expired());
		}
		const result = await work(tx as unknown as Tx);
		await opening;
		await (closing ?? tx`commit`);
		return result;
	} catch (cause) {
		alive = !isConnectionLost(cause);
		// Not back to the pool with a commit still to come: it would end someone else's work.
		await closing?.catch(() => {});
		// Ends the transaction; a closed connection has none left to end.
		if (alive) await tx`rollback`.catch(() => {});
		return rethrow(cause);
	} finally {
		// A lost connection already went back to the pool, to be reconnected there.
		if (alive) tx.release();
	}
}

/** Requests caught by a database restart get a clear 503; the pool reconnects by itself. */
function rethrow(cause: unknown): never {
	if (!isConnectionLost(cause)) throw cause;
	console.error(
		JSON.stringify({ level: 'error', message: 'database unavailable', cause: String(cause) })
	);
	error(503, m.error_database_unavailable());
}

/** One unit of work as the visitor or signed-in member the claims describe. */
export function transaction<T>(claims: Claims | null, work: (tx: Tx) => Promise<T>) {
	return claims ? run('authenticated', claims, work) : run('anon', { role: 'anon' }, work);
}

/**
 * Reads as the visitor or member the claims describe, in one round trip: begin, claims,
 * the queries and commit go out together. The work must send every query before its
 * first await, as `Promise.all` of queries does.
 */
export function read<T>(claims: Claims | null, work: (tx: Tx) => Promise<T>) {
	return claims
		? run('authenticated', claims, work, true)
		: run('anon', { role: 'anon' }, work, true);
}

/** In the caller's transaction when there is one (a page reading in one go), else in a new one. */
export function within<T>(claims: Claims | null, tx: Tx | undefined, work: (tx: Tx) => Promise<T>) {
	return tx ? work(tx) : transaction(claims, work);
}

/** As `within`, for work that only reads: alone, it is a read of its own (one round trip). */
export function reading<T>(
	claims: Claims | null,
	tx: Tx | undefined,
	work: (tx: Tx) => Promise<T>
) {
	return tx ? work(tx) : read(claims, work);
}

/** For system jobs only (rate limits, queues): bypasses RLS. */
export function systemTransaction<T>(work: (tx: Tx) => Promise<T>) {
	return run('service_role', { role: 'service_role' }, work);
}
