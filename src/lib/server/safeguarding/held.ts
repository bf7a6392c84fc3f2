// Counsellors and moderators release what was held for review because of crisis words.
import type { Claims } from '../data/db';
import { transaction } from '../data/db';
import { ids, type Target } from './reveal';

/** Publishes a thread or post held because of crisis words. */
export async function releaseHeld(claims: Claims, target: Target) {
	const { thread, post } = ids(target);
	await transaction(claims, (tx) => tx`select public.release_held(${thread}, ${post})`);
}
