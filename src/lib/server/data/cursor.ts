// Keyset pagination: the position after the last row shown, as an opaque token. The
// sort key's time is kept as Postgres wrote it (microseconds; a Date keeps milliseconds,
// which would show a row twice or skip one at a page's edge).
import { z } from 'zod';

const at = z.iso.datetime({ offset: true });
// A row's key: a uuid, or an identity number (the logs).
const id = z.union([z.uuid(), z.string().regex(/^\d{1,18}$/)]);
// `rank`: a sort key before the time where the order has one (the counsellors' queue: priority).
const position = z.union([z.tuple([at, id]), z.tuple([at, id, z.string().max(40)])]);

/**
 * `at`: the sort key's time as `to_json(timestamptz)` writes it. Queries compare it as
 * `::text::timestamptz`: a parameter typed timestamptz goes through the driver's Date.
 */
export type Position = { at: string; id: string; rank?: string };

export function encode(row: Position) {
	const fields = [row.at, row.id, ...(row.rank === undefined ? [] : [row.rank])];
	return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

/** A token that does not decode is treated as "from the start", never as an error. */
export function decode(token: string | null | undefined): Position | null {
	if (!token || token.length > 200) return null;
	try {
		const parsed = position.safeParse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
		if (!parsed.success) return null;
		const [at, id] = parsed.data;
		return parsed.data.length === 3 ? { at, id, rank: parsed.data[2] } : { at, id };
	} catch {
		return null;
	}
}

/** A page of the queues and logs. */
export const pageSize = 50;

/**
 * A page from rows read one past its size, each with its sort key's time as `sortedAt`
 * (`to_json(…) #>> '{}'`): the rows without it, and the position after the last.
 */
export function paged<Row extends { sortedAt: string; id: string }>(
	rows: Row[],
	{ size = pageSize, rank }: { size?: number; rank?: (row: Row) => string } = {}
) {
	const shown = rows.slice(0, size);
	const last = shown.at(-1);
	return {
		rows: shown.map(({ sortedAt, ...row }) => row),
		next:
			rows.length > size && last
				? encode({ at: last.sortedAt, id: last.id, ...(rank ? { rank: rank(last) } : {}) })
				: null
	};
}
