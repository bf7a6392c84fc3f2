// Keyset pagination: the position after the last row shown, as an opaque token.
import { z } from 'zod';

const position = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

export type Position = { at: Date; id: string };

export function encode(row: Position) {
	return Buffer.from(JSON.stringify([row.at.toISOString(), row.id])).toString('base64url');
}

/** A token that does not decode is treated as "from the start", never as an error. */
export function decode(token: string | null | undefined): Position | null {
	if (!token || token.length > 200) return null;
	try {
		const parsed = position.safeParse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
		return parsed.success ? { at: new Date(parsed.data[0]), id: parsed.data[1] } : null;
	} catch {
		return null;
	}
}
