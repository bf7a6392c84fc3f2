// How a community is moderated: when flags hide a post, whether first posts wait for
// approval, whether the mod log names moderators, and its watched words. Its
// moderators change these (RLS); every change lands in the mod log (triggers).
import type { Claims, Tx } from '../data/db';
import { reading, transaction } from '../data/db';
import { NotAllowed } from '../data/db-errors';

export type Settings = { flagHideThreshold: number; holdFirstPosts: boolean; namesInLog: boolean };
export type WatchedWord = { id: string; word: string; action: 'block' | 'hold' | 'flag' };
export const watchedActions = ['block', 'hold', 'flag'] as const;

/** The settings and, for its moderators, the watched words. */
export async function read(claims: Claims, communityId: string, tx?: Tx) {
	const [[settings], words] = await reading(claims, tx, (tx) =>
		Promise.all([
			tx<Settings[]>`
			select flag_hide_threshold as "flagHideThreshold", hold_first_posts as "holdFirstPosts",
				mod_log_names_moderators as "namesInLog"
			from public.communities where id = ${communityId}`,
			tx<WatchedWord[]>`
			select id, word, action from public.watched_words
			where community_id = ${communityId} order by lower(word)`
		])
	);
	return { settings, words };
}

export async function update(claims: Claims, communityId: string, change: Settings) {
	await transaction(claims, async (tx) => {
		const updated = await tx`
			update public.communities
			set flag_hide_threshold = ${change.flagHideThreshold}, hold_first_posts = ${change.holdFirstPosts},
				mod_log_names_moderators = ${change.namesInLog}
			where id = ${communityId}`;
		if (updated.count === 0) throw new NotAllowed();
	});
}

export async function addWord(claims: Claims, communityId: string, word: Omit<WatchedWord, 'id'>) {
	await transaction(
		claims,
		(tx) => tx`
		insert into public.watched_words (community_id, word, action)
		values (${communityId}, ${word.word}, ${word.action})`
	);
}

export async function removeWord(claims: Claims, id: string) {
	await transaction(claims, async (tx) => {
		const removed = await tx`delete from public.watched_words where id = ${id}`;
		if (removed.count === 0) throw new NotAllowed();
	});
}
