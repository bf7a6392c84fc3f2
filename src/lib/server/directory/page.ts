// What the directory and its map read for one request: the filter, where it starts, the
// services nearest first and those only online.
import { directorySchema } from '$lib/service-schemas';
import type { Claims } from '../data/db';
import { transaction } from '../data/db';
import * as search from './search';

export async function directory(claims: Claims | null, url: URL) {
	const filter = directorySchema.parse(Object.fromEntries(url.searchParams));
	// Two steps (where the search starts, then what is near it): a transaction, not a read.
	return transaction(claims, async (tx) => {
		const from = filter.near ? await search.origin(claims, filter.near, tx) : null;
		const [nearest, online] = await Promise.all([
			search.nearest(claims, from, filter.topic, tx),
			search.onlineOnly(claims, filter.topic, tx)
		]);
		return { filter, from, unknownPlace: Boolean(filter.near && !from), nearest, online };
	});
}
