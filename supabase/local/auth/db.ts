// The stand-in's connection as supabase_auth_admin, GoTrue's database role: app
// triggers on auth.users run with exactly the privileges they get on hosted Supabase.
import postgres from 'postgres';

export type Sql = postgres.Sql;
/** What a connection and a transaction have in common: queries accept either. */
export type Db = postgres.ISql;

export const nilUuid = '00000000-0000-0000-0000-000000000000';

/**
 * Timestamps arrive as PostgreSQL's UTC text ("2025-01-31 10:00:00.123456+00") and
 * are turned into what Go's JSON encoder writes ("2025-01-31T10:00:00.123456Z"),
 * keeping the microseconds a JS Date would drop.
 */
function goTime(text: string): string {
	return text.replace(' ', 'T').replace(/\+00(:00)?$/, 'Z');
}

export function connect(databaseUrl: string): Sql {
	return postgres(databaseUrl, {
		max: 10,
		onnotice: () => {},
		connection: { TimeZone: 'UTC', application_name: 'local-auth' },
		types: {
			timestamptz: {
				to: 1184,
				from: [1184],
				serialize: (value: unknown) =>
					value instanceof Date ? value.toISOString() : String(value),
				parse: goTime
			}
		}
	});
}

/**
 * A json/jsonb parameter. Metadata objects are typed loosely (Record<string,
 * unknown>) but only ever hold JSON, since they come from JSON bodies and columns.
 */
export function jsonParam(db: Db, value: Record<string, unknown>) {
	return db.json(value as postgres.JSONValue);
}
