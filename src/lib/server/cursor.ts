// Keyset pagination: the position after the last row shown, as an opaque token. The
// sort key's time is kept as Postgres wrote it (microseconds; a Date keeps milliseconds,
// which would show a row twice or skip one at a page's edge).
import { z } from 'zod';

const at = z.iso.datetime({ offset: true });
// `rank`: a sort key before the time where the order has one (the counsellors' queue: priority).
const position = z.union([z.tuple([at, z.uuid()]), z.tuple([at, z.uuid(), z.string().max(40)])]);

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
